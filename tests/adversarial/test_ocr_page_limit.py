"""A scanned PDF whose OCR stops at its page limit keeps the text of the pages read, and
the crawl says so: before, the extractor's ``ocr_incomplete`` warning was dropped, the
document saved without the text of the other scanned pages and no one the wiser.
Crawled end to end from a real server on 127.0.0.1 with the OCR's page limit lowered to
1 (``ABIERTO_OCR_MAX_PAGES``) so the test stays quick; every page has its own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.extract.ocr import tessdata_dir
from samples.scans import scanned
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import text_pdf

pytestmark = pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")

PAGES = [
    "Sentencia del juicio ordinario civil. Primero: se condena al demandado.",
    "Segundo: se absuelve de las costas. Tercero: notifiquese personalmente.",
]
FILES = {
    "/escaneada.pdf": Served(scanned(text_pdf(PAGES), dpi=200)),
    "/corta.pdf": Served(text_pdf(["Sentencia definitiva del juicio ordinario civil 12/2024"])),
}


def test_a_scan_past_the_ocr_page_limit_is_kept_in_part_and_said(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES, env={"ABIERTO_OCR_MAX_PAGES": "1"})
    assert "Traceback" not in crawled.stderr, crawled.stderr
    texts, run = crawled.texts, crawled.run
    scan_text = texts["Sentencia escaneada.pdf"].lower()
    assert "condena" in scan_text  # the page OCR read is kept
    assert "notifiquese" not in scan_text
    assert "juicio ordinario civil 12/2024" in texts["Sentencia corta.pdf"]
    entry = run.errors["ocr_incomplete"]
    assert entry["count"] == 1  # the text PDF needs no OCR: not marked
    (example,) = entry["examples"]
    assert example["url"].endswith("/escaneada.pdf")
    assert error_mensaje("ocr_incomplete", example["message"]) == (
        "el PDF escaneado tiene 2 páginas sin texto; el OCR leyó 1 antes de su límite de "
        "páginas o de tiempo: el documento se guardó sin el texto de las demás"
    )
