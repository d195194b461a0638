"""A listing paged blindly (``?pagina=N``) whose page after the last answers HTTP 200
with its list empty, as most PHP and ASP sites do: that page ends the listing, the run
is ok and every row is a document. Fixture: tests/fixtures/html_listing/
iniciativas-paginas (a congress's initiatives: the head repeated in plain cells, a row of
units under a date spanning three columns, links in data-url and onclick).

Its «Ver documento» is ``href="javascript:void(0)"`` with the address kept beside it for
the page's script (``data-url``, or ``verDocumento('…')`` in its ``onclick``): a spec
reading the plainest link (``css:a::attr(href)``) reads that address, where every row was
a missing link."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector as Page

from config.specs import parse_spec
from crawlers.selectors import item_link, select
from tests.shapes.harness import FIXTURES, cases, crawl_cases

CASE = FIXTURES / "html_listing" / "iniciativas-paginas"
# (number, date, committee) as the rows say them, over two pages
ROWS = {
    "LXIV-INI-0412": ("2024-03-14", "Movilidad"),
    "LXIV-INI-0411": ("2024-03-12", "Educación"),
    "LXIV-INI-0405": ("2024-02-29", "Derechos Humanos"),
    "LXIV-INI-0398": ("2024-02-27", "Justicia"),
    "LXIV-INI-0390": ("2024-02-20", "Medio Ambiente"),
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    (case,) = [c for c in cases() if c.folder == CASE]
    return crawl_cases([case], tmp_path_factory.mktemp("fin"))[case.name]


def test_the_empty_page_after_the_last_ends_the_listing_and_the_run_is_ok(
    crawled: dict[str, Any],
) -> None:
    run = crawled["runs"]["fixture-iniciativas-paginas"]
    assert run == {"errors": {}, "items": len(ROWS), "status": "ok"}


def test_every_row_of_both_pages_is_a_document_with_its_pdf(crawled: dict[str, Any]) -> None:
    docs = {d["number"]: d for d in crawled["documents"]}
    assert sorted(docs) == sorted(ROWS)  # the head rows repeated mid-table are none
    for number, (day, committee) in ROWS.items():
        doc = docs[number]
        assert (doc["date"], doc["committee"]) == (day, committee)
        assert [f["url"].rsplit("/", 1)[1] for f in doc["files"]] == [f"{number}.pdf"]
        assert number in doc["text_start"]


@pytest.fixture(scope="module")
def script_links(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    (case,) = [
        c for c in cases() if c.folder == FIXTURES / "html_listing" / "iniciativas-enlace-script"
    ]
    return crawl_cases([case], tmp_path_factory.mktemp("enlaces"))[case.name]


def test_the_plainest_link_reads_the_address_kept_beside_the_script(
    script_links: dict[str, Any],
) -> None:
    first = ["LXIV-INI-0412", "LXIV-INI-0411", "LXIV-INI-0405"]  # the first page's rows
    assert script_links["runs"]["fixture-iniciativas-enlace-sencillo"] == {
        "errors": {}, "items": len(first), "status": "ok",
    }  # fmt: skip
    docs = script_links["documents"]
    assert sorted(d["number"] for d in docs) == sorted(first)
    for doc in docs:
        assert doc["url"].endswith(f"/iniciativas/pdf/{doc['number']}.pdf")


def _links(rows: str) -> list[str | None]:
    spec = parse_spec({
        "id": "congreso-iniciativas", "kind": "legislativo", "institution": "Congreso",
        "jurisdiction": "MX-JAL", "start_urls": ["https://congreso.gob.mx/iniciativas/"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
    })  # fmt: skip
    assert spec.listing is not None
    page = Page(text=f"<table>{rows}</table>")
    return [item_link(item, spec.listing) for item in select(page, spec.listing.items)]


def test_a_rows_script_link_gives_its_one_kept_address_and_no_guess() -> None:
    rows = (
        # data-url beside javascript:void(0), its onclick naming no address
        '<tr><td><a href="javascript:void(0)" data-url="pdf/1.pdf" onclick="abrir(this)">'
        "Ver</a></td></tr>"
        # a button's data-archivo
        '<tr><td><button type="button" data-archivo="/docs/2.pdf">Ver</button></td></tr>'
        # href="#" and the address in its onclick's call
        """<tr><td><a href="#" onclick="verDocumento('pdf/3.pdf');">Ver</a></td></tr>"""
        # two different addresses kept: which is the document is not known
        '<tr><td><a href="#" data-url="pdf/4a.pdf">Ver</a> <a href="#" data-pdf="pdf/4b.pdf">'
        "Anexo</a></td></tr>"
        # nothing kept at all
        '<tr><td><a href="javascript:void(0)">Ver</a></td></tr>'
        # a link of its own: as before
        '<tr><td><a href="pdf/6.pdf" data-url="otro.pdf">Ver</a></td></tr>'
    )
    assert _links(rows) == [
        "pdf/1.pdf", "/docs/2.pdf", "pdf/3.pdf", "#", "javascript:void(0)", "pdf/6.pdf",
    ]  # fmt: skip
