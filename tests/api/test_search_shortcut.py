"""``GET /v1/search`` answered past FastAPI's routing (``SearchShortcut``) gives the very
bytes and headers the routed app gives: plain searches, next pages, HEADs and every
refusal (a 422 in Spanish, a parameter only FastAPI reads, a bad cursor).

The routed answers come from the same app without the shortcut, so the two differ only
in how a search reaches its route.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.search_params import search_query
from api.search_route import READINGS
from api.search_shortcut import SearchShortcut
from config.settings import get_settings
from indexer.library import Library
from indexer.stores import SearchQuery

Params = list[tuple[str, str]]
Answer = tuple[int, list[tuple[str, str]], bytes]


# a budget of its own (one address no other test uses, a limit these tests never reach):
# the budget of the tests' usual address is counted in the shared database
ADDRESS = ("192.0.2.14", 50000)
SETTINGS = get_settings().model_copy(update={"read_limit_anonymous": 1_000_000_000})


def _app(library: Library) -> FastAPI:
    return create_app(library, SETTINGS)


def _client(app: FastAPI) -> TestClient:
    return TestClient(app, client=ADDRESS)


def _without_shortcut(app: FastAPI) -> FastAPI:
    app.user_middleware = [m for m in app.user_middleware if m.cls is not SearchShortcut]
    return app


@pytest.fixture(scope="module")
def shortcut(library: Library) -> Iterator[TestClient]:
    with _client(_app(library)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def routed(library: Library) -> Iterator[TestClient]:
    with _client(_without_shortcut(_app(library))) as test_client:
        yield test_client


# the budget both apps spend (one database) and its clock: not the route's to answer
SPENT = ("ratelimit-remaining", "ratelimit-reset")


def answer(client: TestClient, params: Params, method: str = "GET", **headers: str) -> Answer:
    """Status, headers (in order; the budget left aside) and body of a search."""
    got = client.request(method, f"/v1/search?{urlencode(params)}", headers=headers)
    kept = [(k, "…" if k in SPENT else v) for k, v in got.headers.multi_items()]
    return got.status_code, kept, got.content


def _shortcut_of(app: Any) -> SearchShortcut:
    layer = app.middleware_stack
    while not isinstance(layer, SearchShortcut):
        layer = layer.app
    return layer


QUESTIONS: list[Params] = [
    [],
    [("q", "amparo")],
    [("q", "amparo"), ("limit", "1")],
    [("q", '"daño moral"'), ("sort", "date_asc"), ("facets", "none")],
    [("kind", "sentencia"), ("kind", "Sesión"), ("jurisdiction", "MX-GUA")],
    [("date_from", "2021-01-01"), ("date_to", "2023-12-31")],
    [("q", "and or")],  # a suggestion in Spanish
    [("juez", "Pérez")],
    [("q", "amparo"), ("q", "sesión")],
    [("limit", "2"), ("limit", "3")],
    [("year", "dos mil")],
    [("kind", "tesis")],
    [("facets", "color")],
    [("date_from", "2024-01-01"), ("date_to", "2023-01-01")],
    [("q", "(amparo")],
    [("q", "color:rojo")],
    [("cursor", "no-es-un-cursor")],
    [("matter", str(n)) for n in range(51)],
    [("limit", "0")],
    [("limit", "cinco")],
    [("date_from", "2023-02-30")],
    [("sort", "fecha")],
    [("limit", "0"), ("juez", "x"), ("date_from", "ayer")],
]


@pytest.mark.parametrize("params", QUESTIONS, ids=lambda p: urlencode(p)[:60] or "empty")
def test_same_answer_with_or_without_the_shortcut(
    shortcut: TestClient, routed: TestClient, params: Params
) -> None:
    for method in ("GET", "HEAD"):
        for encoding in ("identity", "gzip"):
            got = answer(shortcut, params, method, **{"Accept-Encoding": encoding})
            assert got == answer(routed, params, method, **{"Accept-Encoding": encoding})
    assert got[0] in (200, 422)


def test_refusals_stay_in_spanish(shortcut: TestClient) -> None:
    answer(shortcut, [("q", "amparo")])  # the shortcut knows the search by now
    refused = shortcut.get("/v1/search", params={"limit": "0"})
    assert refused.status_code == 422
    refused = shortcut.get("/v1/search", params={"juez": "Pérez"})
    assert refused.status_code == 422
    assert "no existe" in refused.json()["detail"][0]["mensaje"]


def test_next_pages_are_the_same(shortcut: TestClient, routed: TestClient) -> None:
    first = shortcut.get("/v1/search", params={"limit": "1"})
    assert first.content == routed.get("/v1/search", params={"limit": "1"}).content
    following = first.json()["next_url"]
    assert following
    assert shortcut.get(following).content == routed.get(following).content


def test_plain_searches_are_answered_without_the_router(library: Library) -> None:
    """Once the router has sent it a search, the shortcut answers the next ones (next
    pages, HEADs) itself: with the router gone they are still answered; what the fast
    reading does not take (a 422) is the router's."""
    app = _app(library)
    with _client(app) as test_client:
        first = test_client.get("/v1/search", params={"limit": "1"})
        shortcut = _shortcut_of(app)

        async def no_router(scope: Any, receive: Any, send: Any) -> None:
            raise RuntimeError("routed")

        shortcut.app = no_router
        for params in ({"q": "sesión"}, {"kind": "sentencia", "sort": "date_asc"}):
            assert test_client.get("/v1/search", params=params).status_code == 200
        assert test_client.get(first.json()["next_url"]).status_code == 200
        assert test_client.head("/v1/search", params={"q": "moral"}).status_code == 200
        with pytest.raises(RuntimeError, match="routed"):
            test_client.get("/v1/search", params={"limit": "0"})


