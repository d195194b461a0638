"""A listing's "Ver" that opens a viewer, not the PDF: each kind of viewer real
judiciaries publish must lead to the sentence's own PDF, never keep the viewer's page
(PDF.js's toolbar, a script) as the document's text.

The case ``tests/fixtures/html_listing/visores-pdf`` (served on 127.0.0.1, crawled with
``abierto crawl``): a page framing PDF.js (``viewer.html?file=<the PDF>``: the viewer
names its document only in its own query), a page that shows the PDF by script
(``PDFObject.embed("…/Sentencia Número 102.pdf")``), one with ``<object>``/``<embed>``,
and a row linking PDF.js itself. Its ``expected.json`` holds every field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.shapes.harness import FIXTURES, Case, crawl_cases

CASE = Case(FIXTURES / "html_listing" / "visores-pdf")
PDFS = {  # toca: the file each row's viewer shows
    "101/2023": "documentos/2023/TOCA-101-2023.pdf",
    "102/2023": "documentos/2023/Sentencia%20N%C3%BAmero%20102.pdf",
    "103/2023": "documentos/2023/TOCA-103-2023.pdf",
    "104/2023": "documentos/2023/TOCA-104-2023.pdf",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return crawl_cases([CASE], tmp_path_factory.mktemp("visores"))[CASE.name]


def test_each_viewer_leads_to_its_own_pdf(found: dict[str, Any]) -> None:
    docs = {d["expediente"]: d for d in found["documents"]}
    assert sorted(docs) == [f"Toca {toca}" for toca in PDFS]
    for toca, pdf in PDFS.items():
        doc = docs[f"Toca {toca}"]
        files = [(f["url"], f["content_type"]) for f in doc["files"]]
        assert files == [(f"{{base}}/html_listing/visores-pdf/{pdf}", "application/pdf")], toca
        # the sentence's words, not the viewer's toolbar
        assert f"TOCA {toca}" in doc["text_start"], toca
        assert "PDF.js" not in doc["text_start"] and "Previous" not in doc["text_start"]
    run = found["runs"]["fixture-visores-pdf"]
    assert run["status"] == "ok" and run["errors"] == {}


def test_extracted_as_expected(found: dict[str, Any]) -> None:
    expected = json.loads(Path(CASE.expected_path).read_text(encoding="utf-8"))
    assert found == expected
