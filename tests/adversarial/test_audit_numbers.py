"""Institution B's own audit log told it whether institution A has a source, or gave a
source an identity scope (which no page shows), over a real server on 127.0.0.1. Audit
rows of every institution share one sequence of ids, the log showed each entry's id as it
is, and a refused attempt on another's existing source (or on its scope) writes a row to
that source's log while one on an unknown id writes none: B paused its own source, asked
for A's id (a 404 either way, in the same time), resumed its own, and read its log (which
writes every pending note first): the two entries' ids were two apart for A's source, one
apart for an id no one has. Entries are now shown numbered by a keyed permutation of
their ids; ``before=`` still pages through them all, and A still reads B's attempt in its
log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from api.app import create_app
from api.entry_numbers import LARGEST
from tests.adversarial.service import gaceta_spec, open_registry
from tests.uvicorn_thread import serving

A_SOURCE = "congreso-gto-gaceta"
A_SCOPE = "congreso-gto-expedientes"  # shown nowhere: /fuentes lists ids, not scopes
B_SOURCE = "pj-gto-propia"
TIMEOUT = httpx.Timeout(120.0)


@dataclass
class Served:
    http: httpx.Client
    a: dict[str, str]
    b: dict[str, str]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("audit-numbers")
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
            scoped = gaceta_spec(A_SOURCE, identity={"scope": A_SCOPE, "key": ["number"]})
            for spec, key in ((scoped, a), (gaceta_spec(B_SOURCE), b)):
                assert http.post("/v1/sources", json=spec, headers=key).status_code == 201
            yield Served(http, a, b)
    finally:
        library.close()


def _newest(served: Served) -> dict[str, object]:
    """B's newest own entry, as its log shows it (reading it writes the pending notes)."""
    page = served.http.get(f"/v1/sources/{B_SOURCE}/audit?who=own&limit=1", headers=served.b)
    assert page.status_code == 200, page.text[:300]
    return page.json()["entries"][0]


def _rows_between(served: Served, probe: Callable[[], httpx.Response]) -> int:
    """What B reads off its log of a probe: how many rows the numbers of its two entries
    around it leave between them."""
    paused = served.http.post(f"/v1/sources/{B_SOURCE}/pause", headers=served.b)
    assert paused.status_code == 200, paused.text[:300]
    before = _newest(served)
    answer = probe()
    assert answer.status_code in (404, 422), answer.text[:300]
    _newest(served)  # the probe's note, if any, is written now
    resumed = served.http.post(f"/v1/sources/{B_SOURCE}/resume", headers=served.b)
    assert resumed.status_code == 200, resumed.text[:300]
    after = _newest(served)
    assert (before["action"], after["action"]) == ("pause", "resume")
    return int(after["id"]) - int(before["id"]) - 1  # type: ignore[call-overload]


def _read(served: Served, source_id: str) -> Callable[[], httpx.Response]:
    return lambda: served.http.get(f"/v1/sources/{source_id}", headers=served.b)


def _take_scope(served: Served, scope: str) -> Callable[[], httpx.Response]:
    spec = gaceta_spec("pj-gto-sonda", identity={"scope": scope, "key": ["number"]})
    return lambda: served.http.post("/v1/sources", json=spec, headers=served.b)


def test_ones_own_log_does_not_tell_whether_another_has_a_source(served: Served) -> None:
    existing = _rows_between(served, _read(served, A_SOURCE))
    unknown = _rows_between(served, _read(served, "congreso-gto-ninguna"))
    # the attack: "one row between: the id exists". It must say the same of both
    assert (existing == 1) == (unknown == 1), (existing, unknown)
    # and A is still told of the attempt on its source
    log = served.http.get(f"/v1/sources/{A_SOURCE}/audit?who=others", headers=served.a)
    assert ("refused_read", "pj-gto") in [
        (e["action"], e["institution_id"]) for e in log.json()["entries"]
    ]

    # the numbers shown still page through B's whole log, each entry once, in order
    whole = served.http.get(f"/v1/sources/{B_SOURCE}/audit", headers=served.b).json()["entries"]
    assert len(whole) >= 3 and whole[-1]["action"] == "create"
    seen, address = [], f"/v1/sources/{B_SOURCE}/audit?limit=1"
    while address is not None:
        page = served.http.get(address, headers=served.b)
        assert page.status_code == 200, page.text[:300]
        seen += page.json()["entries"]
        address = page.json()["next_url"]
        assert len(seen) <= len(whole)
    assert seen == whole


def test_ones_own_log_does_not_tell_whether_another_uses_an_identity_scope(
    served: Served,
) -> None:
    used = _rows_between(served, _take_scope(served, A_SCOPE))
    unused = _rows_between(served, _take_scope(served, "congreso-gto-ninguno"))
    assert (used == 1) == (unused == 1), (used, unused)
    log = served.http.get(f"/v1/sources/{A_SOURCE}/audit?who=others", headers=served.a)
    assert ("refused_scope", "pj-gto") in [
        (e["action"], e["institution_id"]) for e in log.json()["entries"]
    ]


def test_a_number_past_the_largest_is_a_spanish_422(served: Served) -> None:
    answer = served.http.get(
        f"/v1/sources/{B_SOURCE}/audit", params={"before": LARGEST + 1}, headers=served.b
    )
    assert answer.status_code == 422, answer.text[:300]
    (item,) = answer.json()["detail"]
    assert item["loc"] == ["query", "before"] and "como máximo" in item["mensaje"]


def test_every_number_is_exact_in_a_browsers_javascript(served: Served) -> None:
    """A number past 2^53 is rounded by ``JSON.parse``: a web client would page with a
    ``before=`` of another entry (or of none)."""
    exact = 2**53 - 1  # Number.MAX_SAFE_INTEGER
    entries = served.http.get(f"/v1/sources/{B_SOURCE}/audit", headers=served.b).json()
    numbers = [e["id"] for e in entries["entries"]]
    assert len(numbers) >= 3
    assert all(1 <= n <= exact for n in numbers), numbers
    assert exact >= LARGEST
