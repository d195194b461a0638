"""Word documents (.docx): courts publish sentences so (the SCJN's Buscador Jurídico
gives each public sentence's ``archivoURL`` as a .docx). The text is in the zip's
``word/document.xml``: paragraphs ``w:p`` holding runs of ``w:t``, with ``w:tab`` and
``w:br`` between them; tables hold paragraphs too. The XML is inflated in bounded steps
(a small zip can inflate to gigabytes), measured before it is parsed (a body past
``MAX_XML_BYTES``, or packed more than ``MAX_RATIO`` to 1, is a ``decompression_bomb``),
and read by expat without any DTD (no entity can expand). A body packed otherwise than
Word does (bzip2, LZMA, Deflate64: ``unsupported_type``) or encrypted (``encrypted``)
is not opened. The body is ``word/document.xml``, or the part of ``word/`` the package's
``officeDocument`` relationship names (Word Online saves ``word/document2.xml``). The
footnotes and endnotes (``word/footnotes.xml``, ``word/endnotes.xml``: where a sentence
cites its precedents) follow the body's text, each part read under the same bounds; an
HTML or plain text part the body imports (``w:altChunk``, :class:`_Chunks`) is read
where it stands.

A reference to a character XML forbids (``&#0;``, ``&#xFFFE;``, a surrogate: what some
generators write for a stray control character) made expat refuse the body, and the whole
sentence was lost as ``malformed``: such a reference is dropped (it stands for no text) and
counted (:func:`extract_docx` returns how many; the extraction's warning
``invalid_references_dropped:K``)."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from xml.parsers import expat

from .model import ExtractionError
from .normalise import normalise_text
from .omml import MATH, Formula
from .parser_words import expat_said, zip_said

BODY = "word/document.xml"
# a sentence's footnotes and endnotes (the precedents it cites) are parts of their own
NOTES = ("word/footnotes.xml", "word/endnotes.xml")
# Word Online and SharePoint save the body under another name (``word/document2.xml``),
# given by the package's relationships (``_rels/.rels``: the ``officeDocument`` one)
_RELATIONSHIPS = "_rels/.rels"
MAX_RELATIONSHIPS_BYTES = 64 * 1024  # a few hundred bytes in a Word file
_OFFICE_DOCUMENT = re.compile(
    rb"<Relationship\b[^>]*?\bType=\"[^\"]*/officeDocument\"[^>]*>", re.IGNORECASE
)
_TARGET = re.compile(rb"\bTarget=\"/?(word/[\w./-]+\.xml)\"")
MAX_XML_BYTES = 256 * 1024 * 1024  # a 2,000-page sentence's XML is a few tens of MB
MAX_TEXT_CHARS = 20_000_000  # some 6,000 pages of text
# Word's XML packs some 5 to 15 times (repetitive tables up to 40): a body that inflates
# past ``MAX_RATIO`` times its packed size, once past ``RATIO_FLOOR``, is a bomb, said so
# at once. Without this, 870 KB packing 300 MB of empty paragraphs (or 360 KB packing
# 250 MB of empty elements) kept expat busy to the worker's 60 s limit and was counted
# as a timeout, not as what it is
MAX_RATIO = 100
RATIO_FLOOR = 8 * 1024 * 1024
# Listing a zip makes an object of each entry of its central directory: 40 MB of empty
# entries (500,000) took the crawler's own process 30 s and 300 MB just to ask whether
# it was Word. A Word file's directory lists tens of entries (some hundreds with images)
MAX_DIRECTORY_BYTES = 2 * 1024 * 1024
# What expat and the reader pay per piece of markup, not per byte: a Python call per
# element (some 3 to 7 µs each, start and end, on this machine), and a token (a tag with
# its attributes, a comment) is re-read whole from its start at each 1 MB chunk until it
# ends. A body that does not pack (random names: 3 to 1, under ``MAX_RATIO``) held 1.5
# million elements in 4 MB (10 s) or 1.4 million attributes on one element in 9 MB
# (13 s, 520 MB), stopped only by the worker's time or memory cap. A real sentence of
# 50 to 140 KB of text is some 1 to 3 MB of XML, tens of thousands of tags (one per 5 to
# 20 characters of text), none longer than a few hundred bytes; a 2,000-page one some
# million tags. So past ``MAX_TAGS`` tags, or a stretch of ``MAX_TOKEN_BYTES`` without a
# ``<`` (one tag, comment or run of text that long), the body is refused at once as
# ``too_large``, counted while it is inflated (in C, before any of it is parsed)
MAX_TAGS = 2_000_000
# Attributes cost a Python string each for name and value (some 3 µs an attribute, 1.5
# million of them over 25 tags of 900 KB: 4.7 s); a Word element carries 0 to 5 (the
# revision marks ``w:rsid…``, ``w:val``), counted as the ``=`` in the body (text has few)
MAX_ATTRIBUTES = 4_000_000
MAX_TOKEN_BYTES = 1024 * 1024
_END_OF_DIRECTORY = b"PK\x05\x06"
# a numeric character reference (XML writes its hexadecimal form with a lower-case x)
_CHAR_REFERENCE = re.compile(rb"&#(x[0-9A-Fa-f]+|[0-9]+);")
_REFERENCE_TAIL = 64  # an "&" this near a chunk's end, without its ";": kept for the next
# each numeric reference is looked at by a Python call (some 0.7 µs): Word writes few or
# none (its characters are UTF-8), so a body of more is refused at once as ``too_large``
MAX_REFERENCES = 1_000_000
_CHUNK = 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# the names expat reports (namespace, space, local name), made once: not per element
_TEXT, _TAB, _BREAKS, _PARAGRAPH = f"{_W} t", f"{_W} tab", (f"{_W} br", f"{_W} cr"), f"{_W} p"
_RUN, _RUN_PROPERTIES, _PROPERTIES_CHANGE = f"{_W} r", f"{_W} rPr", f"{_W} rPrChange"
_VANISH, _VAL, _MOVE_FROM = f"{_W} vanish", f"{_W} val", f"{_W} moveFrom"
_NO_BREAK_HYPHEN = f"{_W} noBreakHyphen"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ALT_CHUNK, _RELATIONSHIP_ID = f"{_W} altChunk", f"{_R} id"
# A part of another format imported whole (``w:altChunk``: what document generators write
# for a sentence assembled from HTML; Word converts it when it saves, a server does not):
# its text stands where the chunk does. HTML or plain text is read, up to this many bytes
# in all (unpacked); others (RTF, MHT, another Word file) are counted, not read
MAX_CHUNK_BYTES = 10 * 1024 * 1024
_CHUNK_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_ID = re.compile(rb'\bId="([^"]+)"')
_CHUNK_TARGET = re.compile(rb'\bTarget="/?([\w./-]+)"')
_ALTERNATE, _CHOICE, _FALLBACK = f"{_MC} AlternateContent", f"{_MC} Choice", f"{_MC} Fallback"
_OFF = frozenset({"0", "false", "off"})  # a toggle property's «not set» (ST_OnOff)


def _refuse_huge_directory(data: bytes) -> None:
    """``too_large`` when the zip's central directory (as its end record declares it, which
    is what ``zipfile`` reads) is over ``MAX_DIRECTORY_BYTES`` or in the ZIP64 form."""
    end = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return  # no end record: zipfile finds no archive either
    entries = int.from_bytes(data[end + 10 : end + 12], "little")
    size = int.from_bytes(data[end + 12 : end + 16], "little")
    if entries == 0xFFFF or size == 0xFFFFFFFF or size > MAX_DIRECTORY_BYTES:
        raise ExtractionError(
            "too_large",
            f"el archivo ZIP lista {entries if entries != 0xFFFF else 'más de 65.535'} "
            f"entradas en un directorio de {size} bytes (máximo {MAX_DIRECTORY_BYTES})",
        )


def is_docx(data: bytes) -> bool:
    """A zip holding a Word body: whatever the server declared it to be. ``too_large`` for
    a zip whose directory is too large to list."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    _refuse_huge_directory(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return body_name(archive) is not None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def packed_body_size(data: bytes) -> int:
    """The packed size of the Word body, as the zip's directory gives it (0 when it is
    unreadable: the extraction then says why). Images, embedded fonts and other media
    parts are never opened, so a file's own size says nothing of what is parsed: a
    sentence with its scans attached weighs megabytes around a body of kilobytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            name = body_name(archive)
            if name is None:
                return 0
            parts = [name, *notes_names(archive)]
            return sum(archive.getinfo(part).compress_size for part in parts)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return 0


def body_name(archive: zipfile.ZipFile) -> str | None:
    """The name of the Word body in ``archive``: ``word/document.xml``, or the part under
    ``word/`` the package's ``officeDocument`` relationship names (Word Online's
    ``word/document2.xml``); None when it holds neither (not a Word file). The
    relationships are read only when small and stored or deflated."""
    names = set(archive.namelist())
    if BODY in names:
        return BODY
    try:
        info = archive.getinfo(_RELATIONSHIPS)
    except KeyError:
        return None
    if (
        info.file_size > MAX_RELATIONSHIPS_BYTES
        or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        or info.flag_bits & 0x1  # encrypted
    ):
        return None
    try:
        with archive.open(info) as handle:
            relationships = handle.read(MAX_RELATIONSHIPS_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        return None
    if (found := _OFFICE_DOCUMENT.search(relationships)) is None:
        return None
    target = _TARGET.search(found.group())
    name = target.group(1).decode() if target else None
    return name if name in names else None


class _Reader:
    """Collects a body's text: a paragraph per line, a tab as a tab, a break as a line;
    ``too_large`` past ``MAX_TEXT_CHARS`` (the worker's memory is not the limit).

    What Word shows and prints, once: a paragraph moved with revisions tracked is in the
    body twice, at its old place (``w:moveFrom``, shown struck through) and its new one
    (``w:moveTo``): only the new is read, as deleted text (``w:delText``) is never read.
    A run hidden by its own properties (``w:r/w:rPr/w:vanish``, not ``w:val="false"``:
    a clerk's note, never printed) is not read; a hidden paragraph mark (in ``w:pPr``)
    or a former format (``w:rPrChange``) hides nothing. A non-breaking hyphen
    (``w:noBreakHyphen``, an element, no character) is a hyphen: «SUP-JDC-1234/2024».
    Word writes each text box (a letterhead, a stamp «VERSIÓN PÚBLICA») twice, as a
    drawing (``mc:Choice``) and as VML for older readers (``mc:Fallback``): the
    fallback is read only when the choice held no text."""

    def __init__(self, chunk: Callable[[str], str | None] | None = None) -> None:
        self.chunk = chunk  # the text of an imported part by its relationship (None: unread)
        self.unread_chunks = 0
        self.text = io.StringIO()
        self.size = 0
        self.in_text = False
        self.moved_away = 0  # depth of w:moveFrom around the parse
        self.in_run = False
        self.run_properties = False  # inside the w:rPr of a run (not of a paragraph mark)
        self.former = 0  # depth of w:rPrChange: a run's former format
        self.hidden = False  # the current run is hidden
        self.choices: list[bool] = []  # per open mc:AlternateContent: its choice had text
        self.choice_from = 0  # text size when the current mc:Choice opened
        self.fallback = 0  # depth of mc:Fallback skipped (its choice was read)
        self.formula: Formula | None = None  # an equation being read (``.omml``)
        self.math = 0  # depth of m:oMath (one inside another is read as the outer's)
        self.after_formula = False  # the last thing read was a formula
        self.last = ""  # the last character read

    def add(self, piece: str) -> None:
        if self.after_formula:  # a word right after a formula stands apart from it
            self.after_formula = False
            if piece[:1].isalnum():
                piece = f" {piece}"
        self.last = piece[-1:] or self.last
        self.size += len(piece)
        if self.size > MAX_TEXT_CHARS:
            raise ExtractionError("too_large", _TEXT_PAST)
        self.text.write(piece)

    def _shown(self) -> bool:
        return not (self.moved_away or self.hidden or self.fallback)

    def start(self, name: str, attrs: list[str]) -> None:
        if self.formula is not None:
            self.math += name == MATH
            self.formula.start(name, attrs)
        elif name == MATH:
            self.formula, self.math = Formula(), 1
        elif name == _TEXT:
            self.in_text = True
        elif name == _RUN:
            self.in_run, self.hidden = True, False
        elif name == _RUN_PROPERTIES:
            if not self.former:  # the w:rPr inside a w:rPrChange is a former format
                self.run_properties = self.in_run
        elif name == _VANISH:
            if self.run_properties and not self.former:
                said = dict(zip(attrs[::2], attrs[1::2], strict=True))  # name, value, …
                value = said.get(_VAL, "1")
                self.hidden = value.lower() not in _OFF
        elif name == _PROPERTIES_CHANGE:
            self.former += 1
        elif name == _MOVE_FROM:
            self.moved_away += 1
        elif name == _ALTERNATE:
            self.choices.append(False)
        elif name == _CHOICE:
            self.choice_from = self.size
        elif name == _FALLBACK:
            if self.fallback or (self.choices and self.choices[-1]):
                self.fallback += 1
        elif not self._shown():
            return
        elif name == _TAB:
            self.add("\t")
        elif name in _BREAKS:
            self.add("\n")
        elif name == _NO_BREAK_HYPHEN:
            self.add("-")
        elif name == _ALT_CHUNK:
            said = dict(zip(attrs[::2], attrs[1::2], strict=True))
            text = self.chunk(said.get(_RELATIONSHIP_ID, "")) if self.chunk else None
            if text is None:
                self.unread_chunks += 1
            else:
                self.add(f"\n{text}\n")

    def end(self, name: str) -> None:
        if self.formula is not None:
            if name == MATH:
                self.math -= 1
            if self.math:
                self.formula.end(name)
                return
            text, self.formula = self.formula.text(), None
            if text and self._shown():  # the formula stands among its sentence's words
                self.add(f" {text}" if self.last.isalnum() else text)
                self.after_formula = True
        elif name == _TEXT:
            self.in_text = False
        elif name == _PARAGRAPH:
            if not self.fallback:
                self.add("\n")
        elif name == _RUN:
            self.in_run = self.hidden = False
        elif name == _RUN_PROPERTIES:
            if not self.former:
                self.run_properties = False
        elif name == _PROPERTIES_CHANGE:
            self.former -= 1
        elif name == _MOVE_FROM:
            self.moved_away -= 1
        elif name == _ALTERNATE:
            if self.choices:
                self.choices.pop()
        elif name == _CHOICE:
            if self.choices and self.size > self.choice_from:
                self.choices[-1] = True
        elif name == _FALLBACK and self.fallback:
            self.fallback -= 1

    def chars(self, data: str) -> None:
        if self.formula is not None:
            self.size += len(data)  # counted as it comes (and again when it is added)
            if self.size > MAX_TEXT_CHARS:
                raise ExtractionError("too_large", _TEXT_PAST)
            self.formula.chars(data)
        elif self.in_text and not (self.moved_away or self.hidden or self.fallback):
            self.add(data)


def _body(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The body's entry, if it can be read within bounds (:func:`_readable`)."""
    return _readable(archive.getinfo(body_name(archive) or BODY))


def _readable(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """``info``, if its part can be read within bounds: Word packs with deflate (or
    stores); zipfile inflates bzip2 and LZMA in one piece whatever is asked of it (a 1 KB
    body of 1 GB of bzip2'd letters filled the worker's 2 GB and was counted as too
    large), and an encrypted entry needs a password."""
    if info.flag_bits & 0x1:
        raise ExtractionError("encrypted", "el cuerpo del documento Word está cifrado")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ExtractionError(
            "unsupported_type",
            f"el cuerpo del documento Word está comprimido con el método {info.compress_type} "
            "(Word usa deflate), cuya expansión no se puede acotar: no se lee",
        )
    return info


_TEXT_PAST = f"el texto del documento Word pasa de {MAX_TEXT_CHARS} caracteres"


def _inflates_past(name: str, most: int) -> str:
    return (
        f"la parte {name} del documento Word se expande a más de {most} bytes (una bomba de "
        "compresión)"
    )


def _bomb(
    inflated: int, packed: int, max_xml_bytes: int, name: str = BODY
) -> ExtractionError | None:
    """What the body inflated to so far says it is a bomb (it only grows: said at once)."""
    if inflated > max_xml_bytes:
        return ExtractionError("decompression_bomb", _inflates_past(name, max_xml_bytes))
    if inflated > RATIO_FLOOR and inflated > MAX_RATIO * packed:
        return ExtractionError(
            "decompression_bomb",
            f"la parte {name} del documento Word se expande a más de {inflated} bytes desde "
            f"{packed} comprimidos (más de {MAX_RATIO} veces: una bomba de compresión)",
        )
    return None


def _too_costly(inflated: int, tags: int, attributes: int, stretch: int) -> ExtractionError | None:
    if attributes > MAX_ATTRIBUTES:
        return ExtractionError(
            "too_large",
            f"el cuerpo del documento Word tiene más de {MAX_ATTRIBUTES} atributos XML "
            f"(en sus primeros {inflated} bytes)",
        )
    if tags > MAX_TAGS:
        return ExtractionError(
            "too_large",
            f"el cuerpo del documento Word tiene más de {MAX_TAGS} etiquetas XML "
            f"(en sus primeros {inflated} bytes)",
        )
    if stretch >= MAX_TOKEN_BYTES:
        return ExtractionError(
            "too_large",
            f"el cuerpo del documento Word tiene un tramo de al menos {stretch} bytes sin "
            f"etiquetas (una sola etiqueta, comentario o texto de más de {MAX_TOKEN_BYTES} "
            "bytes)",
        )
    return None


def _refuse_bomb(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int, max_xml_bytes: int
) -> None:
    """``decompression_bomb`` for a body that inflates past ``max_xml_bytes``, or past
    ``MAX_RATIO`` times its packed size (and ``RATIO_FLOOR``); ``too_large`` for one of
    more than ``MAX_TAGS`` tags or ``MAX_ATTRIBUTES`` attributes, or with a stretch of
    ``MAX_TOKEN_BYTES`` without a tag.
    Measured by inflating it first, in C and discarding the output (256 MB in about a
    second, a count and two finds per 1 MB chunk): the parse that follows runs a Python
    call per element, some 1 MB/s of empty elements, so a bomb found while parsing was
    found after the worker's time limit."""
    packed = max(1, min(info.compress_size, size))
    inflated = tags = attributes = 0
    stretch = 0  # bytes since the last "<", across chunks
    costly: ExtractionError | None = None  # said once it is known not to be a bomb
    with archive.open(info) as body:
        while chunk := body.read(_CHUNK):
            inflated += len(chunk)
            if (refused := _bomb(inflated, packed, max_xml_bytes, info.filename)) is not None:
                raise refused
            if costly is not None:
                continue
            tags += chunk.count(b"<")
            attributes += chunk.count(b"=")
            first = chunk.find(b"<")
            if first < 0:
                stretch += len(chunk)
            else:  # a stretch inside one chunk is shorter than the chunk (and the limit)
                stretch, longest = len(chunk) - 1 - chunk.rfind(b"<"), stretch + first
                costly = _too_costly(inflated, tags, attributes, longest)
            costly = costly or _too_costly(inflated, tags, attributes, stretch)
    if costly is not None:
        raise costly


def _xml_char(value: int) -> bool:
    """Whether XML 1.0 allows the character (its ``Char`` production)."""
    return (
        value in (0x9, 0xA, 0xD)
        or 0x20 <= value <= 0xD7FF
        or 0xE000 <= value <= 0xFFFD
        or 0x10000 <= value <= 0x10FFFF
    )


class _References:
    """Drops the references to characters XML forbids from a body read in chunks (a
    reference may be cut between two), counting them."""

    def __init__(self) -> None:
        self.dropped = 0
        self.seen = 0
        self.carry = b""

    def _keep(self, found: re.Match[bytes]) -> bytes:
        self.seen += 1
        if self.seen > MAX_REFERENCES:
            raise ExtractionError(
                "too_large",
                f"el cuerpo del documento Word tiene más de {MAX_REFERENCES} referencias "
                "numéricas a caracteres (&#…;)",
            )
        digits = found.group(1)
        hexadecimal = digits.startswith(b"x")
        digits = (digits[1:] if hexadecimal else digits).lstrip(b"0") or b"0"
        if len(digits) <= 8 and _xml_char(int(digits, 16 if hexadecimal else 10)):
            return found.group(0)
        self.dropped += 1
        return b""

    def clean(self, chunk: bytes, last: bool = False) -> bytes:
        data = self.carry + chunk
        self.carry = b""
        if not last:
            cut = data.rfind(b"&", max(0, len(data) - _REFERENCE_TAIL))
            if cut >= 0 and b";" not in data[cut:]:
                data, self.carry = data[:cut], data[cut:]
        return _CHAR_REFERENCE.sub(self._keep, data) if b"&#" in data else data


def _refuse_dtd(*_args: object) -> None:
    raise ExtractionError(
        "malformed",
        "el documento Word declara un DTD, que Word no escribe: sus entidades podrían leer "
        "archivos de esta máquina o multiplicarse sin fin (una «bomba» de entidades); no se lee",
    )


def _parser(reader: _Reader) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True  # a run's text in one call, not one per line or entity
    parser.ordered_attributes = True  # a list of names and values, not a dict
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    return parser


def _read_part(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    reader: _Reader,
    references: _References,
    size: int,
    max_xml_bytes: int,
) -> None:
    """Parse one part (the body, the notes) into ``reader``, measured first."""
    _refuse_bomb(archive, _readable(info), size, max_xml_bytes)
    parser = _parser(reader)
    read = 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            read += len(chunk)
            if read > max_xml_bytes:  # what was measured is what is read: a guard
                raise ExtractionError(
                    "decompression_bomb", _inflates_past(info.filename, max_xml_bytes)
                )
            parser.Parse(references.clean(chunk), False)
    parser.Parse(references.clean(b"", last=True), True)


def notes_names(archive: zipfile.ZipFile) -> list[str]:
    """The parts holding the document's footnotes and endnotes, those it has."""
    names = set(archive.namelist())
    return [name for name in NOTES if name in names]


class _Chunks:
    """Reads the parts a body imports (``w:altChunk``) by their relationship's id."""

    def __init__(self, archive: zipfile.ZipFile, body: str) -> None:
        self.archive = archive
        self.targets: dict[str, str] = {}
        self.read = 0
        folder, _, name = body.rpartition("/")
        try:
            info = archive.getinfo(f"{folder}/_rels/{name}.rels")
        except KeyError:
            return
        if info.file_size > MAX_RELATIONSHIPS_BYTES * 16:
            return
        with archive.open(_readable(info)) as handle:
            relationships = handle.read(MAX_RELATIONSHIPS_BYTES * 16 + 1)
        for found in _CHUNK_RELATIONSHIP.finditer(relationships):
            if b"/aFChunk" not in found.group() or not (ident := _ID.search(found.group())):
                continue
            if target := _CHUNK_TARGET.search(found.group()):
                path = target.group(1).decode()
                whole = path if path.startswith(f"{folder}/") else f"{folder}/{path}"
                self.targets[ident.group(1).decode()] = whole

    def text(self, ident: str) -> str | None:
        """The chunk's text (HTML or plain text), None when it is of another format."""
        from .html import html_main_text
        from .sniff import decode_bytes

        name = self.targets.get(ident)
        if name is None or not name.lower().endswith((".htm", ".html", ".xhtml", ".txt")):
            return None
        info = _readable(self.archive.getinfo(name))
        self.read += info.file_size
        if self.read > MAX_CHUNK_BYTES:
            raise ExtractionError(
                "too_large",
                f"el documento Word importa partes (altChunk) de más de {MAX_CHUNK_BYTES} bytes",
            )
        with self.archive.open(info) as handle:
            data = handle.read(MAX_CHUNK_BYTES + 1)
        if len(data) > info.file_size:  # the directory lied about the size
            raise ExtractionError("malformed", f"{name}: su tamaño no es el declarado")
        if name.lower().endswith(".txt"):
            return normalise_text(decode_bytes(data)[0])
        return html_main_text(data)


def extract_docx(data: bytes, max_xml_bytes: int = MAX_XML_BYTES) -> tuple[str, int]:
    """The text of the body and then of its footnotes and endnotes (``NOTES``: each its
    own part, read under the body's bounds), with the HTML or plain text parts the body
    imports (``w:altChunk``) where they stand, normalised, and how many references to
    characters XML forbids were dropped from them; ``decompression_bomb`` past
    ``max_xml_bytes`` of XML in a part, ``malformed`` for a broken zip or XML,
    ``unsupported_type`` when the body imports a part of another format (RTF, MHT: the
    sentence is there, and is not read), ``no_text`` for an empty document."""
    references = _References()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = _body(archive)
            reader = _Reader(_Chunks(archive, body.filename).text)
            _read_part(archive, body, reader, references, len(data), max_xml_bytes)
            for name in notes_names(archive):
                reader.add("\n\n")  # the notes stand apart from the body, and each other
                info = archive.getinfo(name)
                _read_part(archive, info, reader, references, len(data), max_xml_bytes)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zipfile.LargeZipFile) as exc:
        raise ExtractionError("malformed", f"documento Word ilegible: {zip_said(exc)}") from exc
    except expat.ExpatError as exc:
        raise ExtractionError(
            "malformed", f"el XML del documento Word no es válido: {expat_said(exc)}"
        ) from exc
    except LookupError as exc:  # an encoding expat does not know, declared by the XML
        raise ExtractionError(
            "malformed", "el XML del documento Word declara una codificación desconocida"
        ) from exc
    text = normalise_text(reader.text.getvalue())
    if reader.unread_chunks:  # stored without them, the sentence would be its letterhead
        raise ExtractionError(
            "unsupported_type",
            f"el documento Word importa {reader.unread_chunks} parte(s) (altChunk) de un "
            "formato que no se lee (RTF, MHT u otro documento Word): no se extrajo su texto",
        )
    if not text.strip():
        raise ExtractionError("no_text", "el documento Word no tiene texto", pages=1)
    return text, references.dropped
