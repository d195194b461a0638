"""PDFs that are XFA forms (Adobe LiveCycle, "dynamic" forms): the document is XML in
the catalog's ``/AcroForm /XFA`` streams, and the PDF's own page is a static placeholder
for readers that do not render XFA: «Please wait... If this message is not eventually
replaced by the proper contents of the document, your PDF viewer may not be able to
display this type of document.». pdfium reads that page, and its words were stored as
the document's text. The placeholder is never kept: the text is read from the XFA's XML
instead (the template's texts and captions, then the values the form was filled with,
:func:`xfa_text`), bounded in size and parsed by expat without any DTD. A form whose XML
holds no text is refused as ``unsupported_type`` (:data:`XFA_UNREAD`), never stored as
the placeholder."""

from __future__ import annotations

import ctypes
import re
from xml.parsers import expat

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .model import ExtractionError

MAX_XFA_BYTES = 32 * 1024 * 1024  # a large form's XML is some hundreds of KB
MAX_TEXT_CHARS = 5_000_000
XFA_FORMS = (pdfium_c.FORMTYPE_XFA_FULL, pdfium_c.FORMTYPE_XFA_FOREGROUND)
# read by crawlers.causas for its Spanish: keep the two in step
XFA_UNREAD = (
    "el PDF es un formulario XFA: su contenido está en un XML que los lectores de PDF no "
    "dibujan (su página solo dice «Please wait...») y ese XML no tiene texto que leer"
)
_PLACEHOLDER = re.compile(
    r"if this message is not eventually replaced by the proper contents of the document"
    r"|your pdf viewer may not be able to display this type of document"
    r"|su visor de pdf no pueda mostrar este tipo de documento",
    re.IGNORECASE,
)
_PLACEHOLDER_CHARS = 800  # the placeholder page holds a few lines, nothing else
_SPACES = re.compile(r"\s+")
# where text is in the XDP: the template's drawn texts and captions (``text``, rich text
# in ``exData``), the data the form was filled with; never scripts, config or metadata
_TEXTS = {"text", "exData"}
_SKIPPED = {"script", "toolTip", "speak", "dataDescription", "bind", "calculate", "validate"}


def is_placeholder(text: str) -> bool:
    """Whether a page's text is the XFA placeholder (and nothing more)."""
    flat = _SPACES.sub(" ", text).strip()
    return len(flat) <= _PLACEHOLDER_CHARS and _PLACEHOLDER.search(flat) is not None


def is_xfa(doc: pdfium.PdfDocument) -> bool:
    return pdfium_c.FPDF_GetFormType(doc.raw) in XFA_FORMS


def _packets(doc: pdfium.PdfDocument) -> bytes:
    """The XFA's packets joined (the XDP document), at most ``MAX_XFA_BYTES``."""
    count = pdfium_c.FPDF_GetXFAPacketCount(doc.raw)
    joined = bytearray()
    for index in range(max(0, count)):
        size = ctypes.c_ulong(0)
        if not pdfium_c.FPDF_GetXFAPacketContent(doc.raw, index, None, 0, ctypes.byref(size)):
            continue
        if len(joined) + size.value > MAX_XFA_BYTES:
            raise ExtractionError(
                "too_large", f"el XML del formulario XFA pasa de {MAX_XFA_BYTES} bytes"
            )
        buffer = ctypes.create_string_buffer(size.value)
        if pdfium_c.FPDF_GetXFAPacketContent(
            doc.raw, index, buffer, size.value, ctypes.byref(size)
        ):
            joined += buffer.raw[: size.value]
    return bytes(joined)


class _Reader:
    def __init__(self) -> None:
        self.path: list[str] = []
        self.template: list[str] = []
        self.data: list[str] = []
        self.piece: list[str] = []
        self.size = 0

    def start(self, name: str, _attrs: object) -> None:
        self.path.append(name.rsplit(" ", 1)[-1])
        self._flush()

    def end(self, _name: str) -> None:
        self._flush()
        self.path.pop()

    def _flush(self) -> None:
        if self.piece:
            said = _SPACES.sub(" ", "".join(self.piece)).strip()
            self.piece.clear()
            if said:
                in_data = "data" in self.path and "template" not in self.path
                (self.data if in_data else self.template).append(said)

    def chars(self, text: str) -> None:
        path = self.path
        if _SKIPPED.intersection(path):
            return
        wanted = ("template" in path and _TEXTS.intersection(path)) or (
            "datasets" in path and "data" in path
        )
        if not wanted:
            return
        self.size += len(text)
        if self.size > MAX_TEXT_CHARS:
            raise ExtractionError(
                "too_large", f"el formulario XFA tiene más de {MAX_TEXT_CHARS} caracteres de texto"
            )
        self.piece.append(text)


def _refuse_dtd(*_args: object) -> None:
    raise ExtractionError("malformed", "el XML del formulario XFA declara un DTD (no se lee)")


def xfa_text(doc: pdfium.PdfDocument) -> tuple[str, bool]:
    """The form's text: the template's texts and captions, a line each, then the values
    it was filled with ("" when its XML holds none); and whether its XML was read to its
    end (what came before an error in it is kept, and a warning says so)."""
    xml = _packets(doc)
    if not xml:
        return "", True
    reader = _Reader()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    whole = True
    try:
        parser.Parse(xml, True)
    except (expat.ExpatError, LookupError):
        whole = False
    reader._flush()
    parts = ["\n".join(reader.template), "\n".join(reader.data)]
    return "\n\n".join(part for part in parts if part), whole


def refuse_unread() -> ExtractionError:
    return ExtractionError("unsupported_type", XFA_UNREAD)
