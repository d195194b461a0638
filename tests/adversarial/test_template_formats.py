"""A placeholder's format pads or cuts a value (``{page:03d}``, ``{since:%d/%m/%Y}``):
in a spec sent through the API, a width of hundreds of millions (``{page:>900000000}``)
would have the crawl or the preview write gigabytes into one address or body. Every
place a spec's templates are rendered (query parameters, links, files, fields, a POST's
JSON body, a form's data, backfill windows) refuses it at registration, naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawlers.templates import render_all, render_json
from tests.adversarial.service import Api, open_api

BOMB = "{page:>900000000}"
URL = "http://127.0.0.1:9/api"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    made = open_api(Path(tmp_path_factory.mktemp("data")), write_rate_per_minute=1000)
    yield made
    made.close()


def _json_api(**rules: Any) -> dict[str, Any]:
    return {
        "id": "pj-gto-api", "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "json_api",
        "start_urls": [URL],
        "json_api": {"records": "resultados", "link": URL + "/{id}"} | rules,
    }  # fmt: skip


def _listing(**listing: Any) -> dict[str, Any]:
    return {
        "id": "pj-gto-lista", "kind": "sentencia", "jurisdiction": "MX-GUA",
        "start_urls": [URL],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"} | listing,
    }  # fmt: skip


HOSTILE = {
    "params": (_json_api(params={"pagina": BOMB}), ("json_api", "params")),
    "link": (_json_api(link=URL + "/{id:>900000000}"), ("json_api", "link")),
    "files": (_json_api(files=[URL + "/{id:.900000000}"]), ("json_api", "files")),
    "body": (
        _json_api(method="POST", body={"filtros": [{"pagina": BOMB}]}),
        ("json_api", "body"),
    ),
    "next_query": (_listing(next_query={"p": BOMB}), ("listing",)),
    "next_form": (
        _listing(next_form={"form": "css:form", "data": {"pagina": BOMB}}),
        ("listing", "next_form", "data"),
    ),
    "window": (
        _json_api() | {"window": {"query": {"desde": "{since:%900000000Y}"}}},
        ("window", "query"),
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
def test_a_format_wider_than_a_value_is_a_422_naming_the_field(
    api: Api, path: str, case: str
) -> None:
    spec, loc = HOSTILE[case]
    response = api.client.post(path, json=spec, headers=api.headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert tuple(problem["loc"][1 : 1 + len(loc)]) == loc, problem
    assert "64" in problem["msg"], problem
    assert api.registry.list_sources() == []


def test_ordinary_formats_are_kept_and_rendered(api: Api) -> None:
    spec = _json_api(
        params={"pagina": "{page:03d}", "desde": "{since:%d/%m/%Y}"},
        method="POST",
        body={"pagina": "{page}", "relleno": "{page:>64}"},
    )
    spec["id"] = "pj-gto-api-ordinario"
    created = api.client.post("/v1/sources", json=spec, headers=api.headers)
    assert created.status_code == 201, created.text[:300]
    variables = {"page": 7, "since": dt.date(2024, 3, 9)}
    stored = created.json()["spec"]["json_api"]
    assert render_all(stored["params"], variables) == {"pagina": "007", "desde": "09/03/2024"}
    body = render_json(stored["body"], variables)
    assert body["pagina"] == 7 and len(body["relleno"]) == 64
