"""An exception no reader names (here zlib's, from a Word body whose deflate stream is
damaged) was counted "malformed" with Python's words for a message ("error: Error -3
while decompressing data: invalid block type"), and the page said the generic "dañado o
mal formado" without the kind of file. Now the worker says which reader failed and
whether the file was refused by a parser (malformed) or our own code failed (internal,
a bug: not the file's fault); the page says it in Spanish, the detail stays in the log
and in the error's stored detail. Made here, crawled from 127.0.0.1 as a user runs it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from crawlers.causas import error_mensaje
from indexer.extract import ExtractionError, extract_text
from tests.adversarial.file_listing import Served, crawl

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def damaged_word(text: str) -> bytes:
    """A .docx whose word/document.xml deflate stream starts with an invalid block type."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType='
            f'"{DOCX}.main+xml"/></Types>',
        )
        body = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" * 50
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document xmlns:w="{_MAIN}"><w:body>{body}'
            "</w:body></w:document>",
        )
    data = bytearray(buffer.getvalue())
    start = data.index(b"word/document.xml") + len(b"word/document.xml")  # local header
    data[start] |= 0x06  # BTYPE 11: reserved, zlib refuses it
    return bytes(data)


def test_a_parser_refusing_the_bytes_is_malformed_with_the_kind_of_file() -> None:
    try:
        extract_text(damaged_word("Acuerdo 12/2024"), DOCX, "acuerdo.docx")
    except ExtractionError as exc:
        assert exc.cause == "malformed"
        assert str(exc).startswith("docx: error: Error -3 while decompressing")
    else:
        raise AssertionError("a damaged deflate stream was read")


def test_our_own_bug_is_not_the_files_fault() -> None:
    from indexer.extract.worker import _unexpected  # the worker's catch-all

    try:
        len(None)  # type: ignore[arg-type]  # a TypeError raised in our code
    except TypeError as exc:
        said = _unexpected("pdf", exc)
    assert said.cause == "internal"
    assert str(said).startswith("pdf: TypeError: ")
    shown = error_mensaje("extraction_failed", f"{said.cause}: {said}")
    assert shown.startswith("no se pudo leer el PDF: falló el programa")
    assert "TypeError" not in shown


def test_the_crawl_says_in_spanish_which_file_could_not_be_read(tmp_path: Path) -> None:
    files = {"/acuerdo.docx": Served(damaged_word("Acuerdo 13/2024"), DOCX)}
    crawled = crawl(tmp_path, files)
    failed = crawled.run.errors["extraction_failed"]
    assert failed["count"] == 1
    (example,) = failed["examples"]
    assert example["message"].startswith("malformed: docx: error: Error -3")  # the detail
    shown = error_mensaje("extraction_failed", example["message"])
    assert shown == (
        "no se pudo leer el documento Word: su lector lo encontró dañado o mal formado; "
        "no se extrajo su texto"
    )
