"""Every route that reads a key, found from the app by the dependency that reads it (not
from a list), asked with institution B's key on institution A's source and alert: each
answers as for an unknown object (or lists B's own), shows nothing of A's, and leaves A's
objects as they were. Every route that requires a key refuses a missing, empty, foreign-
scheme, unknown or revoked one with a 401 in Spanish. A route added later is probed too:
one whose path or body this file has no rule for fails here until it gets one."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.alert_schemas import AlertEdit, AlertRequest
from api.app import create_app
from api.auth import require_caller
from api.routers.alerts import optional_caller, required_caller
from api.spec_body import spec_body
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.adversarial.service import gaceta_spec

A_NAME = "Congreso del Estado de Guanajuato"
A_SOURCE = "congreso-gto-sondeo"
B_SOURCE = "pj-gto-sondeo"
A_URL = "http://127.0.0.1:9/gaceta-propia-de-a"
A_SELECTOR = "css:li.iniciativa-propia-de-a"
A_TERM = "iniciativapropiadea"
HOOK = "http://127.0.0.1:9/hook"
# what of A's may appear in no answer to B (A's source id may: B sent it)
A_MARKS = (A_NAME, A_URL, A_SELECTOR, A_TERM)
REQUIRED = {require_caller, required_caller}  # a route depending on one requires a key
KEYED = REQUIRED | {optional_caller}  # ... on this one, reads a key when one is given
SPANISH_401 = {
    "se necesita una clave de acceso: Authorization: Bearer <clave>",
    "la clave de acceso no es válida o fue revocada",
    "la clave no es válida o fue revocada",  # a GET's, said by the read limit first
}


@dataclass
class Walls:
    api: TestClient
    registry: Registry
    a: dict[str, str]
    b: dict[str, str]
    b_key: str
    revoked: str
    alert_id: str


@pytest.fixture(scope="module")
def walls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walls]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        allow_loopback=True,
        crawl_delay_s=0,
        public_url="https://estadoabierto.example",
        read_limit_anonymous=1_000_000,
        write_rate_per_minute=10_000,
        source_read_rate_per_minute=10_000,
        alert_rate_per_minute=10_000,
    )
    library = Library.open(settings, writer=True)
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", A_NAME, "congress", "MX-GUA")
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court", "MX-GUA")
    a_key = registry.issue_key("congreso-gto")[1]
    b_key = registry.issue_key("pj-gto")[1]
    old_id, revoked = registry.issue_key("pj-gto")
    assert registry.revoke_key(old_id)
    a = {"Authorization": f"Bearer {a_key}"}
    b = {"Authorization": f"Bearer {b_key}"}
    with TestClient(create_app(library, settings), raise_server_exceptions=False) as api:
        made = api.post("/v1/sources", json=_a_spec(), headers=a)
        assert made.status_code == 201, made.text
        assert api.post("/v1/sources", json=gaceta_spec(B_SOURCE), headers=b).status_code == 201
        alert = api.post(
            "/v1/alerts", json={"query": {"q": A_TERM}, "delivery": {"webhook": HOOK}}, headers=a
        )
        assert alert.status_code == 201, alert.text
        yield Walls(api, registry, a, b, b_key, revoked, alert.json()["id"])
    library.close()


def _a_spec() -> dict[str, Any]:
    return gaceta_spec(
        A_SOURCE, start_urls=[A_URL], listing={"items": A_SELECTOR, "link": "css:a::attr(href)"}
    )


def _routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every API route of the app, those of included routers too."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _routes(route.original_router.routes)
        elif isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "routes"):
            yield from _routes(route.routes)


def _calls(route: APIRoute) -> set[Any]:
    """Every dependency a route's handler has, however deep."""
    found: set[Any] = set()
    waiting = list(route.dependant.dependencies)
    while waiting:
        dependency = waiting.pop()
        found.add(dependency.call)
        waiting.extend(dependency.dependencies)
    return found


def _keyed(walls: Walls, needed: set[Any]) -> list[tuple[str, APIRoute]]:
    chosen = [
        (method, route)
        for route in _routes(walls.api.app.routes)
        if _calls(route) & needed
        for method in sorted(route.methods - {"HEAD", "OPTIONS"})
    ]
    assert len(chosen) >= 10, "the key's dependency was not found on the routes"
    return chosen


# -- the rules: A's object for each path parameter, B's body for each kind of body ------

PATH_VALUES: dict[str, Callable[[Walls], str]] = {
    "source_id": lambda w: A_SOURCE,
    "alert_id": lambda w: w.alert_id,
}


def _body(route: APIRoute) -> dict[str, Any] | None:
    """B's body for the route: a spec under A's source's id (B's own addresses), an
    alert's search, or none; a body of a kind with no rule fails."""
    if spec_body in _calls(route):
        return gaceta_spec(A_SOURCE)
    kinds = {param.field_info.annotation for param in route.dependant.body_params}
    if not kinds:
        return None
    if kinds == {AlertRequest}:
        return {"query": {"q": "amparo"}, "delivery": {"webhook": HOOK}}
    if kinds == {AlertEdit}:
        return {"query": {"q": "amparo"}}
    pytest.fail(f"no probe rule for the body of {route.path}: {kinds}")


