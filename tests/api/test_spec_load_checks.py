"""What a spec leaves to the crawl to interpret (a template's modifier, an XPath's
variables and functions, a pagination's fields) is checked when the spec is registered:
POST /v1/sources answers 422 naming the field in Spanish, never a spec that loads and
then fails at every crawl (``{x:foo}`` was a ValueError mid-crawl)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.test_sources import Service, make_service

API = "http://127.0.0.1:1/api/acuerdos"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    made = make_service(tmp_path)
    yield made
    made.library.close()


def api_spec(**rules: Any) -> dict[str, Any]:
    json_api = {"records": "acuerdos", "link": "{url}", "fields": {"title": "titulo"}}
    return {
        "id": "congreso-gto-acuerdos-api",
        "kind": "legislativo",
        "jurisdiction": "MX-GUA",
        "shape": "json_api",
        "start_urls": [API],
        "json_api": json_api | rules,
    }


def listing_spec(**rules: Any) -> dict[str, Any]:
    listing = {"items": "css:article", "link": "css:a::attr(href)"}
    return {
        "id": "congreso-gto-acuerdos-lista",
        "kind": "legislativo",
        "jurisdiction": "MX-GUA",
        "start_urls": ["http://127.0.0.1:1/acuerdos/"],
        "listing": listing | rules,
    }


BAD = [
    (api_spec(link="https://x.mx/doc/{id:foo}"), ["json_api", "link"], "«foo» no es un formato"),
    (api_spec(fields={"title": "{fecha:%d/%m/%Y}"}), ["json_api", "fields"], "solo since y until"),
    (api_spec(files=["https://x.mx/{id:zz}.pdf"]), ["json_api", "files"], "«zz»"),
    (api_spec(params={"pagina": "{page:%Y}"}), ["json_api", "params"], "page es un número"),
    (
        api_spec(method="POST", body={"q": {"p": "{page:foo}"}}),
        ["json_api", "body"],
        "«{page:foo}»",
    ),
    (
        api_spec(method="POST", form={"start": "{offset:%d}"}),
        ["json_api", "form"],
        "offset es un número",
    ),
    (
        api_spec(detail={"url": "https://x.mx/d/{id:stemm}"}),
        ["json_api", "detail", "url"],
        "«stemm»",
    ),
    (listing_spec(next_query={"p": "{page:%d}"}), ["listing", "next_query"], "page es un número"),
    (
        listing_spec(next_form={"form": "css:form", "click": "sig", "data": {"p": "{page:q}"}}),
        ["listing", "next_form", "data"],
        "«{page:q}»",
    ),
    (
        listing_spec(fields={"title": "xpath://h1[$titulo]"}),
        ["listing", "fields", "title"],
        "variable",
    ),
    (
        listing_spec(fields={"title": "xpath://td[fecha()]/text()"}),
        ["listing", "fields", "title"],
        "función que no existe",
    ),
    (listing_spec(link="xpath://a/@href | 3"), ["listing", "link"], "no se pueden unir"),
]


@pytest.mark.parametrize(("body", "loc", "words"), BAD)
def test_a_spec_the_crawl_could_not_interpret_is_a_422_naming_the_field(
    service: Service, body: dict[str, Any], loc: list[str], words: str
) -> None:
    for path in ("/v1/sources", "/v1/sources/preview"):
        response = service.client.post(path, json=body, headers=service.congreso)
        assert response.status_code == 422, (path, response.text)
        [problem] = response.json()["detail"]
        assert problem["loc"][1 : len(loc) + 1] == loc, problem
        assert words in problem["mensaje"], problem
        assert problem["mensaje"].startswith(".".join(loc)), problem


GOOD = [
    api_spec(fields={"title": "titulo", "number": "{numero:05d}"}),
    api_spec(link="{[3]:href}", fields={"title": "{[0]:text}", "number": "{ruta:stem}"}),
    api_spec(params={"p": "{page:03d}", "n": "{size:>4}", "desde": "{since:%d/%m/%Y}"}),
    api_spec(method="POST", form={"start": "{offset}", "length": "{size:d}"}),
    listing_spec(fields={"title": "xpath://h1[has-class('t')]/text()"}),
    listing_spec(fields={"title": "xpath:normalize-space(//td[contains(., 'fecha(')])"}),
]


@pytest.mark.parametrize("body", GOOD)
def test_specs_the_crawl_can_interpret_still_register(
    service: Service, body: dict[str, Any]
) -> None:
    response = service.client.post("/v1/sources", json=body, headers=service.congreso)
    assert response.status_code == 201, response.text
