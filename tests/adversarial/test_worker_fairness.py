"""The worker takes due sources in turns across institutions: one institution with many
sources due long ago does not keep another's single due source waiting while it crawls
them one after another. Through the registry's claim, the worker's own selection, on
each relational backend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import update

from config.specs import parse_spec
from indexer.db import Database
from indexer.db.registry import Registry
from indexer.db.tables import SourceRow

LEASE = dt.timedelta(minutes=30)
NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
BUSY = "tsj-oax"  # many sources, all due long ago
QUIET = ("congreso-oax", "iee-oax")  # one source each, due more recently


def _spec(source_id: str) -> dict[str, object]:
    return {
        "id": source_id, "kind": "legislativo", "jurisdiction": "MX-OAX", "institution": "Oaxaca",
        "start_urls": [f"https://{source_id}.ejemplo.invalid/lista"],  # a site each
        "listing": {"items": "article", "link": "a::attr(href)"},
    }  # fmt: skip


@pytest.fixture
def registry(database_url: str) -> Iterator[Registry]:
    db = Database(database_url)
    registry = Registry(db)
    registry.add_institution(BUSY, "Tribunal Superior de Justicia", "court", "MX-OAX")
    registry.add_institution(QUIET[0], "Congreso del Estado", "congress", "MX-OAX")
    registry.add_institution(QUIET[1], "Instituto Electoral", "court", "MX-OAX")
    due: dict[str, dt.datetime] = {}
    for n in range(40):
        source = f"{BUSY}-s{n:02d}"
        registry.create_source(BUSY, parse_spec(_spec(source)), set())
        due[source] = NOW - dt.timedelta(days=3, minutes=n)  # s39 is the oldest
    for hours, owner in enumerate(QUIET, start=1):
        registry.create_source(owner, parse_spec(_spec(f"{owner}-gaceta")), set())
        due[f"{owner}-gaceta"] = NOW - dt.timedelta(hours=hours)
    with db.session() as s, s.begin():
        for source, when in due.items():
            s.execute(update(SourceRow).where(SourceRow.id == source).values(next_run_at=when))
    yield registry
    db.close()


def _claim(registry: Registry, free: int) -> list[str]:
    return [row.id for row in registry.claim_due("w1", LEASE, free, now=NOW)]


def test_every_institution_gets_a_turn_before_one_gets_a_second(registry: Registry) -> None:
    """Before: the four slots went to the busy institution's four oldest sources."""
    claimed = _claim(registry, 4)
    assert claimed == [f"{BUSY}-s39", "iee-oax-gaceta", "congreso-oax-gaceta", f"{BUSY}-s38"]


def test_slots_freed_one_at_a_time_still_take_turns(registry: Registry) -> None:
    """The worker fills one slot at a time as crawls end: a crawl still running is the
    turn its institution already took. Before: slot after slot went to the busy one."""
    assert _claim(registry, 1) == [f"{BUSY}-s39"]
    assert _claim(registry, 1) == ["iee-oax-gaceta"]
    assert _claim(registry, 1) == ["congreso-oax-gaceta"]
    registry.release("iee-oax-gaceta", "w1", succeeded=True)  # done: due again in hours
    assert _claim(registry, 2) == [f"{BUSY}-s38", f"{BUSY}-s37"]


def test_within_an_institution_the_oldest_due_goes_first(registry: Registry) -> None:
    claimed = _claim(registry, 45)
    mine = [source for source in claimed if source.startswith(BUSY)]
    assert mine == [f"{BUSY}-s{n:02d}" for n in range(39, -1, -1)]
    assert len(claimed) == 42
