"""Word documents (.docx): courts publish sentences so (the SCJN's Buscador Jurídico
gives each public sentence's ``archivoURL`` as a .docx). The text is in the zip's
``word/document.xml``: paragraphs ``w:p`` holding runs of ``w:t``, with ``w:tab`` and
``w:br`` between them; tables hold paragraphs too. The XML is inflated in bounded steps
(a small zip can inflate to gigabytes) and read by expat without any DTD (no entity can
expand)."""

from __future__ import annotations

import io
import zipfile
from xml.parsers import expat

from .model import ExtractionError
from .normalise import normalise_text

BODY = "word/document.xml"
MAX_XML_BYTES = 256 * 1024 * 1024  # a 2,000-page sentence's XML is a few tens of MB
MAX_TEXT_CHARS = 20_000_000  # some 6,000 pages of text
_CHUNK = 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def is_docx(data: bytes) -> bool:
    """A zip holding a Word body: whatever the server declared it to be."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return BODY in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


class _Reader:
    """Collects a body's text: a paragraph per line, a tab as a tab, a break as a line;
    ``too_large`` past ``MAX_TEXT_CHARS`` (the worker's memory is not the limit)."""

    def __init__(self) -> None:
        self.text = io.StringIO()
        self.size = 0
        self.in_text = False

    def add(self, piece: str) -> None:
        self.size += len(piece)
        if self.size > MAX_TEXT_CHARS:
            raise ExtractionError("too_large", f"Word text past {MAX_TEXT_CHARS} characters")
        self.text.write(piece)

    def start(self, name: str, _attrs: object) -> None:
        if name == f"{_W} t":
            self.in_text = True
        elif name == f"{_W} tab":
            self.add("\t")
        elif name in (f"{_W} br", f"{_W} cr"):
            self.add("\n")

    def end(self, name: str) -> None:
        if name == f"{_W} t":
            self.in_text = False
        elif name == f"{_W} p":
            self.add("\n")

    def chars(self, data: str) -> None:
        if self.in_text:
            self.add(data)


def _refuse_dtd(*_args: object) -> None:
    raise ExtractionError("malformed", "el documento Word declara un DTD (no se lee)")


def extract_docx(data: bytes, max_xml_bytes: int = MAX_XML_BYTES) -> str:
    """The body's text, normalised; ``decompression_bomb`` past ``max_xml_bytes`` of
    XML, ``malformed`` for a broken zip or XML, ``no_text`` for an empty body."""
    reader = _Reader()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    read = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(BODY) as body:
            while chunk := body.read(_CHUNK):
                read += len(chunk)
                if read > max_xml_bytes:
                    raise ExtractionError(
                        "decompression_bomb",
                        f"word/document.xml inflates past {max_xml_bytes} bytes",
                    )
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zipfile.LargeZipFile) as exc:
        raise ExtractionError("malformed", f"documento Word ilegible: {exc}") from exc
    except expat.ExpatError as exc:
        raise ExtractionError("malformed", f"XML del documento Word no válido: {exc}") from exc
    text = normalise_text(reader.text.getvalue())
    if not text.strip():
        raise ExtractionError("no_text", "empty Word document", pages=1)
    return text
