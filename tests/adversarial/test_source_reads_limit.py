"""Reads of ``/v1/sources`` (the list, one source, its runs, its audit log) were not
limited at all: the public read limits skip the institutions' API, whose limiter counted
only changes, so one key could ask again and again, each answer built from the database
(a list holds every source's spec), and keep the cores busy. Now each key has a budget
of reads a minute, apart from its changes' and from every other key's; a spent one is a
429 in Spanish with Retry-After."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from config.specs import parse_spec
from tests.adversarial.test_tenancy import QRO, Two, _service, session_spec

READS = 6
SOURCE = "congreso-qro-sesiones"


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Two]:
    made = _service(tmp_path / "data", source_read_rate_per_minute=READS)
    created = made.api.post(
        "/v1/sources", json=session_spec("http://127.0.0.1:9", SOURCE), headers=made.a
    )
    assert created.status_code == 201, created.text
    yield made
    made.library.close()


PATHS = ["", f"/{SOURCE}", f"/{SOURCE}/runs", f"/{SOURCE}/audit"]


def test_reads_past_the_keys_budget_are_a_spanish_429(two: Two) -> None:
    answers = [two.api.get(f"/v1/sources{PATHS[n % 4]}", headers=two.a) for n in range(READS)]
    assert [a.status_code for a in answers] == [200] * READS
    for path in PATHS:
        refused = two.api.get(f"/v1/sources{path}", headers=two.a)
        assert refused.status_code == 429, (path, refused.text)
        assert int(refused.headers["retry-after"]) >= 1
        mensaje = refused.json()["mensaje"]
        assert mensaje.startswith("demasiadas consultas seguidas de sus fuentes: espere")
    # another institution's budget is its own, and so are the key's changes
    assert two.api.get("/v1/sources", headers=two.b).status_code == 200
    paused = two.api.post(f"/v1/sources/{SOURCE}/pause", headers=two.a)
    assert paused.status_code == 200 and paused.json()["paused"] is True


def test_asking_for_anothers_ids_spends_the_budget_too(two: Two) -> None:
    """Guessing at another institution's ids costs what reading one's own does."""
    for n in range(READS):
        guess = two.api.get(f"/v1/sources/{SOURCE}{'/runs' if n % 2 else ''}", headers=two.b)
        assert guess.status_code == 404
    assert two.api.get(f"/v1/sources/{SOURCE}", headers=two.b).status_code == 429
    assert two.api.get(f"/v1/sources/{SOURCE}", headers=two.a).status_code == 200


def test_a_list_of_many_sources_costs_more(two: Two) -> None:
    """Each source's spec is in the list: one of 40 sources costs three reads."""
    for n in range(39):
        spec = session_spec("http://127.0.0.1:9", f"congreso-qro-f{n}") | {"institution": QRO}
        two.registry.create_source("congreso-qro", parse_spec(spec), set())
    first = two.api.get("/v1/sources", headers=two.a)
    assert first.status_code == 200 and len(first.json()["sources"]) == 40
    second = two.api.get("/v1/sources", headers=two.a)
    assert second.status_code == 200
    assert two.api.get("/v1/sources", headers=two.a).status_code == 429
    # one source's reads are still one each: the budget was spent, not the key
    assert two.api.get("/v1/sources", headers=two.b).status_code == 200
