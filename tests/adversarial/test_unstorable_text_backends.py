"""NUL (``%00``, ``\\u0000``) and lone surrogates (``\\ud800``) in query values, path
parts and JSON bodies are a 4xx on every backend: PostgreSQL refuses NUL in text, so a
value that reaches it unchecked was a 500 there and a plain "not found" on SQLite.
Every GET route of the API and the search page is asked with each in every string
parameter it declares, and the writing routes with each in their bodies."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.adversarial.service import Api, listing_spec, open_api
from tests.adversarial.test_bodies import _hostile_bodies

# as a client writes them in a URL: NUL, and UTF-8 a decoder cannot read (a surrogate)
IN_URLS = ["a%00b", "a%ED%A0%80b", "%00"]
IN_BODIES = ["\ud800", "nulo\x00aquí"]


@pytest.fixture
def api(tmp_path: Path, database_url: str) -> Iterator[Api]:
    made = open_api(tmp_path, database_url=database_url, alert_rate_per_minute=10_000)
    made.client = TestClient(create_app(made.library, made.settings), raise_server_exceptions=False)
    spec = listing_spec("http://127.0.0.1:9/lista")
    assert made.client.post("/v1/sources", json=spec, headers=made.headers).status_code == 201
    yield made
    made.close()


def _get_routes(client: TestClient) -> list[tuple[str, list[str]]]:
    """(path template, its string query parameters) for every GET route the API lists."""
    schema = client.get("/openapi.json").json()
    routes = []
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        names = [
            p["name"]
            for p in methods["get"].get("parameters", [])
            if p["in"] == "query" and "string" in json.dumps(p.get("schema", {}))
        ]
        routes.append((path, names))
    return routes


def _all_routes(routes: list[Any]) -> Iterator[tuple[str, set[str]]]:
    """(path template, methods) of every route, the pages' included."""
    for route in routes:
        if hasattr(route, "original_router"):  # an included router
            yield from _all_routes(route.original_router.routes)
        elif hasattr(route, "routes"):
            yield from _all_routes(route.routes)
        elif getattr(route, "methods", None):
            yield route.path, set(route.methods) - {"HEAD", "OPTIONS"}


def _filled(template: str, value: str) -> str:
    """The path with every ``{part}`` given ``value`` (already percent-encoded)."""
    parts = template.split("/")
    return "/".join(value if p.startswith("{") else p for p in parts)


def test_nul_and_surrogates_in_urls_are_never_a_500(api: Api) -> None:
    routes = _get_routes(api.client)
    assert len(routes) > 10
    failures = []
    for template, names in [*routes, ("/buscar", ["q", "tribunal", "fuente"])]:
        for value in IN_URLS:
            plain = _filled(template, "pj-gto-prueba")
            asked = [_filled(template, value)] if "{" in template else []
            asked += [f"{plain}?{name}={value}" for name in names]
            for url in asked:
                answer = api.client.get(url, headers=api.headers)
                if answer.status_code >= 500:
                    failures.append((url, answer.status_code, answer.text[:200]))
    assert failures == []


def test_nul_and_surrogates_in_bodies_are_422s(api: Api) -> None:
    for text in IN_BODIES:
        for path, body, where in _hostile_bodies(text):
            raw = json.dumps(body)
            headers = api.headers | {"Content-Type": "application/json"}
            answer = api.client.post(path, content=raw, headers=headers)
            assert answer.status_code == 422, (path, answer.text[:300])
            assert answer.json()["detail"][0]["loc"] == where
        changed = listing_spec("http://127.0.0.1:9/lista", description=text)
        answer = api.client.put(
            "/v1/sources/pj-gto-prueba", content=json.dumps(changed), headers=headers
        )
        assert answer.status_code == 422, answer.text[:300]


def test_nul_and_surrogates_in_path_parts_are_never_a_500_whatever_the_method(api: Api) -> None:
    templates = [(t, m) for t, m in _all_routes(api.client.app.routes) if "{" in t]
    assert len(templates) > 10
    failures = []
    for template, methods in templates:
        for value in IN_URLS:
            for method in methods:
                answer = api.client.request(method, _filled(template, value), headers=api.headers)
                if answer.status_code >= 500:
                    failures.append((method, template, value, answer.status_code))
    assert failures == []
    gone = api.client.delete("/v1/sources/pj-gto-prueba%00", headers=api.headers)
    assert gone.status_code == 404
    assert api.client.get("/v1/sources/pj-gto-prueba", headers=api.headers).status_code == 200
