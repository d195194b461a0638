"""Content-type sniffing and byte decoding for crawled documents."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence

from .codepages import guess_codepage
from .docx import is_docx
from .kinds import unsupported
from .model import ExtractionError

_SNIFF_BYTES = 1024
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|h[1-6]|div|font|table|a|style"
    rb"|title|b|br|p|meta|link|form|center|span|ul|!--)(?:[\s>/]|$)",
    re.IGNORECASE,
)
_STRAY = re.compile("[\udc80-\udcff]+")  # bytes ``surrogateescape`` kept undecoded
_PDF_LINE = re.compile(rb"[\r\n]%PDF-\d\.\d")  # a PDF's header starting a line
_XML_THEN_HTML = re.compile(rb"<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+)?html", re.I | re.S)
_BINARY_MAGIC = (
    b"PK\x03\x04",  # zip, docx, xlsx, odt
    b"\xd0\xcf\x11\xe0",  # OLE2: doc, xls, ppt
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"{\\rtf",
    b"\x1f\x8b",  # gzip
    b"Rar!",
    b"7z\xbc\xaf",
    b"%!PS",
)
_PDF_TYPES = {"application/pdf", "application/x-pdf", "application/acrobat", "text/pdf"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"application/json", "application/xml", "application/csv"}
_UNSUPPORTED_PREFIXES = (
    "image/",
    "audio/",
    "video/",
    "font/",
    "application/msword",
    "application/vnd.",
    "application/zip",
    "application/rtf",
    "application/x-rar",
    "application/x-7z",
    "application/gzip",
)
_EXTENSIONS = {
    "pdf": "pdf",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "shtml": "html",
    "php": "html",
    "asp": "html",
    "aspx": "html",
    "jsp": "html",
    "txt": "text",
    "text": "text",
    "csv": "text",
    "tsv": "text",
    "json": "text",
    "xml": "text",
    "md": "text",
}
_UNSUPPORTED_EXTENSIONS = {"doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "rtf", "zip"}
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)
_LATIN1_ALIASES = {"ascii", "iso8859-1"}  # WHATWG: these mean windows-1252
# The encodings of the WHATWG Encoding Standard (what browsers decode), by Python's
# names: a declaration of anything else (Python's own codecs such as unicode_escape,
# which rewrite the text; EBCDIC; UTF-7) is no charset of a web page, and is ignored.
WEB_ENCODINGS = frozenset(
    {"big5", "big5hkscs", "cp866", "cp874", "cp932", "cp949", "euc_jp", "euc_kr", "gb18030",
     "gb2312", "gbk", "iso2022_jp", "koi8-r", "koi8-u", "mac-cyrillic", "mac-roman",
     "shift_jis", "tis-620", "utf-8", "utf-16", "utf-16-be", "utf-16-le", "utf-32",
     "utf-32-be", "utf-32-le", "utf-8-sig", "ascii"}
    | {f"cp{n}" for n in range(1250, 1259)}
    | {f"iso8859-{n}" for n in range(1, 17) if n != 12}
)  # fmt: skip


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    """Decode the 5 bytes undefined in cp1252 as Latin-1 (C1 controls)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return bytes(error.object[error.start : error.end]).decode("latin-1"), error.end


codecs.register_error("estado_cp1252", _cp1252_or_latin1)