def _path(walls: Walls, route: APIRoute) -> str:
    path = route.path
    for param in route.dependant.path_params:
        rule = PATH_VALUES.get(param.name)
        if rule is None:
            pytest.fail(f"no probe rule for {{{param.name}}} of {route.path}: give A's object")
        path = path.replace(f"{{{param.name}}}", rule(walls))
    return path


def _a_as_seen(walls: Walls) -> tuple[Any, Any]:
    source = walls.api.get(f"/v1/sources/{A_SOURCE}", headers=walls.a)
    alert = walls.api.get(f"/v1/alerts/{walls.alert_id}", headers=walls.a)
    assert source.status_code == alert.status_code == 200, (source.text, alert.text)
    return source.json(), alert.json()


def _leaks(answer: httpx.Response) -> list[str]:
    return [mark for mark in A_MARKS if mark in answer.text]


def test_every_keyed_route_with_b_key_on_a_objects_shows_and_changes_nothing(
    walls: Walls,
) -> None:
    before = _a_as_seen(walls)
    failures = []
    for presented in (walls.b, {"X-API-Key": walls.b_key}):
        for method, route in _keyed(walls, KEYED):
            path = _path(walls, route)
            answer = walls.api.request(method, path, headers=presented, json=_body(route))
            aimed = bool(route.dependant.path_params) or spec_body in _calls(route)
            allowed = answer.status_code in (403, 404, 409, 422) or (
                not aimed and answer.status_code < 300
            )
            if not allowed or _leaks(answer):
                failures.append((method, path, answer.status_code, answer.text[:200]))
    assert failures == []
    assert _a_as_seen(walls) == before
    owner = walls.registry.get_source(A_SOURCE)
    assert owner is not None and owner.institution_id == "congreso-gto"


def _bad_keys(walls: Walls) -> dict[str, dict[str, str]]:
    unknown = walls.b_key[:-4] + "zzzz"
    return {
        "no key": {},
        "empty bearer": {"Authorization": "Bearer "},
        "bearer of blanks": {"Authorization": "Bearer   "},
        "basic": {"Authorization": "Basic " + base64.b64encode(walls.b_key.encode()).decode()},
        "the key without a scheme": {"Authorization": walls.b_key},
        "empty x-api-key": {"X-API-Key": ""},
        "unknown, trailing space": {"Authorization": f"Bearer {unknown} "},
        "unknown, trailing newline": {"X-API-Key": f"{unknown}\n"},
        "revoked": {"Authorization": f"Bearer {walls.revoked}"},
        "revoked, trailing space": {"X-API-Key": f"{walls.revoked} "},
    }


PRESENTED = {"unknown, trailing space", "unknown, trailing newline", "revoked",
             "revoked, trailing space"}  # fmt: skip


@pytest.mark.parametrize(
    "case",
    ["no key", "empty bearer", "bearer of blanks", "basic", "the key without a scheme",
     "empty x-api-key", *sorted(PRESENTED)],
)  # fmt: skip
def test_a_missing_or_invalid_key_is_a_spanish_401_on_every_keyed_route(
    walls: Walls, case: str
) -> None:
    before = _a_as_seen(walls)
    headers = _bad_keys(walls)[case]
    # a route that only reads a key when one is given refuses one presented and invalid
    needed = KEYED if case in PRESENTED else REQUIRED
    failures = []
    for method, route in _keyed(walls, needed):
        path = _path(walls, route)
        answer = walls.api.request(method, path, headers=headers, json=_body(route))
        said = answer.json().get("mensaje") if answer.status_code == 401 else None
        if said not in SPANISH_401 or _leaks(answer):
            failures.append((method, path, answer.status_code, answer.text[:200]))
    assert failures == []
    assert _a_as_seen(walls) == before


@pytest.mark.parametrize("padding", [" ", "\t", "\n"], ids=["space", "tab", "newline"])
def test_a_padded_key_opens_no_more_than_the_key(walls: Walls, padding: str) -> None:
    """HTTP drops the blanks around a header's value, so a padded key is the key: it
    reads B's own source, and A's no more than the bare key does."""
    for headers in (
        {"Authorization": f"Bearer {walls.b_key}{padding}"},
        {"X-API-Key": f"{walls.b_key}{padding}"},
    ):
        own = walls.api.get(f"/v1/sources/{B_SOURCE}", headers=headers)
        assert own.status_code == 200, own.text
        theirs = walls.api.get(f"/v1/sources/{A_SOURCE}", headers=headers)
        assert theirs.status_code == 404 and not _leaks(theirs), theirs.text
