"""Institution B's own crawl runs told it how many crawls other institutions had, over a
real server on 127.0.0.1. Runs of every institution's sources share one sequence of ids
and ``GET /v1/sources/{id}/runs`` (and a source's ``last_run``) showed each run's id as it
is: the gap between two of B's runs was one more than the crawls of others' sources in
between. Runs are now shown numbered by a keyed permutation of their ids (as audit
entries are, under a key of their own): the same number in every answer and every
process of the data folder, listed newest first still."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from tests.adversarial.service import gaceta_spec, open_registry
from tests.uvicorn_thread import serving

A_SOURCE = "congreso-gto-gaceta"
B_SOURCE = "pj-gto-propia"
TIMEOUT = httpx.Timeout(120.0)


@dataclass
class Served:
    http: httpx.Client
    b: dict[str, str]
    db: Any
    settings: Settings


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("run-numbers")
    settings, library, registry = open_registry(folder, f"sqlite:///{folder / 'abierto.db'}")
    registry.add_institution("congreso-gto", "Congreso del Estado de Guanajuato", "congress",
                             "MX-GUA")  # fmt: skip
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court",
                             "MX-GUA")  # fmt: skip
    a, b = (
        {"Authorization": f"Bearer {registry.issue_key(i)[1]}"} for i in ("congreso-gto", "pj-gto")
    )
    try:
        with (
            serving(create_app(library, settings)) as url,
            httpx.Client(base_url=url, timeout=TIMEOUT) as http,
        ):
            for spec, key in ((gaceta_spec(A_SOURCE), a), (gaceta_spec(B_SOURCE), b)):
                assert http.post("/v1/sources", json=spec, headers=key).status_code == 201
            yield Served(http, b, library.db, settings)
    finally:
        library.close()


def _runs(served: Served) -> list[dict[str, object]]:
    answer = served.http.get(f"/v1/sources/{B_SOURCE}/runs?limit=200", headers=served.b)
    assert answer.status_code == 200, answer.text[:300]
    return answer.json()["runs"]


def _crawl(served: Served, source_id: str, message: str) -> None:
    """One crawl of the source as a worker writes it."""
    db = served.db
    db.finish_run(db.start_run(source_id), "failed", {"pages": 0}, {}, message)


def _gap(served: Served, others: int) -> int:
    """What B reads off its runs of ``others`` crawls of A's source between two of its own:
    how many runs the numbers of its two runs leave between them."""
    _crawl(served, B_SOURCE, "no page could be fetched: antes")
    for _ in range(others):
        _crawl(served, A_SOURCE, "no page could be fetched: ajena")
    _crawl(served, B_SOURCE, "no page could be fetched: despues")
    newest, older = _runs(served)[:2]
    assert (older["message"], newest["message"]) == (
        "no page could be fetched: antes",
        "no page could be fetched: despues",
    )
    return int(newest["id"]) - int(older["id"]) - 1  # type: ignore[call-overload]


def test_ones_own_runs_do_not_count_others_crawls(served: Served) -> None:
    none = _gap(served, 0)
    three = _gap(served, 3)
    # the attack: "no run between: no one else crawled". It must say the same of both
    assert (none == 0) == (three == 0), (none, three)


def test_a_run_has_one_number_everywhere_newest_first(served: Served) -> None:
    for n in range(3):
        _crawl(served, B_SOURCE, f"no page could be fetched: {n}")
    runs = _runs(served)
    ids = [run["id"] for run in runs]
    assert all(1 <= n <= 2**53 - 1 for n in ids), ids  # exact in a browser's JavaScript
    assert len(set(ids)) == len(ids) and all(isinstance(i, int) and i >= 1 for i in ids)
    # newest first, as the real ids go, whatever order the numbers have
    assert [run["message"] for run in runs[:3]] == [
        f"no page could be fetched: {n}" for n in (2, 1, 0)
    ]
    shown = served.http.get(f"/v1/sources/{B_SOURCE}", headers=served.b).json()
    assert shown["last_run"]["id"] == ids[0]
    listed = served.http.get("/v1/sources", headers=served.b).json()["sources"]
    assert [s["last_run"]["id"] for s in listed if s["id"] == B_SOURCE] == [ids[0]]
    # the audit log numbers its entries under another key: a run's number and an
    # entry's number of one id are not the same number
    audit = served.http.get(f"/v1/sources/{B_SOURCE}/audit", headers=served.b).json()
    assert not {e["id"] for e in audit["entries"]} & set(ids)
    # another process of the same data folder (a second worker) shows the same numbers
    library = Library.open(served.settings)
    try:
        with (
            serving(create_app(library, served.settings)) as url,
            httpx.Client(base_url=url, timeout=TIMEOUT) as http,
        ):
            again = http.get(f"/v1/sources/{B_SOURCE}/runs?limit=200", headers=served.b)
            assert [run["id"] for run in again.json()["runs"]] == ids
    finally:
        library.close()
