"""What a file not read is, said in Spanish from its own bytes (``unsupported_type``).

A refusal that said only what the site declared ("declared 'application/pdf'") told the
reader nothing true when the declaration lied: a PNG served as a PDF, an OpenDocument
text named ``.docx``. The bytes say what the file is; the declaration is added after."""

from __future__ import annotations

import io
import zipfile

# first bytes → what the file is
_MAGIC = (
    (b"\x89PNG", "una imagen PNG"),
    (b"\xff\xd8\xff", "una imagen JPEG"),
    (b"GIF8", "una imagen GIF"),
    (b"II*\x00", "una imagen TIFF"),
    (b"MM\x00*", "una imagen TIFF"),
    (b"{\\rtf", "un documento RTF (formato de texto enriquecido)"),
    (b"\xd0\xcf\x11\xe0", "un documento de Office antiguo (.doc, .xls o .ppt)"),
    (b"Rar!", "un archivo comprimido RAR"),
    (b"7z\xbc\xaf", "un archivo comprimido 7z"),
    (b"%!PS", "un documento PostScript"),
    (b"\x1f\x8b", "un archivo comprimido gzip"),
    (b"MZ", "un programa ejecutable de Windows"),
)
# a zip's parts → what the zip is (its mimetype part first: OpenDocument names itself)
_ZIPPED = (
    ("xl/workbook.xml", "un libro de Excel (.xlsx)"),
    ("ppt/presentation.xml", "una presentación de PowerPoint (.pptx)"),
    ("word/", "un documento Word sin cuerpo legible"),
)
_OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": "un documento OpenDocument de texto (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "una hoja de cálculo OpenDocument (.ods)",
    "application/vnd.oasis.opendocument.presentation": "una presentación OpenDocument (.odp)",
}
_BINARY = "datos binarios"
_MAX_NAMES = 10_000  # a zip's directory listed no further (its names are only looked at)


def file_kind(data: bytes) -> str:
    """What ``data`` is, as its bytes say ("una imagen PNG"), or ``_BINARY``."""
    for magic, said in _MAGIC:
        if data.startswith(magic):
            return said
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return _BINARY


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()[:_MAX_NAMES]
            names = [info.filename for info in infos]
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mime = archive.read("mimetype").decode("ascii", "replace").strip()
                if mime.startswith("application/vnd.oasis.opendocument"):
                    return _OPENDOCUMENT.get(mime, "un documento OpenDocument")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError):
        return "un archivo ZIP dañado"
    for part, said in _ZIPPED:
        if any(name.startswith(part) for name in names):
            return said
    return "un archivo comprimido ZIP"


def unsupported(
    data: bytes, content_type: str | None, filename: str | None, binary: bool = True
) -> str:
    """The message of a file whose type is not read: what it is, what it was declared.
    ``binary``: its bytes are no text (else only its declaration refused it)."""
    declared = (content_type or "").split(";", 1)[0].strip()
    kind = file_kind(data)
    if not binary and kind == _BINARY:
        named = f"«{declared[:80]}»" if declared else f"por su nombre («{(filename or '')[:80]}»)"
        return f"el archivo se declaró {named}, un tipo cuyo texto no se lee"
    if kind == _BINARY:
        said = "el archivo no es texto ni un tipo de documento que se reconozca: son datos binarios"
    else:
        said = f"el archivo es {kind}, un tipo cuyo texto no se lee"
    if declared:
        return f"{said} (el sitio lo declaró «{declared[:80]}»)"
    if filename:
        return f"{said} (se llama «{filename[:80]}»)"
    return said
