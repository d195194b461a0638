"""A DataTables table loaded server side whose rows are lists of cells of HTML (``["<b>TOCA
210/2023</b>", "<span>Primera Sala Penal</span>", …, "<a href='…pdf'>…</a>"]``): a spec
names a cell by its index (``[0]``: a path into a record that is itself a list was
refused) and reads its words (``{[0]:text}``) or its link (``{[3]:href}``, a script's
``abrirDocumento('…pdf')`` included). The case ``tests/fixtures/json_api/
datatables-arreglos`` (served on 127.0.0.1, crawled with ``abierto crawl``); its
``expected.json`` holds every field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawlers.templates import render
from tests.shapes.harness import FIXTURES, Case, crawl_cases

CASE = Case(FIXTURES / "json_api" / "datatables-arreglos")
TOCAS = {
    "TOCA 210/2023": "2023-03-18",
    "TOCA 198/2023": "2023-03-10",
    "TOCA 177/2023": "2023-03-02",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return crawl_cases([CASE], tmp_path_factory.mktemp("arreglos"))[CASE.name]


def test_each_row_of_cells_is_a_sentence_with_its_pdf(found: dict[str, Any]) -> None:
    docs = {d["expediente"]: d for d in found["documents"]}
    assert sorted(docs) == sorted(TOCAS)
    for toca, day in TOCAS.items():
        doc = docs[toca]
        assert doc["resolution_date"] == day and "<" not in doc["court"]
        (pdf,) = doc["files"]
        assert pdf["content_type"] == "application/pdf"
        assert pdf["url"].endswith(toca.replace("TOCA ", "Toca%20").replace("/", "-") + ".pdf")
    run = found["runs"]["fixture-datatables-arreglos"]
    assert run["status"] == "ok" and run["errors"] == {} and run["items"] == 3


def test_extracted_as_expected(found: dict[str, Any]) -> None:
    expected = json.loads(Path(CASE.expected_path).read_text(encoding="utf-8"))
    assert found == expected


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("{[0]:text}", "TOCA 1/2024"),
        ("{[1]:href}", "docs/a b.pdf"),
        ("{[2]:href}", "ver.php?id=9"),
        ("{[3]:href}", ""),  # a cell without a link: none, never its text
        ("{[3]:text}", "sin documento"),
    ],
)
def test_a_cells_words_and_link(template: str, text: str) -> None:
    script = "<a href='#' onclick=\"window.open('ver.php?id=9')\">Ver</a>"
    row = ["<b>TOCA\n 1/2024</b>", "<a href=' docs/a b.pdf '>Ver</a>", script, "sin documento"]
    assert render(template, {}, row) == text
