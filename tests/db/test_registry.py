"""Institutions, keys, sources and claims, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest

from config.specs import parse_spec
from indexer.db import Database
from indexer.db.registry import Conflict, Registry, RegistryError, is_stale

SPEC = {
    "id": "congreso-oax-gaceta",
    "kind": "legislativo",
    "institution": "H. Congreso del Estado de Oaxaca",
    "jurisdiction": "MX-OAX",
    "start_urls": ["https://congreso.example/gaceta/"],
    "listing": {"items": "article", "link": "a::attr(href)"},
    "schedule": {"every_hours": 6},
}


@pytest.fixture
def registry(database_url: str) -> Iterator[Registry]:
    db = Database(database_url)
    registry = Registry(db)
    registry.add_institution(
        "congreso-oax", "H. Congreso del Estado de Oaxaca", "congress", "mx-oax"
    )
    registry.add_institution(
        "tsj-oax", "Tribunal Superior de Justicia de Oaxaca", "court", "MX-OAX"
    )
    yield registry
    db.close()


def test_institutions_are_validated_and_unique(registry: Registry) -> None:
    assert registry.get_institution("congreso-oax").jurisdiction == "MX-OAX"
    with pytest.raises(Conflict):
        registry.add_institution("congreso-oax", "Otra", "congress", "MX-OAX")
    with pytest.raises(RegistryError, match="kind"):
        registry.add_institution("x-y-z", "Otra", "ministry", "MX-OAX")
    with pytest.raises(ValueError, match="ISO 3166-2:MX"):
        registry.add_institution("x-y-z", "Otra", "court", "Oaxaca")


def test_no_two_institutions_share_a_name(registry: Registry) -> None:
    """Documents say whose they are by the institution's name: two sources' publications
    of one file (or one sentence) are one document when the names agree, so an institution
    added under another's name (an operator's slip, «Tribunal Superior de Justicia de
    Oaxaca» given twice) had its crawls fill the other's documents and list themselves on
    them. Its name is refused whatever its letter case, accents or spaces."""
    for name in (
        "Tribunal Superior de Justicia de Oaxaca",
        "TRIBUNAL SUPERIOR DE JUSTICIA  DE OAXACA",
        "Tribunal Superior de Justícia de Oaxaca ",
    ):
        with pytest.raises(Conflict, match="tsj-oax"):
            registry.add_institution("tsj-oax-dos", name, "court", "MX-OAX")
    assert registry.get_institution("tsj-oax-dos") is None
    made = registry.add_institution("tsj-oax-dos", "Tribunal de Oaxaca Dos", "court", "MX-OAX")
    assert made.name == "Tribunal de Oaxaca Dos"


def test_keys_are_shown_once_stored_hashed_and_revocable(registry: Registry) -> None:
    key_id, key = registry.issue_key("congreso-oax", "transparencia")
    [row] = registry.list_keys("congreso-oax")
    secret = key.removeprefix(f"ea_{key_id}_")  # the secret itself may hold "_"
    assert secret != key and len(secret) >= 20
    assert secret not in row.secret_sha256 and len(row.secret_sha256) == 64
    caller = registry.authenticate(key)
    assert caller is not None and caller.institution_id == "congreso-oax"
    assert registry.authenticate(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert registry.authenticate("ea_nokey_nosecret") is None
    assert registry.authenticate("garbage") is None
    assert registry.revoke_key(key_id) is True
    assert registry.authenticate(key) is None
    assert registry.revoke_key(key_id) is False


def test_sources_belong_to_their_institution(registry: Registry) -> None:
    spec = parse_spec(SPEC)
    registry.create_source("congreso-oax", spec, reserved=set())
    assert registry.get_source(spec.id, owner="congreso-oax") is not None
    assert registry.get_source(spec.id, owner="tsj-oax") is None
    assert registry.set_paused(spec.id, "tsj-oax", True) is None
    assert registry.delete_source(spec.id, "tsj-oax") is False
    assert [row.id for row in registry.list_sources("tsj-oax")] == []
    with pytest.raises(RegistryError, match="namespace"):
        registry.create_source("tsj-oax", spec, reserved=set())
    with pytest.raises(Conflict):
        registry.create_source("tsj-oax", parse_spec(SPEC | {"id": "catalogo"}), {"catalogo"})


def test_the_registry_itself_keeps_ids_and_scopes_in_their_namespace(registry: Registry) -> None:
    """Whoever calls it (API, command line, a future caller), no institution can register
    under another's id or write documents under another's identity scope."""
    with pytest.raises(RegistryError, match="namespace"):
        registry.create_source("tsj-oax", parse_spec(SPEC | {"id": "congreso-oax-copia"}), set())
    foreign_scope = SPEC | {
        "id": "tsj-oax-copia",
        "identity": {"scope": "congreso-oax-gaceta", "key": ["number"]},
    }
    with pytest.raises(RegistryError, match=r"identity\.scope"):
        registry.create_source("tsj-oax", parse_spec(foreign_scope), set())
    own = registry.create_source("tsj-oax", parse_spec(SPEC | {"id": "tsj-oax-propia"}), set())
    moved = SPEC | {
        "id": own.id,
        "identity": {"scope": "congreso-oax-gaceta", "key": ["number"]},
    }
    with pytest.raises(RegistryError, match=r"identity\.scope"):
        registry.update_source(own.id, "tsj-oax", parse_spec(moved))
    assert registry.get_source(own.id).spec.get("identity") in (None, {})


def test_due_sources_are_claimed_once_and_released_on_schedule(registry: Registry) -> None:
    registry.create_source("congreso-oax", parse_spec(SPEC), reserved=set())
    lease = dt.timedelta(minutes=10)
    [claimed] = registry.claim_due("w1", lease, limit=5)
    assert claimed.claimed_by == "w1"
    assert registry.claim_due("w2", lease, limit=5) == []
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=11)
    [stolen] = registry.claim_due("w2", lease, limit=5, now=later)
    assert stolen.claimed_by == "w2"
    registry.release("congreso-oax-gaceta", "w1", succeeded=True)
    assert registry.get_source("congreso-oax-gaceta").claimed_by == "w2"
    registry.release("congreso-oax-gaceta", "w2", succeeded=True)
    row = registry.get_source("congreso-oax-gaceta")
    assert row.claimed_by is None and row.last_success_at is not None
    assert registry.claim_due("w3", lease, limit=5) == []
    assert registry.claim_due("w3", lease, limit=5, now=later + dt.timedelta(hours=6))


def test_racing_workers_never_claim_the_same_source(registry: Registry) -> None:
    for n in range(12):
        registry.create_source(
            "congreso-oax",
            parse_spec(
                SPEC  # a site each: one site is crawled by one claim at a time
                | {
                    "id": f"congreso-oax-f{n:02d}",
                    "start_urls": [f"https://f{n}.congreso.example/"],
                }
            ),
            set(),
        )
    claims: dict[str, list[str]] = {}

    def work(name: str) -> None:
        claims[name] = [row.id for row in registry.claim_due(name, dt.timedelta(minutes=5), 12)]

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    taken = [source for ids in claims.values() for source in ids]
    assert sorted(taken) == sorted(set(taken))
    assert len(taken) == 12


def test_paused_sources_are_not_claimed_and_stale_is_flagged(registry: Registry) -> None:
    spec = parse_spec(SPEC)
    row = registry.create_source("congreso-oax", spec, reserved=set())
    registry.set_paused(spec.id, "congreso-oax", True)
    assert registry.claim_due("w1", dt.timedelta(minutes=5), 5) == []
    assert not is_stale(row)
    assert is_stale(row, now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=13))


def test_a_new_institution_cannot_take_names_another_already_holds(registry: Registry) -> None:
    """Namespaces go to the longest institution id: one created later whose id begins an
    existing source's id or identity scope would own that name (register under its scope,
    be told it is its own), so it is refused while they exist."""
    registry.create_source("congreso-oax", parse_spec(SPEC), reserved=set())
    scoped = SPEC | {
        "id": "congreso-oax-diario",
        "identity": {"scope": "congreso-oax-debates-2024", "key": ["number"]},
    }
    registry.create_source("congreso-oax", parse_spec(scoped), reserved=set())
    for taken in ("congreso-oax-gaceta", "congreso-oax-debates", "congreso-oax-diario"):
        with pytest.raises(Conflict, match="namespace"):
            registry.add_institution(taken, "Otra", "congress", "MX-OAX")
        assert registry.get_institution(taken) is None
    assert registry.namespace_owner("congreso-oax-debates-2024") == "congreso-oax"
    # a name beside them, not inside, is free
    registry.add_institution("congreso-oax-gac", "Otra", "congress", "MX-OAX")
    assert registry.namespace_owner("congreso-oax-gaceta") == "congreso-oax"
