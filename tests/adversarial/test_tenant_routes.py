"""Institution B's key against every route that takes an id, a filter, a cursor or a
query, aimed at institution A's sources, alerts and webhooks: each answer is the one an
unknown id gets, or a clear 4xx with a Spanish ``mensaje``, in bounded time, never a 500.
Hostile queries (deep nesting, a huge slop, thousands of terms, regex-like text) go to
every search route: the JSON ones, the feed, the exports and the HTML pages."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import FileRef
from tests.adversarial.service import gaceta_spec
from tests.api.conftest import PDF_BYTES, _docs

A_SOURCE = "congreso-gto-pruebas"
B_SOURCE = "pj-gto-propia"
HOOK = "http://127.0.0.1:9/hook"
BOUND_S = 20


@dataclass
class Tenants:
    api: TestClient
    registry: Registry
    a: dict[str, str]
    b: dict[str, str]
    alert: dict[str, Any]


@pytest.fixture(scope="module")
def tenants(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tenants]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        allow_loopback=True,
        public_url="https://estadoabierto.example",
        read_limit_anonymous=1_000_000,
        write_rate_per_minute=1_000,
        source_read_rate_per_minute=1_000,
        alert_rate_per_minute=1_000,
    )
    library = Library.open(settings, writer=True)
    pdf = FileRef(url="https://ejemplo.gob.mx/a.pdf", sha256=library.archive.put(PDF_BYTES),
                  content_type="application/pdf", size=len(PDF_BYTES))  # fmt: skip
    for doc in _docs(pdf, pdf):
        library.add_document(doc)
    library.flush()
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "Congreso del Estado de Guanajuato", "congress",
                             "MX-GUA")  # fmt: skip
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court",
                             "MX-GUA")  # fmt: skip
    a, b = (
        {"Authorization": f"Bearer {registry.issue_key(i)[1]}"} for i in ("congreso-gto", "pj-gto")
    )
    with TestClient(create_app(library, settings), raise_server_exceptions=False) as api:
        assert api.post("/v1/sources", json=gaceta_spec(A_SOURCE), headers=a).status_code == 201
        assert api.post("/v1/sources", json=gaceta_spec(B_SOURCE), headers=b).status_code == 201
        made = api.post(
            "/v1/alerts", json={"query": {"q": "amparo"}, "delivery": {"webhook": HOOK}}, headers=a
        )
        assert made.status_code == 201, made.text
        yield Tenants(api, registry, a, b, made.json())
    library.close()


def _spanish_refusal(response: httpx.Response) -> None:
    """A 4xx a person can read: JSON with a ``mensaje`` on each problem, or a page in
    Spanish."""
    assert 400 <= response.status_code < 500, response.text[:300]
    if response.headers.get("content-type", "").startswith("application/json"):
        detail = response.json()
        items = detail["detail"] if isinstance(detail.get("detail"), list) else [detail]
        assert all(item.get("mensaje") for item in items), response.text[:300]
    else:
        assert '<html lang="es">' in response.text


def _timed(tenants: Tenants, method: str, path: str, **options: Any) -> httpx.Response:
    started = time.monotonic()
    response = tenants.api.request(method, path, **options)
    assert time.monotonic() - started < BOUND_S, path
    assert response.status_code < 500, (path, response.text[:300])
    return response


# -- alerts and webhooks --------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_anothers_alert_is_an_unknown_one(tenants: Tenants, method: str) -> None:
    theirs = _timed(tenants, method, f"/v1/alerts/{tenants.alert['id']}", headers=tenants.b)
    unknown = _timed(tenants, method, "/v1/alerts/al_0000000000000000", headers=tenants.b)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json()["mensaje"] == unknown.json()["mensaje"]
    mine = tenants.api.get(f"/v1/alerts/{tenants.alert['id']}", headers=tenants.a)
    assert mine.status_code == 200 and mine.json()["status"] == "activa"
    assert "secret" not in mine.json()


@pytest.mark.parametrize(
    "query", ["", "?owner=institution:congreso-gto", "?institution=congreso-gto", "?key=x"]
)
def test_the_alert_list_shows_only_ones_own_whatever_it_is_asked(
    tenants: Tenants, query: str
) -> None:
    listed = _timed(tenants, "GET", f"/v1/alerts{query}", headers=tenants.b)
    if not query:
        assert listed.status_code == 200 and listed.json()["alerts"] == []
        return
    # the list reads no parameter: one is refused, and nothing is listed
    assert listed.status_code == 422 and "alerts" not in listed.json()
    assert "no admite parámetros" in listed.json()["detail"][0]["mensaje"]


def test_an_alert_management_token_opens_no_institutions_alert(tenants: Tenants) -> None:
    for token in ("", "x" * 5000, tenants.alert["secret"]):
        tried = _timed(
            tenants, "GET", f"/v1/alerts/{tenants.alert['id']}", headers={"X-Alert-Token": token}
        )
        assert tried.status_code in (401, 404), tried.text
        _spanish_refusal(tried)


# -- sources, their runs and audit, by disguised ids ------------------------------------

DISGUISES = [
    A_SOURCE.upper(),
    f"{A_SOURCE}%0A",
    f"{A_SOURCE}%20",
    f"{A_SOURCE}%00",
    f"..%2F{A_SOURCE}",
    f"{A_SOURCE}%2F..%2F{B_SOURCE}",
    "a" * 5000,
    "ñ",
]


@pytest.mark.parametrize("disguise", DISGUISES, ids=range(len(DISGUISES)))
@pytest.mark.parametrize(
    ("method", "suffix"),
    [("GET", ""), ("GET", "/runs"), ("GET", "/audit"), ("DELETE", ""), ("POST", "/pause"),
     ("POST", "/crawl"), ("PUT", "")],
)  # fmt: skip
def test_a_disguised_id_reaches_no_source(
    tenants: Tenants, disguise: str, method: str, suffix: str
) -> None:
    body = gaceta_spec(A_SOURCE) if method == "PUT" else None
    path = f"/v1/sources/{disguise}{suffix}"
    for key in (tenants.b, tenants.a):
        answer = _timed(tenants, method, path, headers=key, json=body)
        _spanish_refusal(answer)
    source = tenants.registry.get_source(A_SOURCE)
    assert source is not None and source.paused is False


def test_a_put_cannot_carry_a_source_into_anothers_id(tenants: Tenants) -> None:
    moved = _timed(
        tenants, "PUT", f"/v1/sources/{B_SOURCE}", headers=tenants.b, json=gaceta_spec(A_SOURCE)
    )
    assert moved.status_code == 422
    [problem] = moved.json()["detail"]
    assert problem["loc"] == ["body", "id"]
    assert f"no es el de la dirección, «{B_SOURCE}»" in problem["mensaje"]
    owner = tenants.registry.get_source(A_SOURCE)
    assert owner is not None and owner.institution_id == "congreso-gto"


@pytest.mark.parametrize("query", ["?limit=1000000", "?limit=-1", "?limit=abc", "?cursor=x"])
def test_run_listings_take_no_hostile_paging(tenants: Tenants, query: str) -> None:
    answer = _timed(tenants, "GET", f"/v1/sources/{A_SOURCE}/runs{query}", headers=tenants.b)
    assert answer.status_code in (404, 422)
    _spanish_refusal(answer)


# -- specs from the API never read the server's environment ------------------------------

ENVIRONMENT = {
    "start_urls": ["http://127.0.0.1:9/${ABIERTO_SMTP_PASSWORD}"],
    "headers": {"Authorization": "Bearer ${ABIERTO_SEARCH_PASSWORD}"},
    "constants": {"court": "${HOME}"},
    "id": "pj-gto-${USER}",
}


@pytest.mark.parametrize("field", sorted(ENVIRONMENT))
@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview", f"/v1/sources/{B_SOURCE}"])
def test_a_spec_naming_the_environment_is_refused_in_spanish(
    tenants: Tenants, field: str, path: str
) -> None:
    spec = gaceta_spec("pj-gto-entorno") | {field: ENVIRONMENT[field]}
    if path.endswith(B_SOURCE) and field != "id":
        spec["id"] = B_SOURCE
    method = "PUT" if path.endswith(B_SOURCE) else "POST"
    refused = _timed(tenants, method, path, headers=tenants.b, json=spec)
    assert refused.status_code == 422, refused.text
    _spanish_refusal(refused)
    [problem] = refused.json()["detail"]
    assert problem["mensaje"].endswith("no se sustituye: escriba el valor")


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            "[" * 5_000 + "]" * 5_000,
            "anidado en exceso: se admiten como máximo 32 niveles",
        ),
        (
            gaceta_spec("pj-gto-x", listing={"items": "css:" + "li " * 1_000, "link": "css:a"}),
            "admite como máximo 2000 caracteres",
        ),
    ],
    ids=["deep", "long-selector"],
)
def test_a_hostile_spec_is_refused_saying_why_in_spanish(
    tenants: Tenants, body: Any, said: str
) -> None:
    for path in ("/v1/sources/preview", "/v1/sources"):
        options: dict[str, Any] = {"headers": tenants.b}
        if isinstance(body, str):
            options["content"] = body.encode()
            options["headers"] = tenants.b | {"Content-Type": "application/json"}
        else:
            options["json"] = body
        refused = _timed(tenants, "POST", path, **options)
        assert refused.status_code == 422, refused.text
        assert said in refused.json()["detail"][0]["mensaje"]


# -- cursors and filters --------------------------------------------------------------


def test_a_cursor_pages_only_the_query_that_made_it(tenants: Tenants) -> None:
    first = tenants.api.get("/v1/search", params={"q": "", "limit": 1}).json()
    cursor = first["next_cursor"]
    assert cursor
    others = [
        ("/v1/search", {"q": "", "limit": 1, "cursor": cursor, "source": "pj-gto"}),
        ("/v1/search", {"q": "amparo", "limit": 1, "cursor": cursor}),
        ("/v1/export.csv", {"q": "", "cursor": cursor, "institution": "Congreso"}),
        ("/v1/export.jsonl", {"q": "", "cursor": cursor, "source": "scjn"}),
        ("/v1/search.atom", {"q": "", "cursor": cursor, "source": "scjn"}),
        ("/v1/sessions", {"cursor": cursor}),
        ("/v1/speeches", {"cursor": cursor}),
        ("/buscar", {"q": "", "cursor": cursor, "source": "pj-gto"}),
    ]
    for path, params in others:
        answer = _timed(tenants, "GET", path, params=params)
        assert answer.status_code in (400, 422), (path, answer.status_code)
        _spanish_refusal(answer)


# -- hostile queries on every search route --------------------------------------------

HOSTILE = {
    "ten thousand terms": " ".join(f"p{i:x}" for i in range(10_000)),
    "deep nesting": "(" * 5_000 + "amparo" + ")" * 5_000,
    "thousands of NOT": "NOT " * 3_000 + "amparo",
    "huge slop": '"amparo directo"~99999999999999999999999',
    "negative slop": '"amparo directo"~-5',
    "regex-like": "/a.*b+[c-z]{1,1000}/ ^$ \\d+ (?i) a** [[[ ]]]",
    "two thousand prefixes": " OR ".join(f"a{i}*" for i in range(2_000)),
    "thousands of fields": " ".join(f"titulo:x{i}" for i in range(3_000)),
    "a thousand citations": " OR ".join(f'cita:"AR {i}/2023"' for i in range(1_000)),
    "quotes": '"' * 3_001,
}
SEARCHES = [
    "/v1/search",
    "/v1/sessions",
    "/v1/speeches",
    "/v1/export.csv",
    "/v1/export.jsonl",
    "/v1/search.atom",
    "/buscar",
    "/sesiones",
]


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("path", SEARCHES)
def test_a_hostile_query_is_a_clear_answer_on_every_route(
    tenants: Tenants, name: str, path: str
) -> None:
    answer = _timed(tenants, "GET", path, params={"q": HOSTILE[name]})
    if answer.status_code >= 400:
        _spanish_refusal(answer)


@pytest.mark.parametrize(
    "params",
    [
        {"speaker": "(" * 3_000},
        {"agenda": "a*" * 3_000},
        {"congress": "x" * 20_000},
        {"facets": ",".join(["year"] * 5_000)},
        {"fields": ",".join(["id"] * 5_000)},
        {"limit": "9" * 30},
        {"year": "1" * 1_000},
        {"date_from": "99999-01-01"},
        {"source": ["a"] * 500},
    ],
    ids=lambda p: next(iter(p)),
)
@pytest.mark.parametrize("path", SEARCHES)
def test_hostile_parameters_are_a_clear_answer_on_every_route(
    tenants: Tenants, params: dict[str, Any], path: str
) -> None:
    answer = _timed(tenants, "GET", path, params=params)
    if answer.status_code >= 400:
        _spanish_refusal(answer)


@pytest.mark.parametrize(
    ("query", "field", "said"),
    [
        ({"q": 5}, "q", "q: debe ser un texto o una lista de textos"),
        ({"q": "amparo", "filters": {"source": "x"}}, "filters", "el parámetro «filters» no"),
        ({"q": "amparo", "source": ["x"] * 51}, "source", "source: admite como máximo 50"),
        ({"q": " ".join(["amparo"] * 2_000)}, "q", "admite como máximo 500 caracteres"),
        ({"q": '"a b"~99999999999'}, "q", "la proximidad admite como máximo ~50"),
    ],
    ids=["not-text", "nested-filters", "too-many-values", "too-long", "huge-slop"],
)
def test_an_alerts_hostile_query_is_one_spanish_refusal_naming_the_field(
    tenants: Tenants, query: dict[str, Any], field: str, said: str
) -> None:
    made = _timed(
        tenants,
        "POST",
        "/v1/alerts",
        headers=tenants.b,
        json={"query": query, "delivery": {"webhook": HOOK}},
    )
    assert made.status_code == 422, made.text
    [problem] = made.json()["detail"]
    assert problem["loc"] == ["body", "query", field]
    assert said in problem["mensaje"]


# -- documents, people, session speeches and the HTML pages -----------------------------

PAGED = [
    "/v1/documents/{doc}/citations?limit=99999999999999999999",
    "/v1/documents/{doc}/citations?cites_offset=-1",
    "/v1/documents/{doc}/citations?cited_by_offset=1e9",
    "/v1/people?name=" + "(" * 3_000,
    "/v1/people?name=" + "a*" * 3_000,
    "/v1/people?legislature=" + "9" * 1_000,
    "/v1/people?name=a&limit=99999999999",
    "/v1/sessions/x/speeches?limit=99999999999999999",
    "/d/" + "x" * 5_000,
    "/documentos/%00",
    "/sesiones/" + "x" * 3_000,
    "/sesiones/congreso-gto?q=" + "(" * 3_000,
    "/buscar?cursor=%ff",
    "/v1/alerts/confirm/" + "a" * 5_000,
    "/v1/alerts/unsubscribe/" + "a.b" * 2_000,
]


@pytest.mark.parametrize("path", PAGED, ids=range(len(PAGED)))
@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_hostile_ids_and_paging_elsewhere_are_clear_refusals(
    tenants: Tenants, path: str, accept: str
) -> None:
    doc = tenants.api.get("/v1/search", params={"q": ""}).json()["hits"][0]["id"]
    answer = _timed(tenants, "GET", path.format(doc=doc), headers={"Accept": accept})
    _spanish_refusal(answer)
