"""A text layer in a font whose character map is broken is not indexed as text: it read
as CJK ideographs for a Spanish sentence (a CID font's identity map) and was indexed so
(no search found the page, a reader saw garbage); mapped to private-use points or
control characters it was called a scan without text ("no_text"). Such a page is now
read as a page without a text layer: OCR reads the glyphs it draws (which are right);
without OCR the page is left empty and counted, and a file of nothing else says its
true cause. The PDFs are written here (``tests.adversarial.hostile``); the crawl reads
them from a real server on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.extract import ExtractionError, ExtractionLimits, OcrLimits, extract_text
from indexer.extract.ocr import tessdata_dir
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import broken_map_pdf

SENTENCE = "Sentencia definitiva dictada en el juicio ordinario civil"
OTHER = "Resolutivos del juicio de amparo directo"
FIRSTS = {"cjk": 0x4E00, "private-use": 0xE000, "controls": 0}
NO_OCR = ExtractionLimits(ocr=OcrLimits(enabled=False))
needs_ocr = pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's Spanish data missing")


@needs_ocr
@pytest.mark.parametrize("first", FIRSTS.values(), ids=FIRSTS.keys())
def test_a_page_in_a_broken_font_is_read_by_ocr(first: int) -> None:
    result = extract_text(broken_map_pdf([SENTENCE], first), "application/pdf")
    assert result.method == "ocr"
    assert "juicio ordinario civil" in result.text


@pytest.mark.parametrize("first", FIRSTS.values(), ids=FIRSTS.keys())
def test_without_ocr_a_broken_font_is_its_cause_not_a_scan(first: int) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(broken_map_pdf([SENTENCE], first), "application/pdf", limits=NO_OCR)
    assert info.value.cause == "malformed"
    assert str(info.value) == (  # stored in Spanish: a raw display reads it too
        "la capa de texto de 1 página del PDF no es legible (su fuente cambia las letras por "
        "otros caracteres) y el OCR no la leyó"
    )
    assert error_mensaje("extraction_failed", f"malformed: {info.value}") == (
        f"{info.value}: no se extrajo su texto"
    )


def test_without_ocr_the_legible_pages_are_kept_and_the_other_counted() -> None:
    data = broken_map_pdf([SENTENCE, OTHER], 0x4E00, broken={1})
    result = extract_text(data, "application/pdf", limits=NO_OCR)
    assert result.text.split("\f") == [SENTENCE, ""]
    assert "garbled_pages:1" in result.warnings


def test_a_short_stamp_and_a_legible_page_are_kept() -> None:
    """A page of few characters says too little to judge."""
    assert extract_text(broken_map_pdf(["Foja 12"], 0x4E00)).text  # a stamp, kept as read
    legible = broken_map_pdf([SENTENCE], 0x4E00, broken=set())
    assert extract_text(legible, "application/pdf", limits=NO_OCR).text == SENTENCE


@needs_ocr
def test_the_crawl_indexes_the_words_the_page_shows(tmp_path: Path) -> None:
    files = {
        "/ilegible.pdf": Served(broken_map_pdf([SENTENCE, OTHER], 0x4E00, broken={1})),
        "/buena.pdf": Served(broken_map_pdf([OTHER], 0x4E00, broken=set())),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    pages = crawled.texts["Sentencia ilegible.pdf"].split("\f")
    assert pages[0] == SENTENCE
    assert "amparo directo" in pages[1]
    assert not any("\u4e00" <= char <= "\u9fff" for char in "".join(pages))
    assert crawled.texts["Sentencia buena.pdf"] == OTHER
    assert "pages_garbled" not in crawled.run.errors


def test_the_causes_read_in_spanish() -> None:
    assert error_mensaje(
        "extraction_failed",
        "malformed: the text layer of 2 page(s) is not legible (its fonts map the letters "
        "to other characters) and OCR did not read them",
    ) == (
        "la capa de texto de 2 páginas del PDF no es legible (su fuente cambia las letras por "
        "otros caracteres) y el OCR no las leyó: no se extrajo su texto"
    )
    assert error_mensaje(
        "pages_garbled", "the text layer of 1 page(s) is not legible and OCR did not read them"
    ) == (
        "la capa de texto de 1 página del PDF no es legible (su fuente cambia las letras por "
        "otros caracteres) y el OCR no la leyó: no se guardó ese texto"
    )
