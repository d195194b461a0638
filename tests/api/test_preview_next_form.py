"""A spec that pages by posting a form (a "Siguiente" button, an ASP.NET pager) shows in
its preview whether paging works: the control the crawl would click and what the second
page yields (one request more, to a real server that answers only the right post), or,
in Spanish, why paging would stop there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.shapes.harness import FIXTURES
from tests.shapes.server import FixtureServer

GRID = "ctl00$ContentPlaceHolder1$gdvPenal"
PAGER = FIXTURES / "html_listing" / "pj-nl-paginador"
BUTTON = FIXTURES / "html_listing" / "formulario-post"


@dataclass
class Previewer:
    client: TestClient
    headers: dict[str, str]
    server: FixtureServer

    def preview(self, case: Path, start: str | None = None, **listing: Any) -> dict[str, Any]:
        """The preview of ``case``'s spec (its own start address, or ``start``, under the
        server), its listing rules changed by ``listing``."""
        text = (case / "spec.yaml").read_text(encoding="utf-8")
        spec = yaml.safe_load(text.replace("${ABIERTO_SAMPLES_URL}", self.server.url))
        spec.pop("institution")
        spec["id"] = "pj-nl-vista-previa"
        spec["jurisdiction"] = "MX-NLE"
        spec["listing"] |= listing
        if start is not None:
            spec["start_urls"] = [self.server.url + start]
        response = self.client.post("/v1/sources/preview", json=spec, headers=self.headers)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def posts(self) -> list[int]:
        return [hit.status for hit in self.server.hits("/") if hit.method == "POST"]


def _previewer(tmp_path: Path, root: Path) -> Iterator[Previewer]:
    config = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(config)
    registry = Registry(library.db)
    registry.add_institution("pj-nl", "Poder Judicial del Estado de Nuevo León", "court", "MX-NLE")
    _, key = registry.issue_key("pj-nl")
    try:
        with FixtureServer(root) as server:
            client = TestClient(create_app(library, config))
            yield Previewer(client, {"Authorization": f"Bearer {key}"}, server)
    finally:
        library.close()


@pytest.fixture
def fixtures(tmp_path: Path) -> Iterator[Previewer]:
    yield from _previewer(tmp_path, FIXTURES)


def test_an_aspnet_pager_shows_its_postback_and_the_second_pages_rows(
    fixtures: Previewer,
) -> None:
    body = fixtures.preview(PAGER)
    paging = body["next_form"]
    assert paging["control_found"] and paging["form_found"]
    assert (paging["target"], paging["argument"], paging["button"]) == (GRID, "Page$2", None)
    assert paging["method"] == "POST" and paging["url"].endswith("/Modulos/Penales.aspx")
    assert (paging["items"], paging["new_items"], paging["pages_on"]) == (2, 2, True)
    assert paging["mensaje"] is None and body["errors"] == []
    assert body["next_page"] is None and len(body["documents"]) == 2  # as before
    assert fixtures.posts() == [200]  # one post, with the page's own __VIEWSTATE


def test_a_siguiente_button_shows_its_name_and_the_second_pages_rows(
    fixtures: Previewer,
) -> None:
    paging = fixtures.preview(BUTTON)["next_form"]
    assert paging["control_found"] and paging["button"] == "btnSiguiente"
    assert paging["target"] is None and paging["argument"] is None
    assert paging["items"] == paging["new_items"] == 1 and paging["pages_on"]  # its last row
    assert fixtures.posts() == [200]


def test_a_pager_that_offers_no_next_page_is_said_in_spanish(fixtures: Previewer) -> None:
    other = {"form": "css:form", "postback": "ctl00$Otra"}
    paging = fixtures.preview(PAGER, next_form=other)["next_form"]
    assert paging["form_found"] and not paging["control_found"] and not paging["pages_on"]
    assert paging["items"] is None
    assert "no tiene ningún enlace __doPostBack a «ctl00$Otra»" in paging["mensaje"]
    assert fixtures.posts() == []


def test_a_missing_form_or_button_and_a_disabled_button_are_said_in_spanish(
    fixtures: Previewer,
) -> None:
    no_form = fixtures.preview(BUTTON, next_form={"form": "css:form#otro", "click": "btnSiguiente"})
    assert not no_form["next_form"]["form_found"]
    assert no_form["next_form"]["mensaje"] == (
        "listing.next_form.form no encontró el formulario en la página"
    )
    no_button = fixtures.preview(BUTTON, next_form={"form": "css:form#form1", "click": "btnOtro"})
    assert no_button["next_form"]["mensaje"] == "el formulario no tiene el botón «btnOtro»"
    last = fixtures.preview(
        BUTTON, start="/html_listing/formulario-post/Sentencias/consulta-2.html"
    )
    paging = last["next_form"]
    assert paging["button"] == "btnSiguiente" and not paging["pages_on"]
    assert paging["mensaje"] == (
        "el botón «btnSiguiente» está deshabilitado: esta es la última página"
    )
    assert fixtures.posts() == []


def test_a_post_the_site_refuses_is_said_in_spanish(fixtures: Previewer) -> None:
    """A __VIEWSTATE the spec overrides is not the page's: the site answers 404."""
    wrong = {"form": "css:form", "postback": GRID, "data": {"__VIEWSTATE": "ajeno"}}
    body = fixtures.preview(PAGER, next_form=wrong)
    paging = body["next_form"]
    assert paging["control_found"] and paging["argument"] == "Page$2"
    assert paging["items"] is None and not paging["pages_on"]
    assert paging["mensaje"].startswith("el envío del formulario respondió con un error: ")
    assert "404" in paging["mensaje"]
    assert [e["cause"] for e in body["errors"]] == ["http_404"]
    assert fixtures.posts() == [404]


