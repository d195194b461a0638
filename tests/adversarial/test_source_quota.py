"""How many sources one institution may hold. Nothing bounded it but the write rate (30
a minute: 43,200 a day), and every source is a stored spec of up to a megabyte, a worker's
crawl an hour, and a row (with its runs read) on the public ``/fuentes`` page every visitor
loads. At ``ABIERTO_MAX_SOURCES_PER_INSTITUTION`` a new one is a 409 that says so in
Spanish; deleting one makes room, and another institution is not held by it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from config.specs import parse_spec
from indexer.db import Database
from indexer.db.registry import QuotaExceeded, Registry
from tests.adversarial.test_tenancy import Two, _service, session_spec

LIMIT = 3


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    made = _service(tmp_path / "data", max_sources_per_institution=LIMIT)
    yield made
    made.library.close()


def _spec(n: int, owner: str = "congreso-qro") -> dict[str, object]:
    return session_spec("http://127.0.0.1:9", f"{owner}-fuente-{n}")


def test_a_source_past_the_quota_is_a_409_in_spanish(two: Two) -> None:
    for n in range(LIMIT):
        assert two.api.post("/v1/sources", json=_spec(n), headers=two.a).status_code == 201
    refused = two.api.post("/v1/sources", json=_spec(LIMIT), headers=two.a)
    assert refused.status_code == 409, refused.text
    assert str(LIMIT) in refused.json()["mensaje"] and "fuentes" in refused.json()["mensaje"]
    assert len(two.registry.list_sources(owner="congreso-qro")) == LIMIT
    other = session_spec("http://127.0.0.1:9", "tsj-qro-fuente")
    assert two.api.post("/v1/sources", json=other, headers=two.b).status_code == 201
    assert two.api.delete("/v1/sources/congreso-qro-fuente-0", headers=two.a).status_code == 204
    assert two.api.post("/v1/sources", json=_spec(LIMIT), headers=two.a).status_code == 201


def test_replacing_a_source_at_the_quota_is_allowed(two: Two) -> None:
    for n in range(LIMIT):
        assert two.api.post("/v1/sources", json=_spec(n), headers=two.a).status_code == 201
    changed = _spec(0) | {"schedule": {"every_hours": 48}}
    replaced = two.api.put("/v1/sources/congreso-qro-fuente-0", json=changed, headers=two.a)
    assert replaced.status_code == 200, replaced.text


RACERS = 8


def test_registrations_racing_stop_at_the_quota(database_url: str) -> None:
    """Eight processes' connections registering at once, one source each: exactly the
    quota is stored (before, on PostgreSQL each counted the others' sources as absent and
    all eight were inserted), and the rest are told the quota is full."""
    databases = [Database(database_url) for _ in range(RACERS)]
    try:
        Registry(databases[0]).add_institution("congreso-qro", "Congreso", "congress", "MX-QUE")
        gate = threading.Barrier(RACERS)

        def register(n: int) -> str:
            registry = Registry(databases[n])
            spec = parse_spec(_spec(n) | {"institution": "Congreso"})
            gate.wait()
            try:
                registry.create_source("congreso-qro", spec, set(), quota=LIMIT)
            except QuotaExceeded:
                return "lleno"
            return "registrada"

        with ThreadPoolExecutor(RACERS) as pool:
            answers = list(pool.map(register, range(RACERS)))
        assert sorted(answers) == ["lleno"] * (RACERS - LIMIT) + ["registrada"] * LIMIT
        assert len(Registry(databases[0]).list_sources(owner="congreso-qro")) == LIMIT
    finally:
        for db in databases:
            db.close()