class _CountedSearches:
    """The library, counting the searches asked of it."""

    def __init__(self, library: Library) -> None:
        self.library, self.searches = library, 0

    def search_plain(self, query: SearchQuery) -> Any:
        self.searches += 1
        return self.library.search_plain(query)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.library, name)


@pytest.mark.parametrize(
    "params",
    [{"q": "(amparo"}, {"q": "color:rojo"}, {"cursor": "no-es-un-cursor"}, {"q": "amparo"}],
)
def test_a_refused_search_is_asked_once(library: Library, params: dict[str, str]) -> None:
    """A search the store refuses (a 422, or a phrase too costly to look for) is not
    searched again on its way to the app's handlers: once, as when routed."""
    app = _app(library)
    with _client(app) as test_client:
        test_client.get("/v1/search", params={"limit": "1"})  # the shortcut learns the path
        counted = _CountedSearches(library)
        app.state.library = counted
        expected = answer(test_client, [("limit", "2"), *params.items()])
        assert counted.searches == 1
    with _client(_without_shortcut(_app(library))) as routed_client:
        assert answer(routed_client, [("limit", "2"), *params.items()]) == expected


def test_other_paths_are_routed(shortcut: TestClient, routed: TestClient) -> None:
    answer(shortcut, [("q", "amparo")])
    for path in ("/v1/search/", "/v1/search/syntax", "/v1/searchx", "/v1//search"):
        got, expected = shortcut.get(path), routed.get(path)
        assert (got.status_code, got.content) == (expected.status_code, expected.content)


def test_an_overridden_dependency_is_honoured_after_the_shortcut(library: Library) -> None:
    app = _app(library)
    with _client(app) as test_client:
        plain = test_client.get("/v1/search", params={"q": "palabrainexistente"})
        assert plain.json()["total"] == 0
        app.dependency_overrides[search_query] = lambda: SearchQuery(q="amparo", facets=[])
        overridden = test_client.get("/v1/search", params={"q": "otrainexistente"})
    assert overridden.json()["total"] > 0 and overridden.json()["facets"] == {}


NAMES = [*READINGS, "juez"]
VALUES = ["", " ", "amparo", "0", "1", "100", "101", "2023", "2023-03-15", "2024-02-30",
          "date_desc", "sentencia", "MX-GUA", "kind,matter", "none", "ñ*", "(", "a:b"]  # fmt: skip


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(VALUES)), max_size=6))
def test_any_mix_of_parameters_same_answer(
    shortcut: TestClient, routed: TestClient, params: Params
) -> None:
    assert answer(shortcut, params) == answer(routed, params)
