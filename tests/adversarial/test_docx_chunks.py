"""A Word sentence assembled by a document generator from HTML: the body holds only a
``w:altChunk``, and the sentence is an HTML part beside it (Word converts such a part
when it saves the file; a court's server that publishes what its generator wrote does
not). Its text was never read: the sentence was stored without a word and counted as
a file «sin texto que extraer», which it is not. Now an HTML (or plain text) chunk is
read where it stands; a chunk of a format not read (RTF) is said as such (the file is
not stored as its letterhead alone). Crawled end to
end from a server on 127.0.0.1."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from crawlers.causas import error_mensaje
from tests.adversarial.file_listing import Served, crawl

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _assembled(chunk_name: str, chunk: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
            "<w:p><w:r><w:t>PODER JUDICIAL DEL ESTADO</w:t></w:r></w:p>"
            '<w:altChunk r:id="AltChunkId1"/>'
            "</w:body></w:document>",
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Type="{_CHUNK}" '
            f'Target="/word/{chunk_name}" Id="AltChunkId1"/></Relationships>',
        )
        archive.writestr(f"word/{chunk_name}", chunk)
    return buffer.getvalue()


HTML = (
    "<html><head><style>p{margin:0}</style><script>var x = 1;</script></head><body>"
    "<p>Toca penal 321/2025. Se confirma la sentencia apelada.</p>"
    "<p>Así lo resolvió la Sala Penal por unanimidad.</p></body></html>"
).encode()
RTF = rb"{\rtf1\ansi Toca civil 9/2025. Se revoca la sentencia apelada.\par}"
FILES = {
    "/ensamblada.docx": Served(_assembled("afchunk.htm", HTML), _WORD),
    "/rtf.docx": Served(_assembled("afchunk.rtf", RTF), _WORD),
}


def test_a_word_sentence_assembled_from_html_is_published(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert crawled.texts["Sentencia ensamblada.docx"] == (
        "PODER JUDICIAL DEL ESTADO\n\nToca penal 321/2025. Se confirma la sentencia apelada."
        "\n\nAsí lo resolvió la Sala Penal por unanimidad."
    )
    # the sentence is in the RTF chunk: never stored as its letterhead alone, and said so
    assert crawled.texts["Sentencia rtf.docx"] == ""
    (example,) = crawled.run.errors["extraction_failed"]["examples"]
    assert example["url"].endswith("/rtf.docx"), crawled.run.errors
    assert error_mensaje("extraction_failed", example["message"]) == (
        "el documento Word importa 1 parte(s) (altChunk) de un formato que no se lee (RTF, MHT "
        "u otro documento Word): no se extrajo su texto"
    )
