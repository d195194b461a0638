"""A listing's preview shows each field as the crawl would store it: a date the page
writes «07/octubre/2021» as the date it is, a judge written in capitals as the name the
document keeps. It showed the page's raw words, so the spec's author saw values the
crawl never stores (a feed's or an API's preview already showed the built document);
the page's words stay in ``raw_fields``. A listing modelled on the Poder Judicial de
Nuevo León's penal sentences grid (Fecha Emisión, Fecha Publicación, Juez)."""

from __future__ import annotations

from pathlib import Path

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.preview import listing_preview
from samples.server import serve


def _spec(url: str) -> SourceSpec:
    return SourceSpec.model_validate(
        {
            "id": "juzgado-listado",
            "kind": "sentencia",
            "institution": "Poder Judicial de Prueba",
            "jurisdiction": "MX-NLE",
            "start_urls": [url],
            "listing": {
                "items": "css:table#gdvPenal tr.fila",
                "link": "css:a.ver::attr(href)",
                "fields": {
                    "date": "css:td.emision::text",
                    "ponente": "css:td.juez::text",
                    "expediente": "css:td.causa::text",
                },
            },
        }
    )


def test_a_listing_preview_shows_the_values_the_crawl_stores(tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    (www / "listado.html").write_text(
        '<html><body><table id="gdvPenal">'
        '<tr class="fila"><td class="emision">07/octubre/2021</td>'
        '<td class="juez">LIC. MARÍA DE LOURDES GARZA TREVIÑO</td>'
        '<td class="causa">123/2021</td>'
        '<td><a class="ver" href="visor-1.html">ver</a></td></tr>'
        "</table></body></html>",
        encoding="utf-8",
    )
    with serve(www) as server:
        preview = listing_preview(
            _spec(f"{server.url}/listado.html"),
            Settings(allow_loopback=True),
            max_details=0,
            time_limit_s=10,
        )
    [document] = preview["documents"]
    assert document["fields"]["date"] == "2021-10-07"
    assert document["fields"]["ponente"] == "María de Lourdes Garza Treviño"
    assert document["raw_fields"]["date"] == "07/octubre/2021"
    # the field report's samples are the stored values too
    assert preview["fields"]["date"]["samples"] == ["2021-10-07"]
