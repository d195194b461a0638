"""A PDF whose page tree lists itself as a kid beside a real page: pdfium loads the real
page and fails the other ("Failed to load page"). The failed page, without text, was
then handed to OCR, which asked pdfium for it again: the error went up uncaught and the
whole file was counted "malformed" with Python's exception for a message
("PdfiumError: Failed to load page."), the real page's sentence lost. Now the page is
passed over (already counted as a page error) and the sentence kept; made here, read
through the worker with OCR on as the crawl does."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import extract_text
from indexer.extract.ocr import available
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import _FONT, _RESOURCES, _assemble, _stream, text_content

pytestmark = pytest.mark.skipif(not available(), reason="Tesseract is not installed")


def tree_listing_itself(text: str) -> bytes:
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>",
            _FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 5 0 R >>"
            % _RESOURCES,
            _stream(text_content(text)),
        ]
    )


def test_the_page_that_loads_is_read_and_the_other_counted() -> None:
    read = extract_text(tree_listing_itself("Sentencia del amparo 15/2024"), "application/pdf")
    assert read.text.split("\f") == ["Sentencia del amparo 15/2024", ""]  # page 2 empty
    assert "page_errors:1" in read.warnings


def test_the_crawl_keeps_its_sentence(tmp_path: Path) -> None:
    files = {"/arbol.pdf": Served(tree_listing_itself("Sentencia del amparo 16/2024"))}
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert "Sentencia del amparo 16/2024" in crawled.texts["Sentencia arbol.pdf"]
    assert "extraction_failed" not in crawled.run.errors
