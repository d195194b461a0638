"""``GET /v1/sources`` reads every source's newest run at once.

The list is not read-limited like the public reads (it has its key check instead), and it
asked the database once per source for its newest run: an institution at its quota of
200 sources made each list cost some 200 queries, and a key asking it in a loop kept the
server's cores for itself. Now the statements a list costs do not grow with its sources,
and each source still shows its own newest run (the same one its own page shows)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.adversarial.service import gaceta_spec


@dataclass
class Listing:
    api: TestClient
    library: Library
    own: dict[str, str]
    other: dict[str, str]


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Listing]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        allow_loopback=True,
        write_rate_per_minute=1_000,
    )
    library = Library.open(settings, writer=True)
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "Congreso del Estado de Guanajuato", "congress",
                             "MX-GUA")  # fmt: skip
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court",
                             "MX-GUA")  # fmt: skip
    own, other = (
        {"Authorization": f"Bearer {registry.issue_key(i)[1]}"} for i in ("congreso-gto", "pj-gto")
    )
    with TestClient(create_app(library, settings), raise_server_exceptions=False) as api:
        assert api.post("/v1/sources", json=gaceta_spec("pj-gto-propia"), headers=other).is_success
        yield Listing(api, library, own, other)
    library.close()


def _register(listing: Listing, source_id: str) -> None:
    made = listing.api.post("/v1/sources", json=gaceta_spec(source_id), headers=listing.own)
    assert made.status_code == 201, made.text


def _run(listing: Listing, source_id: str, status: str, pages: int) -> None:
    run = listing.library.db.start_run(source_id)
    listing.library.db.finish_run(run, status, {"pages": pages}, {})


def _statements(listing: Listing) -> tuple[int, dict[str, Any]]:
    """The SQL statements one ``GET /v1/sources`` ran, and its answer."""
    seen: list[str] = []

    def count(*_args: Any) -> None:
        seen.append("statement")

    engine = listing.library.db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        answer = listing.api.get("/v1/sources", headers=listing.own)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert answer.status_code == 200, answer.text
    return len(seen), answer.json()


def test_each_source_shows_its_own_newest_run(listing: Listing) -> None:
    for n in range(3):
        _register(listing, f"congreso-gto-lista-{n}")
    _run(listing, "congreso-gto-lista-0", "failed", 0)
    _run(listing, "pj-gto-propia", "ok", 99)  # another institution's, run meanwhile
    _run(listing, "congreso-gto-lista-0", "ok", 7)
    _run(listing, "congreso-gto-lista-1", "empty", 1)
    _, answer = _statements(listing)
    shown = {s["id"]: s["last_run"] for s in answer["sources"]}
    assert "pj-gto-propia" not in shown
    assert shown["congreso-gto-lista-0"]["status"] == "ok"
    assert shown["congreso-gto-lista-0"]["stats"] == {"pages": 7}
    assert shown["congreso-gto-lista-1"]["status"] == "empty"
    assert shown["congreso-gto-lista-2"] is None
    for source_id, last in shown.items():
        alone = listing.api.get(f"/v1/sources/{source_id}", headers=listing.own)
        assert alone.json()["last_run"] == last


def test_a_longer_list_costs_no_more_statements(listing: Listing) -> None:
    before, answer = _statements(listing)
    count = len(answer["sources"])
    for n in range(count, count + 30):
        _register(listing, f"congreso-gto-lista-{n}")
        _run(listing, f"congreso-gto-lista-{n}", "ok", n)
    after, answer = _statements(listing)
    assert len(answer["sources"]) == count + 30
    assert after == before, f"{before} statements for {count} sources, {after} for {count + 30}"
