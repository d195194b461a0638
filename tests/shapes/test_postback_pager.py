"""ASP.NET grids that page through ``__doPostBack`` links (the Poder Judicial de Nuevo
León's penal grid among them) are crawled page after page: each next page is the form
posted back with the grid as ``__EVENTTARGET``, ``Page$N`` as ``__EVENTARGUMENT`` and the
page's own ``__VIEWSTATE``; a "…" button counts like a number, and paging ends where the
pager offers no next page. The pager's row is no sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector as Page

from config.specs import SpecError, load_spec, parse_spec
from crawlers.postback import next_page_argument
from crawlers.selectors import select
from indexer.db import Database
from tests.shapes.harness import FIXTURES, REPO, run_abierto
from tests.shapes.server import FixtureServer

CASE = FIXTURES / "html_listing" / "pj-nl-paginador"
MODULE = "/html_listing/pj-nl-paginador/SentenciasPublicas/Modulos"
GRID = "ctl00$ContentPlaceHolder1$gdvPenal"


def _page(n: int) -> Page:
    text = (CASE / "SentenciasPublicas" / "Modulos" / f"penales-{n}.html").read_text("utf-8")
    return Page(text=text)


def test_the_pager_leads_from_each_page_to_the_next_and_ends_on_the_last() -> None:
    # page 1 shows "1 2 …", page 2 "1 2 …" (the "…" is page 3), page 3 "… 3"
    assert next_page_argument(_page(1), GRID, 1) == "Page$2"
    assert next_page_argument(_page(2), GRID, 2) == "Page$3"
    assert next_page_argument(_page(3), GRID, 3) is None
    assert next_page_argument(_page(1), "ctl00$OtraRejilla", 1) is None


def test_a_next_next_pager_is_followed_too() -> None:
    page = Page(
        text="<form><a href=\"javascript:__doPostBack('g','Page$Prev')\">&lt;</a>"
        "<a href=\"javascript:__doPostBack('g','Page$Next')\">&gt;</a></form>"
    )
    assert next_page_argument(page, "g", 4) == "Page$Next"


def test_a_siguiente_link_button_is_followed_until_it_is_disabled() -> None:
    target = "ctl00$ContentPlaceHolder1$lnkSiguiente"
    plain = Page(text=f"<form><a href=\"javascript:__doPostBack('{target}','')\">Siguiente</a>")
    validating = Page(
        text='<form><a href="javascript:WebForm_DoPostBackWithOptions(new WebForm_PostBack'
        f"Options(&quot;{target}&quot;, &quot;&quot;, true, &quot;&quot;, &quot;&quot;, "
        'false, true))">Siguiente</a></form>'
    )
    disabled = Page(text='<form><a class="aspNetDisabled">Siguiente</a></form>')
    assert next_page_argument(plain, target, 1) == ""
    assert next_page_argument(validating, target, 7) == ""
    assert next_page_argument(disabled, target, 8) is None


def test_the_catalogue_spec_takes_the_rows_and_not_the_pager() -> None:
    spec = load_spec(REPO / "config" / "sources" / "catalogue" / "pj-nl-sentencias.yaml")
    assert spec.listing is not None
    for n, rows in ((1, 2), (2, 2), (3, 1)):
        items = select(_page(n), spec.listing.items)
        assert len(items) == rows
        assert all(item.xpath(".//a[contains(@href, 'Visor.aspx')]") for item in items)


def test_click_and_postback_together_are_refused_in_spanish() -> None:
    spec = {
        "id": "rejilla",
        "kind": "sentencia",
        "institution": "Poder Judicial",
        "jurisdiction": "MX-NLE",
        "start_urls": ["https://example.org/Penales.aspx"],
        "listing": {
            "items": "tr",
            "link": "a::attr(href)",
            "next_form": {"form": "form", "click": "btnSiguiente", "postback": GRID},
        },
    }
    with pytest.raises(SpecError, match=r"next_form lleva click .* o postback"):
        parse_spec(spec)


def test_the_crawl_posts_the_pager_back_with_each_pages_own_state(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "spec.yaml").write_bytes((CASE / "spec.yaml").read_bytes())
    with FixtureServer(FIXTURES) as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
        assert "Traceback" not in result.stderr, result.stderr
        posts = [h for h in server.hits(MODULE) if h.method == "POST"]
    # pages 2 and 3 only, each answered (a post without the page's __VIEWSTATE is a 404)
    assert [h.status for h in posts] == [200, 200]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = list(db.iter_documents())
        run = db.list_runs("fixture-pj-nl-paginador", limit=1)[0]
    finally:
        db.close()
    assert sorted(d.url.split("?p=")[1] for d in docs) == [f"k1Qa9TzR0cW{n}=" for n in range(1, 6)]
    assert run.status == "ok" and run.errors == {}
