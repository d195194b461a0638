"""Bytes behind a UTF-16 byte-order mark are text only if they read as text: a binary
file starting with ``FF FE`` (and no Content-Type) was saved as CJK "text"."""

from __future__ import annotations

import codecs
import random

import pytest

from indexer.extract import ExtractionError, extract_text

SPANISH = "Sentencia del amparo en revisión 123/2024, Ciudad de México. Año “ñandú” — señoría."


def _valid_utf16_binary(size: int) -> bytes:
    """Random bytes that are valid UTF-16-LE (no surrogate halves): they decode cleanly."""
    data = bytearray(random.Random(5).randbytes(size))
    for i in range(1, size, 2):
        if 0xD8 <= data[i] <= 0xDF:
            data[i] = 0x4E
    return codecs.BOM_UTF16_LE + bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        _valid_utf16_binary(4000),
        codecs.BOM_UTF16_LE + random.Random(7).randbytes(4000),  # not valid UTF-16 either
        codecs.BOM_UTF16_BE + bytes(range(256)) * 4,
    ],
    ids=["decodes-as-utf16", "invalid-utf16", "all-bytes"],
)
def test_a_binary_body_behind_a_utf16_mark_is_refused_saying_why(data: bytes) -> None:
    with pytest.raises(ExtractionError) as refused:
        extract_text(data, None, "descarga")
    assert refused.value.cause == "unsupported_type"
    assert "marca de orden de bytes" in str(refused.value)
    assert "binario" in str(refused.value)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_real_utf16_html_and_text_with_a_mark_still_read(codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-be": codecs.BOM_UTF16_BE, "utf-32": b""}[codec]
    page = f"<html><head><title>T</title></head><body><p>{SPANISH}</p></body></html>"
    html = extract_text(bom + page.encode(codec), None, "sentencia.html")
    assert html.method == "html" and SPANISH in html.text
    text = extract_text(bom + f"{SPANISH}\n\tResolutivos".encode(codec), None, "acuerdo.txt")
    assert SPANISH in text.text and "Resolutivos" in text.text


def test_a_utf16_text_quoting_a_few_foreign_words_still_reads() -> None:
    body = codecs.BOM_UTF16_LE + (SPANISH * 5 + " 中华人民共和国").encode("utf-16-le")
    assert "中华人民共和国" in extract_text(body, None, "nota.txt").text


def test_a_clean_start_does_not_carry_a_binary_rest_in() -> None:
    start = (SPANISH * 60).encode("utf-16-le")
    body = codecs.BOM_UTF16_LE + start + _valid_utf16_binary(40_000)[2:]
    with pytest.raises(ExtractionError) as refused:
        extract_text(body, None, "descarga")
    assert "a la mitad" in str(refused.value) or "al final" in str(refused.value)
    long_text = codecs.BOM_UTF16_BE + (SPANISH * 400).encode("utf-16-be")
    assert SPANISH in extract_text(long_text, None, "largo.txt").text
