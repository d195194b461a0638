"""One site, one crawl at a time: sources (of one institution or several) whose start
addresses are on one host are never claimed together, by one worker or several; the one
left waiting is due still, not failed, and taken when the site is free, the longest due
first. Different hosts, even of one court, are crawled at once. Through the registry's
claim, on each relational backend."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import update

from config.specs import parse_spec
from indexer.db import Database
from indexer.db.crawl_sites import sites_of
from indexer.db.registry import Registry
from indexer.db.tables import SourceRow

LEASE = dt.timedelta(minutes=30)
NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
SJF = "https://sjf2.scjn.gob.mx"


def _spec(source_id: str, url: str) -> dict[str, object]:
    return {
        "id": source_id, "kind": "sentencia", "jurisdiction": "MX", "institution": "SCJN",
        "start_urls": [url], "listing": {"items": "article", "link": "a::attr(href)"},
    }  # fmt: skip


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    registry = Registry(db)
    registry.add_institution("scjn", "Suprema Corte de Justicia de la Nación", "court", "MX")
    registry.add_institution("cjf", "Consejo de la Judicatura Federal", "court", "MX")
    yield db
    db.close()


def _register(db: Database, sources: dict[str, tuple[str, int]]) -> Registry:
    """``sources``: id → (start address, hours it has been due); each id's institution
    is its first part."""
    registry = Registry(db)
    for source_id, (url, _) in sources.items():
        registry.create_source(source_id.split("-")[0], parse_spec(_spec(source_id, url)), set())
    with db.session() as s, s.begin():
        for source_id, (_, hours) in sources.items():
            when = NOW - dt.timedelta(hours=hours)
            s.execute(update(SourceRow).where(SourceRow.id == source_id).values(next_run_at=when))
    return registry


def _claim(registry: Registry, worker: str, free: int, now: dt.datetime = NOW) -> list[str]:
    return [row.id for row in registry.claim_due(worker, LEASE, free, now=now)]


def test_a_busy_sites_source_waits_due_and_runs_when_the_site_is_free(db: Database) -> None:
    """Before: both sources on sjf2 were claimed at once, by one worker or two."""
    registry = _register(
        db,
        {
            "scjn-tesis": (f"{SJF}/busqueda-principal-tesis", 5),
            "cjf-tesis": (f"{SJF.upper()}:443/detalle/tesis", 3),  # the same host, spelt so
            "scjn-boletin": ("https://bj.scjn.gob.mx/boletin", 1),  # another server
        },
    )
    assert _claim(registry, "w1", 3) == ["scjn-tesis", "scjn-boletin"]
    assert _claim(registry, "w2", 3) == []  # another worker: the site is busy
    waiting = registry.get_source("cjf-tesis")
    assert waiting.claimed_by is None and waiting.last_success_at is None
    assert waiting.next_run_at.replace(tzinfo=dt.UTC) == NOW - dt.timedelta(hours=3)
    registry.release("scjn-tesis", "w1", succeeded=True)
    assert _claim(registry, "w2", 3) == ["cjf-tesis"]


def test_the_longest_due_of_a_site_goes_first_and_a_dead_claim_frees_it(db: Database) -> None:
    registry = _register(db, {f"scjn-s{n}": (f"{SJF}/lista/{n}", 10 - n) for n in range(4)})
    assert _claim(registry, "w1", 4) == ["scjn-s0"]
    registry.release("scjn-s0", "w1", succeeded=False)  # failed: due again in hours
    assert _claim(registry, "w1", 4) == ["scjn-s1"]
    # w1 dies holding s1: once its lease ends, the site goes on with the longest due
    later = NOW + LEASE + dt.timedelta(minutes=1)
    assert _claim(registry, "w2", 4, now=later) == ["scjn-s1"]
    registry.release("scjn-s1", "w2", succeeded=True)
    assert _claim(registry, "w2", 4, now=later) == ["scjn-s2"]


def test_racing_workers_take_one_source_per_site(db: Database) -> None:
    """Four workers claiming at once, twelve due sources on three sites: three claims,
    one per site. Before: all twelve were taken."""
    hosts = ("sjf2.scjn.gob.mx", "www.scjn.gob.mx", "bj.scjn.gob.mx")
    _register(db, {f"scjn-f{n:02d}": (f"https://{hosts[n % 3]}/p{n}", 20 - n) for n in range(12)})
    claims: dict[str, list[str]] = {}

    def work(name: str) -> None:
        own = Database(db.url)  # a worker process of its own, with its own connections
        try:
            claims[name] = _claim(Registry(own), name, 12)
        finally:
            own.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    taken = sorted(source for ids in claims.values() for source in ids)
    assert taken == ["scjn-f00", "scjn-f01", "scjn-f02"]  # each site's longest due


def test_a_site_is_a_host_not_a_domain_nor_a_port() -> None:
    assert sites_of(["https://SJF2.scjn.gob.mx.:8443/a", "http://sjf2.scjn.gob.mx/b"]) == {
        "sjf2.scjn.gob.mx"
    }
    assert sites_of(["https://www.scjn.gob.mx/", "https://bj.scjn.gob.mx/"]) == {
        "www.scjn.gob.mx",
        "bj.scjn.gob.mx",
    }
    assert sites_of(["no es una dirección", "http://[::1"]) == frozenset()


def test_a_free_site_behind_many_waiting_ones_is_still_taken(db: Database) -> None:
    """Twenty sources of a busy site are due before one of another site: the worker's
    free slot goes to that one, not to nothing."""
    sources = {f"scjn-s{n:02d}": (f"{SJF}/lista/{n}", 50 - n) for n in range(20)}
    registry = _register(db, sources | {"cjf-boletin": ("https://bj.scjn.gob.mx/b", 1)})
    assert _claim(registry, "w1", 1) == ["scjn-s00"]
    assert _claim(registry, "w2", 1) == ["cjf-boletin"]
    assert _claim(registry, "w3", 1) == []
