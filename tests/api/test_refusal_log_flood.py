"""Another institution's refused attempts are noted off the request's path, at most a
hundred of one key waiting at once. A flood faster than the notes are written (a loaded
machine, a sequential script) lost everything past the hundred: the owner's audit log
showed 117 of 150 attempts. Past the bound they are now counted, and written as one
entry that says how many attempts it stands for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.refusal_log import MAX_PENDING_PER_KEY, RefusalLog
from indexer.db import Database
from indexer.db.registry import Caller, Registry

FLOOD = 3 * MAX_PENDING_PER_KEY + 7


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    yield database
    database.close()


def _attempts(registry: Registry, source_id: str) -> list[int]:
    return [
        int(row.detail.get("attempts", 1)) for row in registry.audit_log(source_id, limit=10_000)
    ]


def test_a_flood_past_the_bound_is_counted_whole(db: Database) -> None:
    notes = RefusalLog(db)
    stranger = Caller("tsj-oax", "k1")
    for _ in range(FLOOD):  # all queued before the thread's first write (DELAY_S)
        notes.note("refused_read", "congreso-oax-gaceta", stranger, "10.0.0.9", {})
    assert notes.settle(30)
    attempts = _attempts(Registry(db), "congreso-oax-gaceta")
    assert sum(attempts) == FLOOD
    assert len(attempts) < FLOOD  # the overflow is one entry, not one row each
    notes.close()


def test_counted_attempts_stay_with_their_source_and_key(db: Database) -> None:
    notes = RefusalLog(db)
    one, other = Caller("tsj-oax", "k1"), Caller("tsj-oax", "k2")
    for _ in range(FLOOD):
        notes.note("refused_read", "fuente-a", one, None, {})
        notes.note("refused_pause", "fuente-b", one, None, {})
        notes.note("refused_read", "fuente-a", other, None, {})
        notes.note("refused_read", None, one, None, {})  # about no source: nothing written
    assert notes.settle(30)
    notes.close()
    registry = Registry(db)
    rows = registry.audit_log("fuente-a", limit=10_000)
    by_key: dict[str, int] = {}
    for row in rows:
        assert row.action == "refused_read"
        by_key[row.key_id or ""] = by_key.get(row.key_id or "", 0) + row.detail.get("attempts", 1)
    assert by_key == {"k1": FLOOD, "k2": FLOOD}
    assert sum(_attempts(registry, "fuente-b")) == FLOOD
    written = registry.audit_log(None, limit=10_000)
    assert len(written) == len(rows) + len(registry.audit_log("fuente-b", limit=10_000))