def _strip_bom(head: bytes) -> bytes:
    """Return the leading bytes as ASCII-compatible bytes, BOM removed."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            if encoding == "utf-8-sig":
                return head[len(bom) :]
            text = head.decode(encoding, errors="ignore")
            return text.encode("ascii", errors="replace")
    return head


def _wide_as_ascii(head: bytes, content_type: str | None) -> bytes:
    """BOM-less UTF-16/32 declared by the Content-Type, as ASCII-compatible bytes."""
    declared = _canonical(charset_from_content_type(content_type))
    if b"\x00" not in head or not declared or not declared.startswith(("utf-16", "utf-32")):
        return head
    text = head.decode(declared, errors="ignore")
    return text.encode("ascii", errors="replace")


def _declared_kind(content_type: str | None, filename: str | None) -> str | None:
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime in _PDF_TYPES:
            return "pdf"
        if mime in _HTML_TYPES:
            return "html"
        if mime.startswith("text/") or mime in _TEXT_TYPES or mime.endswith(("+xml", "+json")):
            return "text"
        if mime.startswith(_UNSUPPORTED_PREFIXES):
            return "unsupported"
    if filename:
        name = filename.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext in _UNSUPPORTED_EXTENSIONS:
            return "unsupported"
        return _EXTENSIONS.get(ext)
    return None


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) // 10


# What a Mexican document's characters may be: Latin (with its extensions), Greek,
# Cyrillic, combining marks, and punctuation, currency and symbols. Bytes that are not
# UTF-16/32 read as such land mostly in CJK, Hangul, private-use or unassigned points.
_PLAUSIBLE_BLOCKS = ((0x20, 0x52F), (0x1E00, 0x1EFF), (0x2000, 0x2BFF), (0xFB00, 0xFB06))
_PLAUSIBLE_SHARE = 0.9
_WIDE_CHECK_CHARS = 2048


def _plausible(char: str) -> bool:
    if char in "\t\n\r\f\ufeff":
        return True
    point = ord(char)
    if not any(low <= point <= high for low, high in _PLAUSIBLE_BLOCKS):
        return False
    return unicodedata.category(char) not in ("Cc", "Cn", "Co", "Cs")


def _refuse_implausible_wide(data: bytes) -> None:
    """Bytes after a UTF-16/32 byte-order mark must read as text: a binary file that
    happens to start with ``FF FE`` decoded into CJK "text" (or, not valid UTF-16, into
    Windows-1252 garbage once the mark was dropped), and a wrong text is worse than none.
    Refused as ``unsupported_type``, saying why."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # the UTF-32 marks start with the UTF-16 ones
    rest, encoding = _after_consistent_bom(data)
    if encoding is None and _looks_binary(rest[:_SNIFF_BYTES]):
        raise ExtractionError(
            "unsupported_type",
            "empieza con la marca de orden de bytes de UTF-16, pero lo que sigue no es "
            "UTF-16 válido ni texto: es un archivo binario",
        )
    if encoding not in ("utf-16", "utf-32"):
        return
    width = 4 if encoding == "utf-32" else 2
    big = data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
    codec = f"{encoding}-{'be' if big else 'le'}"
    for where, window in _wide_windows(data, width):
        text = window.decode(codec, errors="ignore")
        shown = [c for c in text if not c.isspace()]
        good = sum(1 for c in shown if _plausible(c))
        if shown and good < _PLAUSIBLE_SHARE * len(shown):
            raise ExtractionError(
                "unsupported_type",
                f"empieza con la marca de orden de bytes de {encoding.upper()}, pero leído "
                f"así no es texto ({where}): solo {good} de {len(shown)} caracteres son "
                "letras, cifras o signos de un documento en español (es un archivo binario "
                "o de otro tipo)",
            )


