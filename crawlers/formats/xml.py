"""XML as government sites serve it: declared encodings that lie, stray ``&``, BOMs.

The bytes are decoded by what they are (valid UTF-8 wins over a declared ISO-8859-1),
the declaration is dropped, and lxml parses in recovery mode with namespaces removed,
so ``yt:videoId`` is ``videoId`` and ``media:group/media:content`` is
``group/content`` in spec selectors.

Feeds and sitemaps never need to declare entities: a document type that does (an
entity bomb, or an external entity reaching for ``file:///etc/passwd`` or a local
address) is refused as a whole with :class:`HostileXML`, rather than parsed with the
entities silently dropped (which cut titles and links short). So is one nested past
libxml2's depth limit (2,048 elements; a feed needs a handful): the parser stops there
and everything after it, items and URLs, would be lost without a word.
"""

from __future__ import annotations

import codecs
import functools
import html.entities
import re
from collections.abc import Generator
from typing import Any, TypeVar

from lxml import etree
from parsel import Selector

from indexer.extract.sniff import decode_bytes

T = TypeVar("T")

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DECLARED = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)
_EXTERNAL = re.compile(r"<!ENTITY\s+(?:%\s+)?\S+\s+(?:SYSTEM|PUBLIC)\b")
_PROLOG_CHARS = 64 * 1024
# a document type up to where its internal subset opens (``[``) or it ends (``>``), its
# quoted identifiers passed over (a ``>`` may stand in them)
_DOCTYPE_HEAD = 4096  # a name and two identifiers; one longer is read as before (refused)
_SUBSET = re.compile(r"<!DOCTYPE(?:[^\[>\"']|\"[^\"]*\"|'[^']*')*([\[>])")
_SPACE = re.compile(r"[ \t\r\n]*")


EXTERNAL_ENTITY = "the document declares an external entity: refused"
ENTITIES = "the document declares entities (an entity bomb?): refused"


class HostileXML(ValueError):
    """XML refused before parsing; ``cause`` names why, for the run's error counts."""

    def __init__(self, cause: str, message: str) -> None:
        super().__init__(message)
        self.cause = cause


def _doctype_after_prolog(text: str) -> int:
    """Where a document type stands after the prolog's white space, comments and
    processing instructions, however long they are; -1 when the prolog holds none."""
    at = 0
    while True:
        space = _SPACE.match(text, at)
        at = space.end() if space else at
        if text.startswith("<!--", at):
            end = text.find("-->", at + 4)
            at = -1 if end < 0 else end + 3
        elif text.startswith("<?", at):
            end = text.find("?>", at + 2)
            at = -1 if end < 0 else end + 2
        else:
            return at if text.startswith("<!DOCTYPE", at) else -1
        if at < 0:
            return -1


def refuse_entities(text: str) -> None:
    """Raise HostileXML when the document type declares entities (XML spells both
    keywords in capitals; a document type must come before the root element, after a
    prolog of any length: 64 KB of comments do not hide it). A document type without an
    internal subset (RSS 0.91's public one) declares none: the text after it may speak
    of ``<!ENTITY`` (a CDATA section quoting XML) without the feed being refused."""
    doctype = text.find("<!DOCTYPE", 0, _PROLOG_CHARS)
    if doctype < 0:
        doctype = _doctype_after_prolog(text)
    if doctype < 0:
        return
    subset = _SUBSET.match(text, doctype, doctype + _DOCTYPE_HEAD)
    if subset is not None and subset[1] == ">":  # no internal subset: nothing declared in it
        return
    declaration = text.find("<!ENTITY", doctype)
    if declaration < 0:
        return
    external = _EXTERNAL.match(text, declaration)
    raise HostileXML("xml_entities", EXTERNAL_ENTITY if external else ENTITIES)


