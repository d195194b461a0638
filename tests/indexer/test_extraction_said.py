"""A file whose text could not be extracted is said in Spanish with its true cause, where a
person reads it: a crawl's health (``error_mensaje``), ``abierto index`` and ``abierto
reextract``. The extractor's details were English («Failed to load document (PDFium:
Incorrect password error).», «declared 'application/pdf'» for a PNG) and people read only
the cause's generic sentence («el archivo está dañado o mal formado») or English codes
(«causas: encrypted 1»). Real files, made here."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from cli.reextract import cmd_reextract
from config.settings import Settings
from crawlers.causas import error_mensaje
from indexer.db import FileRow
from indexer.extract import ExtractionError, extract_text
from indexer.library import Library

# words of the English the details were written in
ENGLISH = re.compile(r"\b(?:the|of|is|password|failed|declared|bytes >|empty file|layer)\b", re.I)
WORD = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _pdf(text: str = "Amparo directo 12/2024", encrypted: bool = False) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(text=text)
    if encrypted:
        pdf.set_encryption(owner_password="dueno", user_password="lector")
    return bytes(pdf.output())


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (40, 40), 255).save(buffer, "PNG")
    return buffer.getvalue()


XXE = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f"<w:document {WORD}><w:body><w:p><w:r><w:t>Sentencia &x;</w:t></w:r></w:p>"
    "</w:body></w:document>"
)
DAMAGED = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF"
ODT = {
    "mimetype": "application/vnd.oasis.opendocument.text",
    "content.xml": "<office:document-content/>",
}
CASES = {
    # name: (bytes, declared type, file name, cause, words the person must read)
    "cifrado": (
        _pdf(encrypted=True), "application/pdf", "s.pdf", "encrypted", ("cifrado", "abrirse")
    ),
    "png_como_pdf": (_png(), "application/pdf", "s.pdf", "unsupported_type", ("imagen PNG",)),
    "odt_como_docx": (_zip(ODT), None, "s.docx", "unsupported_type", ("OpenDocument",)),
    "vacio": (b"", "application/pdf", "s.pdf", "no_text", ("vacío",)),
    "cortado": (_pdf()[:300], "application/pdf", "s.pdf", "malformed", ("incompleto", "%%EOF")),
    "danado": (DAMAGED, "application/pdf", "s.pdf", "malformed", ("dañado", "estructura")),
    "xxe": (
        _zip({"word/document.xml": XXE}), None, "s.docx", "malformed", ("DTD", "archivos")
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_each_failure_is_said_in_spanish_with_its_true_cause(name: str) -> None:
    data, declared, filename, cause, words = CASES[name]
    with pytest.raises(ExtractionError) as failed:
        extract_text(data, declared, filename)
    assert failed.value.cause == cause
    stored = f"{failed.value.cause}: {failed.value}"  # as a file's row and a run keep it
    said = error_mensaje("extraction_failed", stored)
    for word in words:
        assert word in said, said
    assert not ENGLISH.search(re.sub(r"\([^()]*\)", "", said)), said
    assert "root:" not in stored  # the external entity read nothing


def test_an_english_detail_of_an_older_run_is_said_by_its_cause() -> None:
    stored = "encrypted: Failed to load document (PDFium: Incorrect password error)."
    said = error_mensaje("extraction_failed", stored)
    assert said.startswith("el archivo está cifrado")


def test_reextract_says_why_a_file_still_fails_in_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file an older extractor failed on, read again: the run's causes were printed as
    the codes («causas: encrypted 1»); now as what happened to it."""
    settings = Settings(data_dir=tmp_path / "data")
    library = Library.open(settings, writer=True)
    try:
        data = _pdf(encrypted=True)
        sha = library.archive.put(data)
        library.db.save_file(
            FileRow(sha256=sha, size=len(data), content_type="application/pdf",
                    first_url="https://corte.example/cifrado.pdf", pages=None, text=None,
                    method=None, error="encrypted: Failed to load document.",
                    archived_at=dt.datetime.now(dt.UTC))
        )  # fmt: skip
        assert sha == hashlib.sha256(data).hexdigest()
    finally:
        library.close()
    args = argparse.Namespace(releer=False, contar=False, todos=False, source=None, desde="")
    cmd_reextract(args, settings)
    out = capsys.readouterr().out
    assert "el PDF está cifrado: pide una contraseña para abrirse" in out, out
    assert "encrypted" not in out, out