def _wide_windows(data: bytes, width: int) -> list[tuple[str, bytes]]:
    """The start, the middle and the end of a wide text, each ``_WIDE_CHECK_CHARS`` long
    and cut on a code unit: a clean start must not carry a binary rest in."""
    span = width * _WIDE_CHECK_CHARS
    if len(data) <= span:
        return [("al principio", data)]
    middle = (len(data) // 2) // width * width
    end = (len(data) - span) // width * width
    return [
        ("al principio", data[:span]),
        ("a la mitad", data[middle : middle + span]),
        ("al final", data[end:]),
    ]


def sniff_type(data: bytes, content_type: str | None, filename: str | None) -> str:
    """Classify a document as "pdf", "html", "docx" or "text".

    Magic bytes win over the declared content type and file name (sites serve
    PDFs as text/html and HTML as application/pdf). Raises
    ``ExtractionError("unsupported_type")`` for Office/image/archive files and
    other binary data.
    """
    _refuse_implausible_wide(data)
    raw_head = data[:_SNIFF_BYTES]
    head = _wide_as_ascii(_strip_bom(raw_head), content_type).lstrip()
    if head.startswith(b"%PDF-") or _pdf_after_markup(raw_head, data):
        return "pdf"
    if _HTML_START.match(head) or _XML_THEN_HTML.match(head):
        return "html"
    if b"\x00" in head and wide_html(raw_head):  # UTF-16 markup without a mark
        return "html"
    if b"%PDF-" in raw_head:  # junk before the header is tolerated by readers
        return "pdf"
    if is_docx(data):  # a Word body in its zip, whatever the server declared
        return "docx"
    declared = _declared_kind(content_type, filename)
    # a mark or a declared UTF-16 made ``head`` ASCII already: NULs left are undeclared
    if declared != "unsupported" and b"\x00" in head and (wide := _undeclared_wide(raw_head)):
        raise ExtractionError(
            "unsupported_type",
            f"el texto está en {wide} sin marca de orden de bytes y "
            + (f"se declara {content_type!r}" if content_type else "no declara su codificación")
            + ": leído así sería basura (el sitio debe declararla o empezar con la marca)",
        )
    if (binary := _looks_binary(head)) or declared == "unsupported":
        raise ExtractionError("unsupported_type", unsupported(data, content_type, filename, binary))
    return declared or "text"


def _pdf_after_markup(head: bytes, data: bytes) -> bool:
    """A PDF's header at the start of a line of the first KB, after something else, in a
    file that has a PDF's objects: a PHP script's warning (``<br />\n<b>Warning</b>:
    session_start()…<br />\n%PDF-1.4``) printed before the file it sends. Read as the
    HTML it starts with, the sentence was stored as the warning's words, its own lost;
    pdfium reads a header anywhere in the first KB."""
    found = _PDF_LINE.search(head)
    return found is not None and (b"endobj" in data or b"%%EOF" in data[-2048:])


def wide_html(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` is HTML in UTF-16 without a byte-order
    mark: ASCII markup interleaved with NULs (``<\\x00h\\x00t\\x00m\\x00l\\x00``) in its
    first KB, read as the start of a page. An odd last byte does not matter (dropped
    when it is decoded)."""
    head = data[:_SNIFF_BYTES]
    if (wide := _undeclared_wide(head)) is None:
        return None
    codec = wide.lower().replace("le", "-le").replace("be", "-be")
    even = head[: len(head) // 2 * 2]
    start = even.decode(codec, errors="ignore").lstrip().encode("ascii", errors="replace")
    return codec if _HTML_START.match(start) or _XML_THEN_HTML.match(start) else None


def _undeclared_wide(head: bytes) -> str | None:
    """ "UTF-16LE" or "UTF-16BE" when NUL bytes fall on every other byte as a Latin text's
    do in UTF-16 without a byte-order mark (and it was not declared, or the head would
    read as ASCII): said so, rather than a bare "declared text/html" for a binary file."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 16:
        return None
    for zeros, letters, codec in ((sample[1::2], sample[0::2], "utf-16-le"),
                                  (sample[0::2], sample[1::2], "utf-16-be")):  # fmt: skip
        if zeros.count(0) < 0.8 * len(zeros) or 0 in letters:
            continue
        shown = [c for c in sample.decode(codec, errors="ignore") if not c.isspace()]
        if shown and sum(map(_plausible, shown)) >= _PLAUSIBLE_SHARE * len(shown):
            return codec.upper().replace("-LE", "LE").replace("-BE", "BE")
    return None


# A kept Content-Type fits the 128 characters its columns hold: type (40), "/", subtype
# (60), "; charset=" and a charset name (17).
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,39}/[a-z0-9][a-z0-9!#$&^_.+-]{0,59}")
_CHARSET_NAME = re.compile(r"[a-z0-9][a-z0-9._:-]{0,16}")


def kept_content_type(declared: str | None) -> str | None:
    """A served Content-Type as it is kept: its media type, lower-cased, and its charset
    when it names one; None when it names no media type. A server may send anything (300
    characters of parameters): PostgreSQL refused the file's row and lost its document."""
    if not declared:
        return None
    media = declared.split(";", 1)[0].strip().lower()
    if not _MEDIA_TYPE.fullmatch(media):
        return None
    charset = (charset_from_content_type(declared) or "").lower()
    return f"{media}; charset={charset}" if _CHARSET_NAME.fullmatch(charset) else media


def charset_from_content_type(content_type: str | None) -> str | None:
    """Return the ``charset`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = _CHARSET_PARAM.search(content_type)
    return match.group(1) if match else None


def sniff_charset(data: bytes) -> str | None:
    """Return the charset declared in an HTML ``<meta>`` or XML declaration."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", errors="replace") if match else None


def _canonical(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    if name not in WEB_ENCODINGS:
        return None
    if name == "utf-8-sig":
        return "utf-8"
    return "cp1252" if name in _LATIN1_ALIASES else name


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode document bytes; return ``(text, encoding_used)`` (see :func:`decode_declared`)."""
    return decode_declared(data, (declared,))


def decode_declared(data: bytes, declarations: Sequence[str | None]) -> tuple[str, str]:
    """Decode document bytes by what they are; return ``(text, encoding_used)``
    (:func:`decode_guessed`, without saying whether a code page was a guess)."""
    text, used, _ = decode_guessed(data, declarations)
    return text, used


def decode_guessed(data: bytes, declarations: Sequence[str | None]) -> tuple[str, str, bool]:
    """Decode document bytes by what they are; return ``(text, encoding_used, sure)``,
    ``sure`` False when the bytes were read in a code page no reading of them as Spanish
    supported (step 5: the text is kept, and the caller says it is a guess).

    Precedence, first that holds:

    1. a byte-order mark the rest of the bytes agree with (a UTF-16/32 mark before
       NUL-free valid UTF-8 is a stray mark: it is dropped and step 2 decides; a UTF-16
       text of an odd byte count agrees, its last byte dropped), then HTML in UTF-16
       without a mark (``wide_html``), when no declared UTF-16/32 decodes it;
    2. valid UTF-8 (legacy pages declare Latin-1 but serve UTF-8, and declare
       ``utf-32`` over UTF-8), unless a declared UTF-16/32 explains NUL bytes;
    3. the first declaration (HTTP header, then ``<meta>``) that decodes cleanly;
    4. mostly UTF-8, its stray bytes read as Windows-1252 (:func:`_mostly_utf8`);
    5. the single-byte code page that reads the bytes as Spanish (Windows-1252, a
       superset of ISO-8859-1, as browsers do; DOS 850; Mac OS Roman: :mod:`.codepages`),
       a declared one (``iso-8859-1``, ``cp850``…) the prior, never failing.
    """
    body, from_bom = _after_consistent_bom(data)
    if from_bom:
        return body.decode(from_bom), from_bom, True
    names = [name for name in map(_canonical, declarations) if name]
    wide = [name for name in names if name.startswith(("utf-16", "utf-32"))]
    if b"\x00" in body:
        for name in wide:
            text = _strict(body, name)
            if text is not None:
                return text, name, True
        if (codec := wide_html(body)) is not None:  # UTF-16 markup, no mark, no word of it
            text = _strict(body[: len(body) // 2 * 2], codec)  # an odd last byte dropped
            if text is not None:
                return text, codec, True
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8", True
    # a single-byte code page named first (``iso-8859-1`` is read as Windows-1252):
    # the prior of the guess below, not a certainty (any byte decodes in it)
    single = next((name for name in map(_single_byte, declarations) if name), None)
    for name in names:
        if name in ("utf-8", "cp1252") or (name in wide and b"\x00" not in body):
            continue
        if name == single:
            break
        text = _strict(body, name)
        if text is not None:
            return text, name, True
    if (mixed := _mostly_utf8(body)) is not None:
        return mixed, "utf-8", True
    return decode_codepage(body, single)


def _single_byte(declared: str | None) -> str | None:
    """The single-byte code page a declaration names, by Python's name (Windows-1252 for
    Latin-1 and ASCII, as browsers read them), or None."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name in _LATIN1_ALIASES or name == "latin-1":
        return "cp1252"
    return name if name in SINGLE_BYTE else None


# what a declaration may name and the bytes still be guessed among Spanish code pages:
# each reads every byte, so that a declared one decodes says nothing of it
SINGLE_BYTE = frozenset({"cp1252", "cp850", "cp437", "mac-roman", "iso8859-15"})


def decode_codepage(data: bytes, declared: str | None = None) -> tuple[str, str, bool]:
    """Bytes that are not UTF-8 read in the code page that makes Spanish of them
    (:func:`.codepages.guess_codepage`; ``declared``, a single-byte one, the prior), as
    ``(text, encoding, sure)``: not ``sure`` when no reading looked like Spanish (the
    text is kept, read in the prior)."""
    used, sure = guess_codepage(data, declared)
    errors = "estado_cp1252" if used == "cp1252" else "replace"
    return data.decode(used, errors=errors), used, sure


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few Windows-1252 bytes in it (a template in UTF-8 filled from a
    database in Latin-1, a text pasted from two editors), each part read as what it is:
    when more characters are valid UTF-8 sequences than bytes are not. Read whole as
    Windows-1252, every accented letter of the UTF-8 part turned into two («señor» into
    «seÃ±or»), which no search for it finds; None when the bytes are mostly not UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")  # a stray byte: U+DC80-U+DCFF
    stray = sum(map(len, _STRAY.findall(text)))
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - stray
    if wide <= stray:
        return None
    return _STRAY.sub(
        lambda found: (
            found.group()
            .encode("utf-8", errors="surrogateescape")
            .decode("cp1252", errors="estado_cp1252")
        ),
        text,
    )


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):
        return None


def _after_consistent_bom(data: bytes) -> tuple[bytes, str | None]:
    """``(bytes, encoding)`` when a BOM the bytes agree with starts ``data``;
    otherwise ``(data without any stray BOM, None)``."""
    for bom, encoding in BOMS:
        if not data.startswith(bom):
            continue
        rest = data[len(bom) :]
        if encoding == "utf-8-sig":
            return (data, encoding) if _strict(rest, "utf-8") is not None else (rest, None)
        stray = b"\x00" not in rest and _strict(rest, "utf-8") is not None
        if encoding == "utf-16" and len(data) % 2:  # a last byte cut off: dropped
            data = data[:-1]
        if not stray and _strict(data, encoding) is not None:
            return data, encoding
        return rest, None
    return data, None


def odd_byte_dropped(data: bytes, used: str) -> bool:
    """Whether ``data`` read as UTF-16 (``used``) ended in half a character, dropped."""
    return used.startswith("utf-16") and len(data) % 2 == 1


def charset_mismatch(data: bytes, declared: str | None, used: str) -> bool:
    """True if non-ASCII ``data`` was decoded with a charset other than the declared one."""
    if not declared or data.isascii():
        return False
    return _canonical(declared) != _canonical(used)