# Every ``&`` but those of XML's own five entities and the decimal references every
# parser reads (32 to 9999, the common ones: passed over without a call): a bare one, a
# character reference, a name HTML gives (``&oacute;``, ``&nbsp;``: feeds written by HTML
# templates are full of them) or none does.
_AMPERSAND = re.compile(
    r"&(?!(?:amp|lt|gt|quot|apos|#(?:3[2-9]|[4-9][0-9]|[1-9][0-9]{2,3}));)"
    r"(?:(?:#[0-9]{1,12}|#[xX][0-9a-fA-F]{1,12}|[A-Za-z][A-Za-z0-9]{1,31});)?"
)
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _xml_char(code: int) -> bool:
    """Whether XML 1.0 can carry the character at all (its ``Char`` production)."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


@functools.lru_cache(maxsize=4096)
def _reference(written: str) -> str:
    """What one ``&`` becomes for the parser. A name HTML defines is its character: left
    as a reference to an entity no document type declares, libxml2 ended the field's text
    there («Resoluci&oacute;n del Pleno» read «Resoluci»). A character reference XML
    cannot carry (a surrogate, a control, past U+10FFFF) is dropped, as the parser drops a
    control: ``&#xD800;`` made lxml fail to decode the whole feed, which was then "not a
    feed". Any other ``&`` is text (``&amp;``), as a browser reads it."""
    if written == "&":
        return "&amp;"
    ref = written[1:-1]
    if ref[0] == "#":
        code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
        return f"&#{code};" if _xml_char(code) else ""
    char = html.entities.html5.get(f"{ref};")
    return f"&amp;{ref};" if char is None else char.translate(_MARKUP)


