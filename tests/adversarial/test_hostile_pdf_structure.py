"""PDFs whose structure lies, as damaged or hostile files are: every offset of the xref
table wrong, a startxref past the file, a page tree counting two billion pages, a million
references to one page, a page rotated by a negative quarter turn. Each is read for the
text it shows (readers rebuild what the table lies about), within bounds, and a long
one says how many of its pages were read. A guard: these passed before this session."""

from __future__ import annotations

import re
import time

import pytest

from indexer.extract import extract_text
from tests.adversarial.hostile import _assemble, _stream, text_content, text_pdf

SENTENCE = "Sentencia del amparo directo dictada por la Primera Sala de la Suprema Corte"


def _offsets_wrong(pdf: bytes) -> bytes:
    return re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m[1]) + 37), pdf)


def _one_page_many_times(count: int) -> bytes:
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b"4 0 R " * count, count),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            _stream(text_content(SENTENCE)),
        ]
    )


GOOD = text_pdf([SENTENCE])
CASES = {
    "xref_offsets_wrong": _offsets_wrong(GOOD),
    "startxref_past_the_end": re.sub(rb"startxref\n\d+", b"startxref\n999999999", GOOD),
    "count_lies": GOOD.replace(b"/Count 1", b"/Count 2000000000"),
    "rotated_minus_450": GOOD.replace(
        b"/MediaBox [0 0 612 792]", b"/MediaBox [0 0 612 792] /Rotate -450"
    ),
    "zero_mediabox": GOOD.replace(b"/MediaBox [0 0 612 792]", b"/MediaBox [0 0 0 0]"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_pdf_whose_structure_lies_is_read_for_its_text(name: str) -> None:
    started = time.monotonic()
    assert extract_text(CASES[name], "application/pdf").text == SENTENCE
    assert time.monotonic() - started < 30


def test_a_million_references_to_one_page_read_to_the_page_bound() -> None:
    started = time.monotonic()
    result = extract_text(_one_page_many_times(1_000_000), "application/pdf")
    assert time.monotonic() - started < 60
    assert any(w.startswith("pages_truncated:") and w.endswith("/1000000") for w in result.warnings)
    assert result.text.startswith(SENTENCE)
