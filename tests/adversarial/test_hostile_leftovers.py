"""What today's hostile documents still did wrong (a wrong value is worse than none, and
no item is dropped without a word):

- An XFA form (Adobe LiveCycle: the document is XML in the PDF's ``/XFA`` stream, its page
  a static «Please wait... If this message is not eventually replaced…») was stored as
  that placeholder. Its text is now read from the form's XML; a form whose XML holds no
  text is refused with its cause in Spanish, never stored as the placeholder.
- A Word body with a reference to a character XML forbids (``&#0;``, ``&#xFFFE;``) was
  lost whole as ``malformed``: the reference is dropped, counted, and the text kept.
- A PDF packed with gzip and served as such (``application/x-gzip``, ``.pdf.gz``, or just
  gzip's magic bytes) was «el tipo del archivo no se lee»: it is unpacked within the size
  limit and read; a gzip bomb is a ``decompression_bomb``.
- ``abierto index FOLDER`` passed over .doc, .rtf and .odt files without a word, and a
  folder of only those "indexed" nothing with a zero exit.

Every file is built here: real PDFs (their XFA XML written by hand), real zips, real gzip.
"""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.extract import ExtractionError, ExtractionLimits, extract_text
from tests.adversarial.abierto import abierto
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import (
    _FONT,
    _RESOURCES,
    _assemble,
    _stream,
    docx_bytes,
    text_pdf,
    word_zip,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLACEHOLDER = [
    "Please wait...",
    "If this message is not eventually replaced by the proper contents of the document, your PDF",
    "viewer may not be able to display this type of document.",
]
TEMPLATE = (
    '<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="forma">'
    "<draw><value><text>SOLICITUD DE ACCESO A LA INFORMACIÓN PÚBLICA</text></value></draw>"
    '<field name="nombre"><caption><value><text>Nombre del solicitante</text></value>'
    "</caption></field>"
    '<draw><value><exData contentType="text/html"><body xmlns="http://www.w3.org/1999/xhtml">'
    "<p>Sujeto obligado: Poder Judicial del Estado</p></body></exData></value></draw>"
    "<event><script>app.alert('no es texto del documento')</script></event>"
    "</subform></template>"
)
DATASETS = (
    '<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data>'
    "<forma><nombre>María Guadalupe Pérez</nombre></forma></xfa:data></xfa:datasets>"
)


def xfa_pdf(template: str, datasets: str = "", packets: bool = False) -> bytes:
    """An XFA-only form as LiveCycle writes one: a catalog with ``/NeedsRendering``, an
    AcroForm without fields whose ``/XFA`` is the XDP (one stream, or the array of named
    packets), and one page that only draws the placeholder."""
    lines = b" ".join(b"(%s) Tj 0 -14 Td" % line.encode() for line in PLACEHOLDER)
    head = '<?xml version="1.0" encoding="UTF-8"?><xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">'
    parts = [head, template, datasets, "</xdp:xdp>"]
    if packets:
        names = b"(preamble) 6 0 R (template) 7 0 R (datasets) 8 0 R (postamble) 9 0 R"
        xfa, streams = b"[%s]" % names, [_stream(part.encode()) for part in parts]
    else:
        xfa, streams = b"6 0 R", [_stream("".join(parts).encode())]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA %s >> "
        b"/NeedsRendering true >>" % xfa,
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 5 0 R >>" % _RESOURCES,
        _stream(b"BT /F1 10 Tf 40 740 Td " + lines + b" ET"),
        *streams,
    ]
    return _assemble(objects)


@pytest.mark.parametrize("packets", [False, True], ids=["one-stream", "packets"])
def test_an_xfa_form_is_read_from_its_xml_not_its_placeholder(packets: bool) -> None:
    read = extract_text(xfa_pdf(TEMPLATE, DATASETS, packets), "application/pdf")
    assert "Please wait" not in read.text and "PDF viewer" not in read.text
    for words in (
        "SOLICITUD DE ACCESO A LA INFORMACIÓN PÚBLICA",
        "Nombre del solicitante",
        "Sujeto obligado: Poder Judicial del Estado",
        "María Guadalupe Pérez",
    ):
        assert words in read.text, read.text
    assert "app.alert" not in read.text
    assert read.method == "xfa"


def test_an_xfa_form_without_text_is_refused_in_spanish_not_stored_as_placeholder() -> None:
    with pytest.raises(ExtractionError) as refused:
        extract_text(xfa_pdf("<template><subform/></template>"), "application/pdf")
    assert refused.value.cause == "unsupported_type"
    said = error_mensaje("extraction_failed", f"{refused.value.cause}: {refused.value}")
    assert said.startswith("el PDF es un formulario XFA"), said


def _word(body: str) -> bytes:
    document = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    return word_zip([document.encode()])


def test_a_word_body_with_invalid_references_keeps_its_text() -> None:
    body = (
        "<w:p><w:r><w:t>AMPARO EN REVISIÓN 123/2024&#0;</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Se confirma&#xFFFE; la sentencia recurrida &#65;.</w:t></w:r></w:p>"
    )
    read = extract_text(_word(body), None, "sentencia.docx")
    assert read.text == "AMPARO EN REVISIÓN 123/2024\nSe confirma la sentencia recurrida A."
    assert "invalid_references_dropped:2" in read.warnings