# XML 1.0, appendix F: without a byte-order mark, a document's first bytes (``<`` or
# ``<?xml``) name its encoding's family; in EBCDIC the declaration names the code page
_FAMILIES = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp500"),  # "<?xm" in EBCDIC
)
_EBCDIC = frozenset({"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"})
_DECLARED_TEXT = re.compile(r"<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)


def _ebcdic(body: bytes) -> str | None:
    """The document read in the EBCDIC code page it declares; None when it is not
    EBCDIC. A code page not declared, or not one Python reads, is a ``xml_encoding``
    error: read as Windows-1252 its bytes were no feed, and the run said so."""
    if not body.startswith(_FAMILIES[-1][0]):
        return None
    declared = _DECLARED_TEXT.search(body[:400].decode("cp500"))
    try:
        codec = codecs.lookup(declared[1]).name if declared else None
    except LookupError:
        codec = None
    if codec not in _EBCDIC:
        named = f"declares {declared[1]!r}" if declared else "declares no encoding"
        raise HostileXML(
            "xml_encoding",
            f"the document is in EBCDIC and {named}, no EBCDIC code page Python reads",
        )
    return body.decode(codec)


def _declared(body: bytes) -> str | None:
    """The encoding a document without a byte-order mark declares, or the UTF-16/32
    its first bytes show (a declaration in UTF-32 is no ASCII ``encoding=``)."""
    for start, family in _FAMILIES[:-1]:
        if body.startswith(start):
            return family
    declared = _DECLARED.search(body[:200])
    return declared[1].decode("ascii") if declared else None


def xml_text(body: bytes) -> str:
    """The document as text ready for the parser: decoded by what its bytes are, its
    declaration dropped, entities refused, each ``&`` read as ``_reference`` says."""
    text = _ebcdic(body)
    if text is None:
        text, _ = decode_bytes(body, _declared(body))
    text = _DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    refuse_entities(text)
    return _AMPERSAND.sub(lambda found: _reference(found[0]), text)


def xml_selector(body: bytes) -> Selector:
    selector = Selector(root=_root(xml_text(body)), type="xml")
    selector.remove_namespaces()
    return selector


Bounded = tuple[etree._Element, dict[str, int]]


def bounded_root(body: bytes, repeated: tuple[str, ...], keep: int | None) -> Bounded:
    """What :func:`bounded_root_steps` returns, read in one go."""
    return finished(bounded_root_steps(body, repeated, keep))


def finished(steps: Generator[None, None, T]) -> T:
    """What a generator of pauses returns, its pauses passed."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def bounded_root_steps(
    body: bytes, repeated: tuple[str, ...], keep: int | None
) -> Generator[None, None, Bounded]:
    """The document's tree (namespaces removed) holding only the first ``keep`` elements
    named each of ``repeated`` (a feed's items), and how many of each it had. The others
    are emptied as the parser passes them: a feed of a million items held them all in
    lxml's tree (20 times the feed's size: 900 MB for 48 MB) to read its first 500.
    Yields None after each piece the parser was handed (a caller's moment to let others
    work: see crawlers.stall) and returns the tree."""
    text = xml_text(body)
    parser = etree.XMLPullParser(
        events=("start",),
        tag=[f"{{*}}{name}" for name in repeated],
        recover=True,
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
    )
    counts = dict.fromkeys(repeated, 0)

    last: list[etree._Element] = []  # the last one past ``keep``, while it is read

    def passed() -> None:
        for _, element in parser.read_events():  # in document order, as ``//item`` lists
            name = element.tag.rpartition("}")[2]
            counts[name] += 1
            if keep is None or counts[name] <= keep:
                continue
            # the one before it is whole now: dropped if it lay past ``keep`` too
            if last and element.getprevious() is last[0]:
                element.getparent().remove(last[0])  # type: ignore[union-attr]
            last[:] = [element]

    text = text.strip().replace("\x00", "") or "<html/>"
    try:
        for start in range(0, len(text), _FEED_PIECE):
            parser.feed(text[start : start + _FEED_PIECE].encode("utf-8"))
            passed()
            yield None
        root = parser.close()
        passed()
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"unreadable XML: {exc}") from exc
    refuse_too_deep(parser.feed_error_log)  # a feed parser's own log (its error_log is not)
    if root is not None and ended_early(parser.feed_error_log):
        counts[AFTER_ROOT] = written_after_root(text, root.tag, repeated)
    del text
    root = root if root is not None else etree.fromstring(b"<html/>")
    selector = Selector(root=root, type="xml")
    selector.remove_namespaces()
    return selector.root, counts


_FEED_PIECE = 1024 * 1024  # characters handed to the parser at a time


def _root(text: str) -> etree._Element:
    """The document's tree as parsel builds it (recovering, entities unresolved), built
    here to read the parser's errors: one that stopped it is the document refused."""
    body = text.strip().replace("\x00", "").encode("utf-8") or b"<html/>"
    parser = etree.XMLParser(
        recover=True, encoding="utf-8", huge_tree=True, resolve_entities=False, no_network=True
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"unreadable XML: {exc}") from exc
    refuse_too_deep(parser.error_log)
    return root if root is not None else etree.fromstring(b"<html/>", parser=parser)


AFTER_ROOT = "xml_after_root"


def ended_early(errors: Any) -> bool:
    """Whether the parser met content after the document's root element ended: libxml2
    stops there, in recovery mode too (a second document joined to the first was lost
    without a word)."""
    return any(error.type == etree.ErrorTypes.ERR_DOCUMENT_END for error in errors)


def written_after_root(text: str, root: object, names: tuple[str, ...]) -> int:
    """How many elements named ``names`` (any namespace prefix) are written after the
    end of the root element ``root``: the parser never read them. None for what a site
    leaves after a whole document (a PHP warning, a comment)."""
    local = root.rpartition("}")[2] if isinstance(root, str) else ""
    if not local:
        return 0
    end = re.search(rf"</(?:[\w.-]+:)?{re.escape(local)}\s*>", text)
    if end is None:
        return 0
    either = "|".join(map(re.escape, names))
    return len(re.findall(rf"<(?:[\w.-]+:)?(?:{either})[\s>/]", text[end.end() :]))


def refuse_too_deep(errors: Any) -> None:
    for error in errors:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "Excessive depth" in error.message:
            raise HostileXML(
                "xml_too_deep",
                f"the document nests elements past the parser's limit (line {error.line}): "
                "what follows could not be read; refused",
            )


def first_text(node: Selector, *paths: str) -> str | None:
    """The first non-empty text among XPath alternatives, whitespace collapsed."""
    for path in paths:
        for value in node.xpath(path).getall():
            cleaned = " ".join(value.split())
            if cleaned:
                return cleaned
    return None
