"""Word bodies that do not pack (so no ratio calls them bombs) but cost the parser per
piece of markup: expat and the reader pay a Python call per element and a string per
attribute, and re-read an unfinished token whole at each 1 MB chunk. Before, each ran to
the worker's time or memory cap or was read as an empty document:

- 1.4 million attributes on one element (9 MB packed, 22 MB of XML): 12.6 s, 520 MB,
  then "no_text";
- 2.5 million elements of random names (7 MB packed): some 17 s, then "no_text";
- a comment of 8 MB (one token): read, "no_text";
- 4.5 million attributes over small elements: some 15 s.

Each is now refused while the body is inflated, before it is parsed, with what it holds
said in Spanish; a real sentence (140 KB of text, tables, footnote marks, revision
marks, a scanned page) is read whole beside them. Each file is made here.
"""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.extract import ExtractionError, extract_text
from tests.adversarial.file_listing import Served, crawl
from tests.adversarial.hostile import DOCX_TYPE, word_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OPEN = f'<w:document xmlns:w="{W}"><w:body>'.encode()
CLOSE = b"</w:body></w:document>"


def one_element_of_attributes(count: int = 1_400_000) -> bytes:
    """One paragraph carrying ``count`` attributes of random values (packs 2.4 to 1)."""
    rng = random.Random(7)
    attributes = b" ".join(b'a%x="%06x"' % (n, rng.getrandbits(24)) for n in range(count))
    return word_zip([OPEN, b"<w:p ", attributes, b"/>", CLOSE])


def random_elements(count: int = 2_500_000) -> bytes:
    """``count`` empty elements of random four-letter names (packs 3 to 1)."""
    rng = random.Random(11)
    return word_zip([OPEN, *(b"<w:x%04x/>" % rng.getrandbits(16) for _ in range(count)), CLOSE])


def long_comment(megabytes: int = 8) -> bytes:
    rng = random.Random(13)
    return word_zip([OPEN, b"<!--", rng.randbytes(megabytes << 19).hex().encode(), b"-->", CLOSE])


def many_small_attributes(count: int = 4_500_000) -> bytes:
    """Paragraph marks of twenty attributes of one random digit (packs 8 to 1)."""
    rng = random.Random(17)
    names = [b"w:a%d" % n for n in range(20)]
    tags = (
        b"<w:pPr " + b" ".join(b'%s="%d"' % (name, rng.randrange(10)) for name in names) + b"/>"
        for _ in range(count // 20)
    )
    return word_zip([OPEN, *tags, CLOSE])


def real_sentence(paragraphs: int = 420) -> bytes:
    """A sentence as Word writes it: revision marks on every paragraph and run, runs
    split by formatting, a table of parties, footnote marks, a scanned page drawn
    inline (its image a media part), sections; some 140 KB of text."""
    rng = random.Random(19)
    rsid = lambda: b"%08X" % rng.getrandbits(32)  # noqa: E731
    body = io.BytesIO()
    body.write(OPEN)
    body.write(b'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr>')
    for role, name in (("Quejosa", "Comercializadora del Norte"), ("Autoridad", "Sala Civil")):
        body.write(
            b'<w:tr w:rsidR="%s"><w:tc><w:tcPr><w:tcW w:w="2500" w:type="dxa"/></w:tcPr>'
            b"<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>%s</w:t></w:r>"
            b"</w:p></w:tc></w:tr>" % (rsid(), role.encode(), name.encode())
        )
    body.write(b"</w:tbl>")
    for n in range(paragraphs):
        words = " ".join(f"considerando{n}" if i == 0 else "fundamento" for i in range(40))
        body.write(
            b'<w:p w:rsidR="%s" w:rsidRDefault="%s" w:rsidP="%s"><w:pPr><w:spacing '
            b'w:after="120" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr>'
            % (rsid(), rsid(), rsid())
        )
        for part in range(3):
            body.write(
                b'<w:r w:rsidRPr="%s"><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" '
                b'w:cs="Arial"/><w:b w:val="%d"/><w:sz w:val="24"/></w:rPr><w:t xml:space='
                b'"preserve">%s </w:t></w:r>' % (rsid(), part % 2, words.encode())
            )
        if n % 50 == 0:
            body.write(
                b'<w:r><w:rPr><w:rStyle w:val="Refdenotaalpie"/></w:rPr>'
                b'<w:footnoteReference w:id="%d"/></w:r>' % (n // 50 + 1)
            )
        body.write(b"</w:p>")
    body.write(
        b'<w:p><w:r><w:drawing><wp:inline xmlns:wp="urn:wp"><wp:extent cx="5400000" '
        b'cy="7000000"/><wp:docPr id="1" name="Escaneo 1"/></wp:inline></w:drawing></w:r>'
        b"<w:r><w:t>Fin de la sentencia del amparo directo 345/2025.</w:t></w:r></w:p>"
        b'<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr>'
    )
    body.write(CLOSE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body.getvalue())
        archive.writestr("word/media/image1.png", os.urandom(3 << 20))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "holds"),
    [
        (one_element_of_attributes, "un tramo de al menos"),
        (random_elements, "más de 2000000 etiquetas XML"),
        (long_comment, "un tramo de al menos"),
        (many_small_attributes, "más de 4000000 atributos XML"),
    ],
)
def test_a_body_costly_to_parse_is_refused_before_it_is_parsed(make: object, holds: str) -> None:
    data = make()  # type: ignore[operator]
    assert len(data) < 10 * 1024 * 1024  # under the packed limit: parsed, before
    started = time.monotonic()
    with pytest.raises(ExtractionError) as refused:
        extract_text(data, DOCX_TYPE, "sentencia.docx")
    assert time.monotonic() - started < 5
    assert refused.value.cause == "too_large"
    assert str(refused.value).startswith("el cuerpo del documento Word tiene ")
    assert holds in str(refused.value)


def test_a_real_sentence_is_read_whole() -> None:
    data = real_sentence()
    text = extract_text(data, DOCX_TYPE, "sentencia.docx").text
    assert len(text) > 140_000
    assert text.startswith("Quejosa")
    assert "considerando419 fundamento" in text
    assert text.endswith("Fin de la sentencia del amparo directo 345/2025.")


def test_the_crawl_says_what_each_holds_and_keeps_the_sentence(tmp_path: Path) -> None:
    files = {
        "/sentencia.docx": Served(real_sentence(), DOCX_TYPE),
        "/atributos.docx": Served(one_element_of_attributes(), DOCX_TYPE),
        "/elementos.docx": Served(random_elements(), DOCX_TYPE),
    }
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert "amparo directo 345/2025" in crawled.texts["Sentencia sentencia.docx"]
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("extraction_failed", example["message"])
        for example in crawled.run.errors["extraction_failed"]["examples"]
    }
    assert said == {
        "atributos.docx": "el documento Word tiene un tramo de al menos 2097060 bytes sin "
        "etiquetas (una sola etiqueta, comentario o texto de más de 1048576 bytes): no se "
        "extrajo su texto",
        "elementos.docx": "el documento Word tiene más de 2000000 etiquetas XML: no se "
        "extrajo su texto",
    }
