"""A preview reads a listing's links as the crawl does: against its ``<base href>`` when
that is a web address, against the page's own address when it is not or cannot be parsed.
It read them against the page's own address always, so it showed addresses the crawl
never fetched, and a base that cannot be parsed failed the whole preview."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.preview import listing_preview
from samples.server import serve


def _spec(url: str) -> SourceSpec:
    return SourceSpec.model_validate(
        {
            "id": "juzgado-base",
            "kind": "sentencia",
            "institution": "Juzgado de Prueba",
            "jurisdiction": "MX-OAX",
            "start_urls": [url],
            "listing": {
                "items": "css:tr.fila",
                "link": "css:a.ver::attr(href)",
                "files": "css:a.pdf::attr(href)",
                "next_page": "css:a.siguiente::attr(href)",
            },
        }
    )


def _site(www: Path, base: str) -> None:
    rows = "".join(
        f'<tr class="fila"><td><a class="ver" href="s-{n}.html">ver</a>'
        f'<a class="pdf" href="s-{n}.pdf">pdf</a></td></tr>'
        for n in (100, 101)
    )
    (www / "listados").mkdir()
    (www / "listados" / "uno.html").write_text(
        f'<html><head><base href="{base}"></head><body><table>{rows}</table>'
        '<a class="siguiente" href="dos.html">siguiente</a></body></html>'
    )


@pytest.mark.parametrize("base", ["{url}/sentencias/", "http://[::1/", "file:///etc/"])
def test_the_preview_reads_links_against_the_base_the_crawl_uses(tmp_path: Path, base: str) -> None:
    www = tmp_path / "www"
    www.mkdir()
    with serve(www) as server:
        _site(www, base.format(url=server.url))
        preview = listing_preview(
            _spec(f"{server.url}/listados/uno.html"),
            Settings(allow_loopback=True),
            max_details=0,
            time_limit_s=10,
        )
    folder = f"{server.url}/sentencias/" if base.startswith("{url}") else f"{server.url}/listados/"
    assert preview["errors"] == []
    assert [d["url"] for d in preview["documents"]] == [
        f"{folder}s-100.html",
        f"{folder}s-101.html",
    ]
    assert [d["files"] for d in preview["documents"]] == [
        [f"{folder}s-100.pdf"],
        [f"{folder}s-101.pdf"],
    ]
    assert preview["next_page"] == f"{folder}dos.html"