def test_an_invalid_reference_across_a_read_chunk_is_dropped_too() -> None:
    opening = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode()
    filler = b"x" * (1024 * 1024 - len(opening) - 3)  # "&#x" ends the first 1 MB read
    piece = b"&#xFFFF;Resolutivos</w:t></w:r></w:p></w:body></w:document>"
    read = extract_text(word_zip([opening, filler, piece]), None, "larga.docx")
    assert read.text.endswith("xResolutivos")
    assert "invalid_references_dropped:1" in read.warnings


def test_a_word_body_of_a_million_references_is_refused_at_once() -> None:
    run = b"<w:r><w:t>" + b"&#65;" * 100_001 + b"</w:t></w:r>"  # 500 KB: under a token's bound
    opening = f'<w:document xmlns:w="{W}"><w:body><w:p>'.encode()
    body = word_zip([opening, *([run] * 10), b"</w:p></w:body></w:document>"])
    with pytest.raises(ExtractionError) as refused:
        extract_text(body, None, "referencias.docx")
    assert refused.value.cause == "too_large"
    said = error_mensaje("extraction_failed", f"too_large: {refused.value}")
    assert "referencias numéricas" in said, said


GZIPPED = gzip.compress(text_pdf(["Sentencia del amparo directo 45/2023 empaquetada"]))


@pytest.mark.parametrize(
    ("content_type", "name"),
    [("application/x-gzip", "s.pdf.gz"), ("application/gzip", None),
     ("application/octet-stream", "descarga"), (None, None)],
)  # fmt: skip
def test_a_gzipped_pdf_is_unpacked_and_read(content_type: str | None, name: str | None) -> None:
    read = extract_text(GZIPPED, content_type, name)
    assert read.text == "Sentencia del amparo directo 45/2023 empaquetada"


def test_a_gzip_bomb_is_a_decompression_bomb() -> None:
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024), 9)  # 8 KB
    with pytest.raises(ExtractionError) as refused:
        extract_text(bomb, "application/gzip", "x.pdf.gz", ExtractionLimits(max_bytes=2 << 20))
    assert refused.value.cause == "decompression_bomb"


def test_a_gzipped_page_in_two_members_is_read_whole_and_a_cut_one_is_said() -> None:
    """What ``cat a.gz b.gz`` makes is one file: both parts read; one cut short is no
    sentence half read, and a pile of empty parts is refused, not walked for minutes."""
    page = "<html><body><p>Primera parte del toca 12/2024.</p><p>Segunda parte.</p></body></html>"
    whole = gzip.compress(page[:40].encode()) + gzip.compress(page[40:].encode())
    read = extract_text(whole, "application/gzip", "toca.html.gz")
    assert "Primera parte del toca 12/2024." in read.text and "Segunda parte." in read.text
    for broken in (whole[: len(whole) - 12], gzip.compress(b"\0" * 20) * 5000):
        with pytest.raises(ExtractionError) as refused:
            extract_text(broken, "application/gzip", "toca.html.gz")
        assert refused.value.cause == "malformed"


def test_a_gzipped_sentence_served_without_content_encoding_is_crawled(tmp_path: Path) -> None:
    files = {"/s.pdf.gz": Served(GZIPPED, "application/x-gzip")}
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert crawled.texts == {
        "Sentencia s.pdf.gz": "Sentencia del amparo directo 45/2023 empaquetada"
    }


def _texts(data: Path) -> list[str]:
    with sqlite3.connect(data / "abierto.db") as connection:
        return [row[0] for row in connection.execute("SELECT text FROM documents")]


def test_a_folder_of_files_not_read_says_so_and_fails(tmp_path: Path) -> None:
    folder = tmp_path / "recibido"
    folder.mkdir()
    (folder / "sentencia.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (folder / "otra.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (folder / "acuerdo.rtf").write_bytes(b"{\\rtf1\\ansi Acuerdo}")
    (folder / "dictamen.odt").write_bytes(b"PK\x03\x04odt")
    done = abierto(tmp_path / "data", "index", "--kind", "legislativo", str(folder))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert "4 archivos omitidos por su tipo" in out, out
    assert "2 .doc (documentos de Word 97-2003: no se leen; guárdelos como .docx o PDF)" in out
    assert "1 .rtf" in out and "1 .odt" in out, out
    assert "nada se indexó" in out, out


def test_files_not_read_beside_good_ones_are_named_and_the_rest_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "recibido"
    folder.mkdir()
    (folder / "dictamen.txt").write_text("Dictamen de la Comisión de Justicia.", "utf-8")
    (folder / "sentencia.pdf.gz").write_bytes(GZIPPED)
    (folder / "anexo.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (folder / "firma.docx").write_bytes(docx_bytes("Acuerdo firmado"))
    data = tmp_path / "data"
    done = abierto(data, "index", "--kind", "legislativo", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 archivo omitido por su tipo" in done.stdout and "anexo.doc" in done.stdout
    assert "nada se indexó" not in done.stdout
    assert sorted(_texts(data)) == [
        "Acuerdo firmado",
        "Dictamen de la Comisión de Justicia.",
        "Sentencia del amparo directo 45/2023 empaquetada",
    ]


def test_an_empty_folder_indexes_nothing_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "vacia").mkdir()
    done = abierto(tmp_path / "data", "index", "--kind", "legislativo", str(tmp_path / "vacia"))
    assert done.returncode == 1 and "nada se indexó" in done.stdout, done.stdout
