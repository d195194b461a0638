"""Texts of old court systems in a code page that is not UTF-8 were read as Windows-1252
whatever they were: a DOS text file (code page 850) was published «Resoluci¢n del
se¤or Juez», a Mac one (Mac OS Roman) «Resoluci—n del se–or Juez», and a page with a
wrong ``charset`` the same; UTF-8 read once too often by a site's database («MÃ©xico»)
was published so in pages, Word files and PDFs, and a UTF-8 page of a site fed by a
DOS system showed «Resoluci¢n» as it was stored. No search for the words found them.
Each is read as written now; bytes no code page reads as Spanish are kept as
Windows-1252 and said to be a guess. Crawled end to end from a real server on
127.0.0.1; the Word file and the PDF are real."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF

from indexer.extract import extract_text
from tests.adversarial.file_listing import Served, crawl
from tests.indexer.test_pdf_artifacts import FONT

SENTENCE = (
    "RESOLUCIÓN del señor Juez Núñez: ¿procede el amparo? ¡Sí! Se concede la "
    "protección de la Justicia Federal al niño, según el artículo 1º; «cúmplase»."
)
WORDS = ("RESOLUCIÓN", "señor", "Núñez", "¿procede", "protección", "niño", "artículo", "«cúmplase»")


def _page(body: bytes, charset: bytes = b"") -> bytes:
    meta = b'<meta charset="' + charset + b'">' if charset else b""
    return b"<html><head>" + meta + b"</head><body><p>" + body + b"</p></body></html>"


def test_the_crawl_stores_dos_and_mac_texts_and_mislabelled_pages_as_written(
    tmp_path: Path,
) -> None:
    files = {
        "/dos.txt": Served(SENTENCE.encode("cp850"), "text/plain"),
        "/mac.txt": Served(SENTENCE.encode("mac-roman"), "text/plain; charset=iso-8859-1"),
        "/dos.html": Served(_page(SENTENCE.encode("cp850"), b"iso-8859-1"), "text/html"),
        "/mac.html": Served(_page(SENTENCE.encode("mac-roman")), "text/html; charset=windows-1252"),
        "/win.txt": Served(SENTENCE.encode("cp1252"), "text/plain"),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    for path in files:
        assert crawled.texts[f"Sentencia {path[1:]}"] == SENTENCE, path
    assert crawled.run.status == "ok", crawled.run.errors


@pytest.mark.parametrize("codepage", ["cp850", "mac-roman"])
def test_each_code_page_is_told_by_its_spanish_and_a_mislabel_is_said(codepage: str) -> None:
    for used in (codepage, "cp1252"):
        data = SENTENCE.encode(used)
        plain = extract_text(data, "text/plain")
        assert plain.text == SENTENCE and plain.warnings == ()
        page = extract_text(_page(data), "text/html; charset=iso-8859-1")
        assert page.text == SENTENCE
        said = () if used == "cp1252" else (f"charset_mismatch:{used}",)
        assert page.warnings == said
        assert all(word in page.text for word in WORDS)


@pytest.mark.parametrize("codepage", ["cp850", "mac-roman"])
def test_a_utf8_page_showing_another_code_page_misread_is_read_as_written(codepage: str) -> None:
    """A site in UTF-8 fed by a DOS or Mac system shows «Resoluci¢n»: its characters
    are Windows-1252's reading of the other code page's bytes, read back; a text in
    Unicode as written (a sign beside a number, «50¢», «m²») is left alone."""
    shown = SENTENCE.encode(codepage).decode("cp1252")
    page = _page(shown.encode(), b"utf-8")
    assert extract_text(page, "text/html; charset=utf-8").text == SENTENCE
    for text in ("Precio: 50¢, 20 m² y ½ hectárea.", "El Tribunal—en pleno—resolvió."):
        assert extract_text(_page(text.encode(), b"utf-8"), "text/html").text == text


def test_bytes_no_code_page_reads_as_spanish_are_kept_and_said_to_be_a_guess() -> None:
    data = b"Tabla \xb1\xb2\xb3 \xa4\xa6 fin"
    result = extract_text(data, "text/plain")
    assert result.text == data.decode("cp1252")
    assert result.warnings == ("charset_uncertain:cp1252",)
    # a page in Windows-1252 that says so, with a dash between two words and a degree
    # sign, is not taken for DOS or Mac text («—» is «ó» on a Mac)
    text = "El Tribunal—en pleno—resolvió el 1° de julio: «fundado»."
    data = text.encode("cp1252")
    assert extract_text(_page(data), "text/html; charset=windows-1252").text == text
    assert extract_text(data, "text/plain; charset=windows-1252").warnings == ()


MOJIBAKE = SENTENCE.encode().decode("cp1252", errors="estado_cp1252")


def test_utf8_read_once_too_often_is_put_back_in_pages_texts_and_word() -> None:
    assert "Ã³" in MOJIBAKE and "Â¿" in MOJIBAKE
    page = extract_text(_page(MOJIBAKE.encode(), b"utf-8"), "text/html; charset=utf-8")
    assert page.text == SENTENCE
    twice = MOJIBAKE.encode().decode("cp1252", errors="estado_cp1252")  # («ÃƒÂ³»)
    assert extract_text(twice.encode(), "text/plain").text == SENTENCE
    quoted = "“Diputación” — México €"
    misread = quoted.encode().decode("cp1252", errors="estado_cp1252")
    assert extract_text(misread.encode(), "text/plain").text == quoted
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{MOJIBAKE}</w:t></w:r></w:p></w:body></w:document>"
    )
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", body)
    assert extract_text(packed.getvalue(), None, "sentencia.docx").text == SENTENCE
    # what only looks like it is left alone
    text = "SÃO PAULO, Ãngulo, ¿sí? no: «Ñ¿» y Ã seguida de espacio"
    assert extract_text(text.encode(), "text/plain").text == text


@pytest.mark.skipif(not FONT.exists(), reason="sin la fuente DejaVu Sans")
def test_a_pdf_printed_from_utf8_read_as_latin_is_put_back() -> None:
    pdf = FPDF()
    pdf.add_font("dv", fname=str(FONT))
    pdf.set_font("dv", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, MOJIBAKE)
    text = extract_text(bytes(pdf.output()), "application/pdf").text
    assert " ".join(text.split()) == SENTENCE
