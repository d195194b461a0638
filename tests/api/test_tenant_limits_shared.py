"""An institution's budgets (its changes, the reads of its own sources, the alerts it
makes) and a stranger's (calls without a key) hold across API processes: two apps over
one database, SQLite and PostgreSQL, admit the configured number in total, not that
number each; and a locked SQLite database never turns a call into an error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library

LIMIT = 4
SPEC = {
    "id": "congreso-gto-gaceta-propia",
    "kind": "legislativo",
    "jurisdiction": "MX-GUA",
    "start_urls": ["http://127.0.0.1:1/gaceta/"],
    "listing": {"items": "css:article", "link": "css:a::attr(href)"},
}


@dataclass
class Pair:
    clients: list[TestClient]
    key: dict[str, str]
    library: Library


@pytest.fixture
def pair(tmp_path: Path, database_url: str) -> Iterator[Pair]:
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        allow_loopback=True,
        write_rate_per_minute=LIMIT,
        source_read_rate_per_minute=LIMIT,
        alert_rate_per_minute=LIMIT,
    )
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
    _, key = registry.issue_key("congreso-gto")
    clients = [TestClient(create_app(library, settings)) for _ in range(2)]
    yield Pair(clients, {"Authorization": f"Bearer {key}"}, library)
    for client in clients:
        client.close()
    library.close()


def _alternating(pair: Pair, call: str, path: str, times: int, **kwargs: object) -> list[int]:
    """``times`` calls, answered by one process and the other in turn."""
    return [
        pair.clients[n % 2].request(call, path, **kwargs).status_code  # type: ignore[arg-type]
        for n in range(times)
    ]


def test_a_keys_changes_are_one_budget_across_processes(pair: Pair) -> None:
    created = pair.clients[0].post("/v1/sources", json=SPEC, headers=pair.key)
    assert created.status_code == 201
    answers = _alternating(
        pair, "POST", f"/v1/sources/{SPEC['id']}/pause", 3 * LIMIT, headers=pair.key
    )
    assert answers.count(200) == LIMIT - 1  # the creation spent one
    assert set(answers[LIMIT - 1 :]) == {429}
    refused = pair.clients[1].post(f"/v1/sources/{SPEC['id']}/resume", headers=pair.key)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "demasiados cambios" in refused.json()["mensaje"]


def test_reads_of_own_sources_are_one_budget_across_processes(pair: Pair) -> None:
    answers = _alternating(pair, "GET", "/v1/sources", 3 * LIMIT, headers=pair.key)
    assert answers[:LIMIT] == [200] * LIMIT
    assert set(answers[LIMIT:]) == {429}


def test_alerts_made_are_one_budget_across_processes(pair: Pair) -> None:
    body = {"query": {"q": "agua"}, "delivery": {}}  # spends, then says what is missing
    answers = _alternating(pair, "POST", "/v1/alerts", 3 * LIMIT, json=body, headers=pair.key)
    assert answers[:LIMIT] == [422] * LIMIT
    assert set(answers[LIMIT:]) == {429}


def test_calls_with_a_wrong_key_are_one_budget_across_processes(pair: Pair) -> None:
    wrong = {"Authorization": "Bearer ea_adivinada"}
    answers = _alternating(pair, "GET", "/v1/sources", 3 * LIMIT, headers=wrong)
    assert answers[:LIMIT] == [401] * LIMIT  # guessing keys is no faster with more workers
    assert set(answers[LIMIT:]) == {429}


def test_a_locked_sqlite_database_never_fails_a_read(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, source_read_rate_per_minute=LIMIT)
    library = Library.open(settings)
    try:
        registry = Registry(library.db)
        registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
        _, key = registry.issue_key("congreso-gto")
        client = TestClient(create_app(library, settings))
        auth = {"Authorization": f"Bearer {key}"}
        assert client.get("/v1/sources", headers=auth).status_code == 200  # its use noted
        holder = sqlite3.connect(tmp_path / "abierto.db")
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        try:
            answers = [client.get("/v1/sources", headers=auth).status_code for _ in range(LIMIT)]
        finally:
            holder.rollback()
            holder.close()
        # the process decides alone meanwhile, from what it spent: never an error
        assert answers == [200] * (LIMIT - 1) + [429]
    finally:
        library.close()
