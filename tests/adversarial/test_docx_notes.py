"""A Word sentence's footnotes and endnotes are its text: the SCJN's sentences cite the
precedents they rest on («Tesis 1a./J. 12/2024») in footnotes, and the body carries only
the call. They are parts of their own (``word/footnotes.xml``, ``word/endnotes.xml``),
and were never read: a search for the precedent missed every sentence that cited it,
with no error, no warning. Now they are read after the body, under the body's bounds:
a notes part that is a bomb is the document's bomb, counted with its cause. Crawled end
to end from a server on 127.0.0.1."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from crawlers.causas import error_mensaje
from tests.adversarial.file_listing import Served, crawl

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_BODY = (
    f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>Se niega el amparo, conforme a la '
    'jurisprudencia citada.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    "</w:body></w:document>"
)


def _notes(kind: str, *texts: str) -> str:
    separator = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    )
    notes = "".join(
        f'<w:{kind} w:id="{n}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}>'
        for n, text in enumerate(texts, 1)
    )
    return f'<w:{kind}s xmlns:w="{_W}">{separator}{notes}</w:{kind}s>'


def _docx(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        for name, body in parts.items():
            archive.writestr(name, body)
    return buffer.getvalue()


NOTED = _docx(
    {
        "word/document.xml": _BODY.encode(),
        "word/footnotes.xml": _notes(
            "footnote", "Tesis 1a./J. 12/2024 (11a.), de rubro «DERECHO A LA SALUD»."
        ).encode(),
        "word/endnotes.xml": _notes("endnote", "Voto particular del Ministro ponente.").encode(),
    }
)


def _bomb() -> bytes:
    """The body is fine; its endnotes inflate a thousand to one (32 MB of blanks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", _BODY)
        with archive.open("word/endnotes.xml", "w") as part:
            part.write(f'<w:endnotes xmlns:w="{_W}">'.encode())
            for _ in range(32):
                part.write(b" " * (1 << 20))
            part.write(b"</w:endnotes>")
    return buffer.getvalue()


FILES = {
    "/anotada.docx": Served(NOTED, _WORD),
    "/bomba.docx": Served(_bomb(), _WORD),
}


def test_a_word_sentences_notes_are_published_and_a_bomb_among_them_counted(
    tmp_path: Path,
) -> None:
    crawled = crawl(tmp_path, FILES)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    text = crawled.texts["Sentencia anotada.docx"]
    assert text.startswith("Se niega el amparo, conforme a la jurisprudencia citada."), text
    assert "Tesis 1a./J. 12/2024 (11a.), de rubro «DERECHO A LA SALUD»." in text, text
    assert "Voto particular del Ministro ponente." in text, text
    assert crawled.texts["Sentencia bomba.docx"] == ""  # listed, its text not stored
    entry = crawled.run.errors["extraction_failed"]
    assert entry["count"] == 1, crawled.run.errors
    (example,) = entry["examples"]
    assert example["url"].endswith("/bomba.docx")
    said = error_mensaje("extraction_failed", example["message"])
    assert said.startswith("la parte word/"), said  # the part that inflates, named
    assert said.endswith("una bomba de compresión): no se extrajo su texto"), said
