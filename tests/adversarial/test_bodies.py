"""Request bodies from anyone: bounded before they are read whole, and JSON whose strings
no database can store (lone surrogates, NUL) refused by name; nothing is written."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.adversarial.service import Api, listing_spec, open_api

LIMIT = 64 * 1024
WEBHOOK = "http://127.0.0.1:9/recibir"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    api = open_api(tmp_path_factory.mktemp("data"), max_body_bytes=LIMIT)
    api.client = TestClient(create_app(api.library, api.settings), raise_server_exceptions=False)
    yield api
    api.close()


def _padded(body: dict[str, Any], size: int) -> bytes:
    return json.dumps(body | {"relleno": "x" * size}).encode()


BODIES = {
    "/v1/sources": listing_spec("http://127.0.0.1:9/lista"),
    "/v1/sources/preview": listing_spec("http://127.0.0.1:9/lista"),
    "/v1/alerts": {"query": {"q": "amparo"}, "delivery": {"webhook": WEBHOOK}},
    "/v1/reader-keys": {"email": "datos@norte.mx", "name": "Redacción Norte"},
}


@pytest.mark.parametrize("keyed", [True, False])
@pytest.mark.parametrize("path", sorted(BODIES))
def test_a_body_over_the_limit_is_a_413_in_spanish(service: Api, path: str, keyed: bool) -> None:
    headers = {"Content-Type": "application/json"} | (service.headers if keyed else {})
    response = service.client.post(path, content=_padded(BODIES[path], 2 * LIMIT), headers=headers)
    assert response.status_code == 413, response.text[:300]
    answer = response.json()
    assert str(LIMIT) in answer["detail"] and "demasiado grande" in answer["mensaje"]
    assert len(response.content) < 1000  # the body is not echoed back


def test_a_form_over_the_limit_is_a_spanish_page(service: Api) -> None:
    response = service.client.post(
        "/fuentes/entrar",
        content=b"clave=" + b"x" * (2 * LIMIT),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "demasiado grande" in response.text


def test_a_body_under_the_limit_reaches_the_app_whole(service: Api) -> None:
    spec = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-cabe")
    spec["listing"]["fields"] = {f"campo{n}": "css:td::text" for n in range(1500)}
    raw = json.dumps(spec).encode()
    assert LIMIT // 2 < len(raw) < LIMIT
    response = service.client.post("/v1/sources", content=raw, headers=service.headers)
    # read whole: the validator names the first unknown field, not a truncated body
    assert response.status_code == 422, response.text[:300]
    assert response.json()["detail"][0]["loc"][:3] == ["body", "listing", "fields"]
    spec["listing"]["fields"] = {"expediente": "css:td::text"}
    ok = service.client.post("/v1/sources", json=spec, headers=service.headers)
    assert ok.status_code == 201, ok.text


def test_a_body_without_length_is_not_read_past_the_limit(service: Api) -> None:
    """A chunked body with no Content-Length: the app stops asking for it once the limit
    is passed and answers 413, however much the client still has to send."""
    app = create_app(service.library, service.settings)
    chunk = b"x" * 16 * 1024
    total_chunks = 10_000  # 160 MB the client would send
    asked = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        return {"type": "http.request", "body": chunk, "more_body": asked < total_chunks}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/alerts",
        "raw_path": b"/v1/alerts",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 413
    assert asked * len(chunk) <= LIMIT + len(chunk)


# A JSON text may write any UTF-16 code unit as an escape; a lone surrogate is no
# character, and NUL is refused by PostgreSQL's text: neither can be stored or sent on.
HOSTILE_STRINGS = ["\ud800", "a\udfffb", "nulo\x00aquí"]


def _hostile_bodies(text: str) -> list[tuple[str, dict[str, Any], list[str]]]:
    spec = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-raro")
    return [
        ("/v1/alerts", {"query": {"q": f"amparo {text}"}, "delivery": {"webhook": WEBHOOK}},
         ["body", "query", "q"]),
        ("/v1/alerts", {"query": {"court": [text]}, "delivery": {"webhook": WEBHOOK}},
         ["body", "query", "court", 0]),
        ("/v1/alerts", {"query": {"q": "amparo"}, "delivery": {"webhook": WEBHOOK + text}},
         ["body", "delivery", "webhook"]),
        ("/v1/reader-keys", {"email": "datos@norte.mx", "name": text}, ["body", "name"]),
        ("/v1/sources", spec | {"start_urls": [f"http://127.0.0.1:9/{text}"]},
         ["body", "start_urls", 0]),
        ("/v1/sources", spec | {"constants": {"committee": text}},
         ["body", "constants", "committee"]),
        ("/v1/sources", spec | {"constants": {text: "x"}}, ["body", "constants"]),
        ("/v1/sources/preview", spec | {"constants": {"committee": text}},
         ["body", "constants", "committee"]),
    ]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE_STRINGS, ids=["lone-high", "lone-low", "nul"])
def test_strings_no_database_stores_are_422s_naming_where(service: Api, text: str) -> None:
    for path, body, where in _hostile_bodies(text):
        raw = json.dumps(body)  # ensure_ascii: "\ud800" and "\u0000" written as escapes
        headers = service.headers | {"Content-Type": "application/json"}
        response = service.client.post(path, content=raw, headers=headers)
        assert response.status_code == 422, (path, response.text[:300])
        [problem] = response.json()["detail"]
        assert problem["loc"] == where, (path, problem)
        assert problem["mensaje"]
    listed = service.client.get("/v1/sources", headers=service.headers).json()["sources"]
    assert "pj-gto-raro" not in [s["id"] for s in listed]
    assert service.client.get("/v1/alerts", headers=service.headers).json()["alerts"] == []


def test_surrogate_pairs_written_as_escapes_are_real_characters(service: Api) -> None:
    """An emoji escaped as its pair is a valid character, and is kept."""
    query = '{"q": "amparo \\ud83d\\ude00"}'
    body = f'{{"query": {query}, "delivery": {{"webhook": "{WEBHOOK}"}}}}'
    headers = service.headers | {"Content-Type": "application/json"}
    response = service.client.post("/v1/alerts", content=body, headers=headers)
    assert response.status_code == 201, response.text[:300]
    assert response.json()["query"]["q"] == "amparo 😀"
    service.client.delete(f"/v1/alerts/{response.json()['id']}", headers=service.headers)


def test_the_limit_is_a_setting(tmp_path: Path) -> None:
    api = open_api(tmp_path, max_body_bytes=10_000_000)
    try:
        assert api.settings.max_body_bytes == 10_000_000
    finally:
        api.close()


@pytest.mark.parametrize("path", ["/v1/alerts", "/v1/reader-keys"])
@pytest.mark.parametrize("kind", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_of_bytes_that_are_no_text_is_a_422(
    service: Api, path: str, kind: str | None
) -> None:
    """FastAPI echoes a body it could not read as the error's ``input``; bytes that are no
    UTF-8 once made that echo a 500."""
    headers = service.headers | ({"Content-Type": kind} if kind else {})
    response = service.client.post(path, content=b"\xff\xfe\x00garbage", headers=headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body"] and problem["mensaje"]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_numbers_json_has_not_are_422s_naming_where(service: Api, number: str) -> None:
    """Python reads ``NaN``, ``Infinity`` and ``1e400`` (as infinity) but cannot write
    them back: the 422 that echoed such a body was itself a 500."""
    bodies = [
        ("/v1/alerts", f'{{"query": {{"q": "amparo", "limit": {number}}}, '
         f'"delivery": {{"webhook": "{WEBHOOK}"}}}}', ["body", "query", "limit"]),
        ("/v1/reader-keys", f'{{"email": "datos@norte.mx", "name": {number}}}', ["body", "name"]),
        ("/v1/sources", f'{{"id": "pj-gto-raro", "max_pages": [{number}]}}',
         ["body", "max_pages", 0]),
    ]  # fmt: skip
    headers = service.headers | {"Content-Type": "application/json"}
    for path, body, where in bodies:
        response = service.client.post(path, content=body, headers=headers)
        assert response.status_code == 422, (path, response.text[:300])
        [problem] = response.json()["detail"]
        assert problem["loc"] == where and problem["type"] == "finite_number", problem
        assert "no es finito" in problem["mensaje"]
    assert service.client.get("/v1/alerts", headers=service.headers).json()["alerts"] == []


@pytest.mark.parametrize(
    ("path", "body", "where"),
    [("/v1/alerts", {"query": {"q": "SECRETO", "filters": {"court": "x" * 40000}}},
      ["body", "delivery"]),
     ("/v1/reader-keys", {"email": "datos@norte.mx", "name": {"clave": "SECRETO-" + "v" * 40000}},
      ["body", "name"]),
     ("/v1/reader-keys", ["SECRETO"] + [1] * 20000, ["body"])],
)  # fmt: skip
def test_a_422_repeats_no_object_or_list_it_was_sent(
    service: Api, path: str, body: Any, where: list[str]
) -> None:
    """A missing field's echo was the whole body (a webhook's secret address with it) and a
    wrong-typed object or list came back whole: 40 KB sent, 40 KB answered."""
    response = service.client.post(path, json=body, headers=service.headers)
    assert response.status_code == 422, response.text[:300]
    assert "SECRETO" not in response.text and len(response.content) < 2000
    problem = next(p for p in response.json()["detail"] if p["loc"] == where)
    assert problem["mensaje"] and "input" not in problem


def test_a_422_still_repeats_a_short_wrong_value(service: Api) -> None:
    response = service.client.get("/v1/search", params={"limit": "muchos"})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["input"] == "muchos" and problem["loc"] == ["query", "limit"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b'{"name": ' + b"7" * 5_000 + b"}", "un número de más de 4300 cifras"),
        (b"[" * 5_000 + b"]" * 5_000, "anidado en exceso: se admiten como máximo 32 niveles"),
        (b'{"name": "Redacci\xf3n"}', "no es texto (ni UTF-8, ni UTF-16, ni UTF-32)"),
    ],
    ids=["digits", "deep", "latin-1"],
)
@pytest.mark.parametrize("path", sorted(BODIES))
def test_a_body_json_cannot_read_is_a_422_saying_why(
    service: Api, path: str, body: bytes, says: str
) -> None:
    """The alerts and reader keys answered FastAPI's bare 400 «la solicitud no es válida»
    where a spec's route named the body and why; now every route says the same."""
    headers = service.headers | {"Content-Type": "application/json"}
    response = service.client.post(path, content=body, headers=headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body"] and says in problem["mensaje"], problem
