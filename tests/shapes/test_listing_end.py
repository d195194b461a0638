"""A listing paged blindly (``?pagina=N``) whose page after the last answers HTTP 200
with its list empty, as most PHP and ASP sites do: that page ends the listing, the run
is ok and every row is a document. Fixture: tests/fixtures/html_listing/
iniciativas-paginas (a congress's initiatives: the head repeated in plain cells, a row of
units under a date spanning three columns, links in data-url and onclick)."""

from __future__ import annotations

from typing import Any

import pytest

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
