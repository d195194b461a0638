"""A preview shows the first listing page: when the spec's own ``listing.max_pages`` would
end the crawl there although the listing goes on (a "Siguiente" link, a pager's next
page), the preview says so, in Spanish, so that an institution previewing its spec does
not take the items shown for all there are."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.api.test_preview_next_form import PAGER, Previewer, _previewer
from tests.shapes.harness import FIXTURES

ROWS = '<tr><td>{n}/2025</td><td>12/03/2025</td><td><a href="/doc/{n}.html">Ver</a></td></tr>'


def _listing(rows: range, next_link: str | None) -> str:
    """A court's listing of sentences as legacy sites write it: a table, and under it a
    "Siguiente »" link to the next page (none on the last)."""
    body = "".join(ROWS.format(n=n) for n in rows)
    pager = (
        f'<p class="paginas"><a href="{next_link}">Siguiente &raquo;</a></p>' if next_link else ""
    )
    return (
        '<html><body><table class="sentencias"><tr><th>Expediente</th><th>Fecha</th>'
        f"<th></th></tr>{body}</table>{pager}</body></html>"
    )


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Previewer, Path]]:
    root = tmp_path / "site"
    (root / "doc").mkdir(parents=True)
    (root / "listado-1.html").write_text(_listing(range(1, 4), "listado-2.html"), "utf-8")
    (root / "listado-2.html").write_text(_listing(range(4, 6), None), "utf-8")
    for n in range(1, 6):
        (root / "doc" / f"{n}.html").write_text(f"<html><h1>Sentencia {n}</h1></html>", "utf-8")
    (root / "spec.yaml").write_text(
        "id: juzgado-lista\nkind: sentencia\ninstitution: x\njurisdiction: MX-NLE\n"
        'start_urls: ["${ABIERTO_SAMPLES_URL}/listado-1.html"]\n'
        "listing:\n"
        '  items: "css:table.sentencias tr:not(:first-child)"\n'
        '  link: "css:a::attr(href)"\n'
        "  next_page: \"xpath://p[@class='paginas']/a[contains(., 'Siguiente')]/@href\"\n"
        "  fields:\n"
        '    expediente: "css:td:nth-child(1)::text"\n'
        '    resolution_date: "css:td:nth-child(2)::text"\n',
        "utf-8",
    )
    for previewer in _previewer(tmp_path, root):
        yield previewer, root


@pytest.fixture
def fixtures(tmp_path: Path) -> Iterator[Previewer]:
    yield from _previewer(tmp_path, FIXTURES)


def test_max_pages_one_with_a_next_page_is_said_in_spanish(
    site: tuple[Previewer, Path],
) -> None:
    previewer, case = site
    body = previewer.preview(case, max_pages=1)
    assert len(body["documents"]) == 3 and body["next_page"].endswith("/listado-2.html")
    (problema,) = body["problemas"]
    assert problema.startswith("listing.max_pages es 1: el rastreo se detendría después de")
    assert "no es todo lo que hay" in problema and "/listado-2.html" in problema
    assert len(body["problems"]) == 1 and "not all there is" in body["problems"][0]


def test_no_warning_when_the_crawl_would_go_on_or_the_listing_ends(
    site: tuple[Previewer, Path],
) -> None:
    previewer, case = site
    assert previewer.preview(case, max_pages=5)["problemas"] == []
    last = previewer.preview(case, start="/listado-2.html", max_pages=1)
    assert last["next_page"] is None and last["problemas"] == []


def test_a_pager_posted_back_with_max_pages_one_is_said_too(fixtures: Previewer) -> None:
    body = fixtures.preview(PAGER, max_pages=1)
    assert body["next_form"]["pages_on"]
    (problema,) = body["problemas"]
    assert problema.startswith("listing.max_pages es 1:") and "Penales.aspx" in problema
    assert fixtures.preview(PAGER)["problemas"] == []  # its default: 20 pages


def test_an_api_whose_max_pages_ends_the_trial_crawl_is_said_too(tmp_path: Path) -> None:
    """A JSON API previewed by a trial crawl: its json_api.max_pages 1 stops it while the
    answer's total says there are more records."""
    root = tmp_path / "site"
    root.mkdir()
    records = [
        {"idEngrose": n, "tipoAsunto": "AMPARO DIRECTO EN REVISIÓN",
         "numExpediente": f"{n}/2023", "fechaResolucion": "13/08/2025"}
        for n in range(1, 7)
    ]  # fmt: skip
    for page in (1, 2):
        answer = {"total": 6, "resultados": records[(page - 1) * 3 : page * 3]}
        (root / f"pagina-{page}.json").write_text(json.dumps(answer), "utf-8")
    routes = [
        {"path": "/busqueda", "query": {"page": str(p)}, "file": f"pagina-{p}.json"} for p in (1, 2)
    ]
    (root / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}), "utf-8")
    for previewer in _previewer(tmp_path, root):
        spec = {
            "id": "pj-nl-api", "kind": "sentencia", "jurisdiction": "MX-NLE",
            "shape": "json_api", "start_urls": [previewer.server.url + "/busqueda"],
            "json_api": {
                "params": {"page": "{page}"}, "records": "resultados", "total": "total",
                "page_size": 3, "max_pages": 1, "link": "/documento/{idEngrose}",
                "fields": {"expediente": "{tipoAsunto} {numExpediente}",
                           "resolution_date": "fechaResolucion"},
            },
        }  # fmt: skip
        response = previewer.client.post(
            "/v1/sources/preview", json=spec, headers=previewer.headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["documents"]) == 3
        (problema,) = body["problemas"]
        assert problema.startswith(
            "se alcanzó el límite json_api.max_pages (1): la página siguiente de registros y "
            "las posteriores no se trajeron; lo que muestra esta vista previa no es todo"
        )
        spec["json_api"]["max_pages"] = 2
        again = previewer.client.post("/v1/sources/preview", json=spec, headers=previewer.headers)
        assert len(again.json()["documents"]) == 6 and again.json()["problemas"] == []