LISTING = """<html><body><form id="f" method="post" action="{action}">
<input type="hidden" name="estado" value="uno">
<table><tr><td><a href="/doc/1">Sentencia 1</a></td></tr>
<tr><td><a href="/doc/2">Sentencia 2</a></td></tr></table>
<input type="submit" name="btnSiguiente" value="Siguiente">
</form></body></html>"""


@pytest.fixture
def own(tmp_path: Path) -> Iterator[Previewer]:
    """A site whose "Siguiente" answers its first page again, whatever is posted."""
    case = tmp_path / "sitio" / "repite"
    case.mkdir(parents=True)
    (case / "listado.html").write_text(LISTING.format(action="listado.aspx"), encoding="utf-8")
    (case / "fuera.html").write_text(
        LISTING.format(action="http://10.11.12.13/listado.aspx"), encoding="utf-8"
    )
    routes = [{"path": "/listado.aspx", "method": "POST", "file": "listado.html"}]
    (case / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}), encoding="utf-8")
    (case / "spec.yaml").write_text(
        yaml.safe_dump(
            {
                "id": "x",
                "kind": "sentencia",
                "institution": "x",
                "jurisdiction": "MX-NLE",
                "start_urls": ["${ABIERTO_SAMPLES_URL}/repite/listado.html"],
                "listing": {
                    "items": "css:tr",
                    "link": "css:a::attr(href)",
                    "next_form": {"form": "css:form#f", "click": "btnSiguiente"},
                    "fields": {"title": "css:a::text"},
                },
            }
        ),
        encoding="utf-8",
    )
    yield from _previewer(tmp_path, tmp_path / "sitio")


def test_a_second_page_that_repeats_the_first_is_said_in_spanish(
    own: Previewer, tmp_path: Path
) -> None:
    paging = own.preview(tmp_path / "sitio" / "repite")["next_form"]
    assert paging["button"] == "btnSiguiente" and paging["items"] == 2
    assert paging["new_items"] == 0 and not paging["pages_on"]
    assert paging["mensaje"].startswith("la segunda página repite los elementos de la primera")
    assert own.posts() == [200]


def test_a_form_sent_to_a_private_address_is_refused_as_the_crawl_would(
    own: Previewer, tmp_path: Path
) -> None:
    body = own.preview(tmp_path / "sitio" / "repite", start="/repite/fuera.html")
    paging = body["next_form"]
    assert paging["url"] == "http://10.11.12.13/listado.aspx" and not paging["pages_on"]
    assert paging["mensaje"].startswith("el envío del formulario respondió con un error: ")
    assert [e["url"] for e in body["errors"] if e["cause"] == "blocked_address"] == [paging["url"]]
    assert own.posts() == []
