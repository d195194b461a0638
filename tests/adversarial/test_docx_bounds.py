"""Word files whose cost is in the unpacking: each is refused with its true cause in
seconds, in a worker of bounded memory, and the crawl keeps the good files beside them.

- A body of empty paragraphs packed 350 to 1 (115 KB inflating to 40 MB; 870 KB to
  300 MB is the same file larger) kept expat busy a Python call per element: 40 MB ran
  about a minute and the file was counted as a timeout, or read, never as a bomb.
- A 1 KB body packed with bzip2 (zipfile inflates it whole whatever is asked): 1 GB of
  letters filled the worker's 2 GB and was counted as too large after 20 s.
- An encrypted body, or one packed with a method zipfile lacks (Deflate64), read as
  "malformed" with Python's exception for a message.

Each file is made here: real zips, their bodies real WordprocessingML.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.extract import ExtractionError, ExtractionLimits, extract_text
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import (
    DOCX_TYPE,
    bzip2_body,
    deflate64_body,
    docx_bytes,
    encrypted_body,
    paragraphs_bomb,
    text_pdf,
    unknown_encoding,
    word_zip,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OPEN = f'<w:document xmlns:w="{W}"><w:body>'
CLOSE = "</w:body></w:document>"


@pytest.mark.parametrize(
    ("make", "cause"),
    [
        (paragraphs_bomb, "decompression_bomb"),
        (bzip2_body, "unsupported_type"),
        (encrypted_body, "encrypted"),
        (deflate64_body, "unsupported_type"),
        (unknown_encoding, "malformed"),
    ],
)
def test_a_hostile_word_file_is_refused_at_once_with_its_cause(make: object, cause: str) -> None:
    data = make()  # type: ignore[operator]
    started = time.monotonic()
    with pytest.raises(ExtractionError) as refused:
        extract_text(data, DOCX_TYPE, "sentencia.docx")
    assert time.monotonic() - started < 15
    assert refused.value.cause == cause
    assert "Error" not in str(refused.value)  # no Python exception's name for a message


def test_a_word_file_of_ordinary_ratio_is_read_whole() -> None:
    """Real Word XML packs 5 to 15 times: a 9 MB body of varied paragraphs is read."""
    paragraphs = [
        f"<w:p><w:r><w:t>Considerando {n}: el juicio {n}/2024 del folio {n * 7919}</w:t>"
        f'</w:r><w:r><w:rPr><w:b w:val="{n % 2}"/></w:rPr><w:t> sigue.</w:t></w:r></w:p>'
        for n in range(90_000)
    ]
    data = word_zip([OPEN.encode(), "".join(paragraphs).encode(), CLOSE.encode()])
    text = extract_text(data, DOCX_TYPE, "sentencia.docx").text
    assert "Considerando 89999: el juicio 89999/2024 del folio 712702081 sigue." in text


def with_scans(text: str, megabytes: int = 12) -> bytes:
    """A short sentence with ``megabytes`` MB of scans attached (random bytes: they do
    not pack), as Word stores a pasted image: a media part beside the body."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", f"{OPEN}<w:p><w:r><w:t>{text}</w:t></w:r></w:p>{CLOSE}"
        )
        archive.writestr("word/media/image1.png", os.urandom(megabytes * 1024 * 1024))
    return buffer.getvalue()


def test_a_sentence_with_scans_past_the_markup_limit_is_read() -> None:
    """The 10 MB markup limit was applied to the whole zip: a sentence with 12 MB of
    scanned pages attached was too_large and its text lost. It bounds the body."""
    data = with_scans("Sentencia del amparo directo 345/2025, con sus anexos escaneados")
    assert len(data) > ExtractionLimits().max_markup_bytes
    text = extract_text(data, DOCX_TYPE, "sentencia.docx").text
    assert text == "Sentencia del amparo directo 345/2025, con sus anexos escaneados"


def test_a_body_packed_past_the_markup_limit_is_still_too_large() -> None:
    """Stored, not deflated: 11 MB of body XML packed 1 to 1 is past the limit."""
    paragraph = "<w:p><w:r><w:t>Considerando {}: el juicio sigue.</w:t></w:r></w:p>"
    body = "".join(paragraph.format(n) for n in range(200_000)).encode()
    data = word_zip([OPEN.encode(), body, CLOSE.encode()], zipfile.ZIP_STORED)
    with pytest.raises(ExtractionError) as refused:
        extract_text(data, DOCX_TYPE, "sentencia.docx")
    assert refused.value.cause == "too_large"
    assert str(refused.value).startswith("el cuerpo del documento Word ocupa ")


def test_the_crawl_counts_each_with_its_cause_and_keeps_the_good(tmp_path: Path) -> None:
    files = {
        "/bueno.pdf": Served(text_pdf(["Sentencia definitiva del juicio ordinario civil 12/2024"])),
        "/bueno.docx": Served(docx_bytes("Sentencia del juicio oral mercantil 7/2025"), DOCX_TYPE),
        "/anexos.docx": Served(with_scans("Sentencia del amparo en revisión 88/2025"), DOCX_TYPE),
        "/bomba.docx": Served(paragraphs_bomb(), DOCX_TYPE),
        "/bzip2.docx": Served(bzip2_body(), DOCX_TYPE),
        "/cifrado.docx": Served(encrypted_body(), DOCX_TYPE),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert "juicio ordinario civil 12/2024" in crawled.texts["Sentencia bueno.pdf"]
    assert "juicio oral mercantil 7/2025" in crawled.texts["Sentencia bueno.docx"]
    assert "amparo en revisión 88/2025" in crawled.texts["Sentencia anexos.docx"]
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("extraction_failed", example["message"])
        for example in crawled.run.errors["extraction_failed"]["examples"]
    }
    assert set(said) == {"bomba.docx", "bzip2.docx", "cifrado.docx"}, said
    assert said["bomba.docx"].startswith("la parte word/document.xml del documento Word se ")
    assert "una bomba de compresión" in said["bomba.docx"]
    assert said["bzip2.docx"].startswith(
        "el cuerpo del documento Word está comprimido con el método 12 (Word usa deflate)"
    )
    assert said["cifrado.docx"] == (
        "el cuerpo del documento Word está cifrado: no se extrajo su texto"
    )
