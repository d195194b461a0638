"""``GET /v1/search`` answers the same bytes whether its parameters are read in one pass
(``SearchRoute``, in the real app) or by FastAPI as declared: plain searches, odd ones and
refusals alike.

The declared reading is served by an app of the same endpoint, the same declaration and
the same error handlers on a plain ``APIRoute``, so the two differ only in how the query
string is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI, Query, Request
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.routers import pages, search
from api.search_params import search_query
from api.search_route import READINGS, Declared, SearchRoute, plain_values, readings
from api.single_values import OneValueEach
from indexer.library import Library
from indexer.stores import SearchQuery

Params = list[tuple[str, str]]


@pytest.fixture(scope="module")
def declared(library: Library) -> Iterator[TestClient]:
    """``GET /v1/search`` as declared, read by FastAPI (``SearchRoute`` is the real app's)."""
    (route,) = [r for r in search.router.routes if getattr(r, "path", "") == "/v1/search"]
    assert isinstance(route, SearchRoute)
    app = FastAPI()
    app.state.library = library
    pages.install_errors(app)
    app.add_middleware(OneValueEach)  # the real app's refusal of a repeated q or limit
    app.router.add_api_route(
        route.path,
        route.endpoint,
        methods=list(route.methods),
        response_model=route.response_model,
        responses=route.responses,
        route_class_override=APIRoute,
    )
    with TestClient(app) as test_client:
        yield test_client


def answers(client: TestClient, params: Params) -> tuple[int, str | None, bytes]:
    answer = client.get(f"/v1/search?{urlencode(params)}")
    return answer.status_code, answer.headers.get("content-type"), answer.content


QUESTIONS: list[Params] = [
    [],
    [("q", "amparo")],
    [("q", '"daño moral"'), ("limit", "1")],
    [("q", "moral"), ("limit", "100"), ("sort", "date_asc")],
    [("q", "amparo"), ("q", "sesión")],  # the last one counts
    [("limit", "2"), ("limit", "3")],
    [("jurisdiction", "MX-GUA"), ("kind", "sentencia"), ("kind", "Sesión")],
    [("facets", "matter,kind"), ("facets", "year")],
    [("facets", "none")],
    [("facets", "")],
    [("date_from", "2021-01-01"), ("date_to", "2023-12-31")],
    [("year", "2024"), ("source", "congreso-gto"), ("sort", "most_cited")],
    [("cita", "AR 1234/2023"), ("expediente", "Toca No. 133/2021")],
    [("q", ""), ("cursor", ""), ("kind", ""), ("matter", " ")],
    [("q", "decisión"), ("limit", "1")],
    # refused after reading, by the same checks on either path
    [("juez", "Pérez")],
    [("q", "amparo"), ("year", "dos mil")],
    [("kind", "tesis")],
    [("facets", "color")],
    [("date_from", "2024-01-01"), ("date_to", "2023-01-01")],
    [("q", "(amparo")],
    [("q", "color:rojo")],
    [("cursor", "no-es-un-cursor")],
    [("court", "x" * 501)],
    [("matter", str(n)) for n in range(51)],
    # refused by FastAPI's declared reading: the one-pass reading hands them over
    [("limit", "0")],
    [("limit", "101")],
    [("limit", "007")],
    [("limit", " 5")],
    [("limit", "cinco")],
    [("limit", "")],
    [("limit", "5"), ("limit", "500")],
    [("date_from", "2023-02-30")],
    [("date_from", "2023-2-3")],
    [("date_to", "")],
    [("date_to", "20230101")],
    [("sort", "fecha")],
    [("sort", "")],
    [("sort", "Relevance"), ("juez", "x")],
    [("limit", "0"), ("juez", "x"), ("date_from", "ayer")],
]


@pytest.mark.parametrize("params", QUESTIONS, ids=lambda p: urlencode(p)[:60] or "empty")
def test_same_answer_either_reading(
    client: TestClient, declared: TestClient, params: Params
) -> None:
    one_pass = answers(client, params)
    assert one_pass == answers(declared, params)
    assert one_pass[0] in (200, 422)


NAMES = [*READINGS, "juez", "Q", "page"]
VALUES = [
    "",
    " ",
    "amparo",
    "sesión",
    '"daño moral"',
    "0",
    "1",
    "20",
    "100",
    "101",
    "-1",
    "1e2",
    "2023",
    "2023-03-15",
    "2024-02-30",
    "0000-01-01",
    "relevance",
    "date_desc",
    "sentencia",
    "MX-GUA",
    "kind,matter",
    "none",
    "all",
    "congreso-gto",
    "ñ*",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(VALUES)), max_size=6))
def test_any_mix_of_parameters_same_answer(
    client: TestClient, declared: TestClient, params: Params
) -> None:
    assert answers(client, params) == answers(declared, params)


def test_plain_values_are_read_in_one_pass() -> None:
    read = plain_values(
        [("q", "a"), ("q", "b"), ("kind", "sentencia"), ("kind", "sesion"), ("limit", "5"),
         ("date_from", "2023-03-15"), ("sort", "date_asc"), ("juez", "x")]
    )  # fmt: skip
    assert read == {
        "q": "b",
        "kind": ["sentencia", "sesion"],
        "limit": 5,
        "date_from": dt.date(2023, 3, 15),
        "sort": "date_asc",
    }


@pytest.mark.parametrize(
    "pair",
    [("limit", "0"), ("limit", "101"), ("limit", "05"), ("date_to", "2023-02-30"), ("sort", "")],
)
def test_odd_values_go_the_declared_way(pair: tuple[str, str]) -> None:
    with pytest.raises(Declared):
        plain_values([pair])


def test_an_overridden_dependency_is_honoured(library: Library) -> None:
    app = create_app(library)
    app.dependency_overrides[search_query] = lambda: SearchQuery(q="amparo", facets=[])
    with TestClient(app) as test_client:
        answer = test_client.get("/v1/search", params={"q": "palabrainexistente"})
    assert answer.status_code == 200
    assert answer.json()["total"] > 0 and answer.json()["facets"] == {}


async def _float_param(request: Request, weight: Annotated[float, Query()] = 1.0) -> None:
    """A kind of parameter the one-pass reading does not know."""


async def _bounded_text(request: Request, q: Annotated[str, Query(max_length=5)] = "") -> None:
    """A text with a constraint only pydantic checks."""


@pytest.mark.parametrize("dependency", [_float_param, _bounded_text])
def test_unknown_kinds_of_parameter_stop_the_app(dependency: object) -> None:
    with pytest.raises(TypeError):
        readings(dependency)  # type: ignore[arg-type]
