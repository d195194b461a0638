"""sitemap.xml, sitemap indexes, Google News sitemaps and robots.txt ``Sitemap:`` lines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from crawlers.causas import CODING_CUT
from crawlers.content_coding import CodingError, Decoder, TooManyMembers
from crawlers.formats.feeds import parse_moment
from crawlers.formats.xml import AFTER_ROOT, HostileXML, ended_early, refuse_too_deep, xml_text

# a gzipped sitemap inflates to at most this many times the page limit
# (``max_page_bytes``): at its default of 10 MB, the sitemap protocol's own 50 MB
UNZIP_FACTOR = 5
MAX_UNZIPPED = UNZIP_FACTOR * 10 * 1024 * 1024  # with no page limit configured
# the spaces before "sitemap" are the line's own (a run of blank lines was scanned again
# from each of its line starts: quadratic); a line start after blank lines finds what the
# first one did, so the matches are the same
# the end of a sitemap's root, and an entry's address after it (any namespace prefix)
_ROOT_END = re.compile(r"</(?:[\w.-]+:)?(?:urlset|sitemapindex)\s*>")
_LOC = re.compile(r"<(?:[\w.-]+:)?loc[\s>]")
# a <loc> the sitemap protocol does not put where the crawl reads it (crawlers.causas)
MISPLACED_LOC = "sitemap_misplaced_loc"
_ROBOTS_SITEMAP = re.compile(r"^[^\S\n]*sitemap\s*+:\s*+(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class SitemapUrl:
    loc: str
    lastmod: dt.datetime | None = None
    title: str | None = None  # news:title
    published: dt.datetime | None = None  # news:publication_date
    # a <lastmod> that names a day and no time (``2024-05-01``): the page may have
    # changed at any hour of that day, so a fetch on that day proves nothing
    day_only: bool = False


@dataclass
class Sitemap:
    urls: list[SitemapUrl] = field(default_factory=list)
    children: list[SitemapUrl] = field(default_factory=list)  # an index's sitemaps


def unzip_limit(max_page_bytes: int | None) -> int:
    """The most a gzipped sitemap may inflate to under a page limit: a site operator who
    lowers ``max_page_bytes`` to bound a crawl's memory lowers this with it (it was a fixed
    50 MB whatever the limit)."""
    return UNZIP_FACTOR * max_page_bytes if max_page_bytes else MAX_UNZIPPED


def unzip(body: bytes, limit: int = MAX_UNZIPPED) -> bytes:
    """Gzipped sitemaps (``sitemap.xml.gz`` served as a file, with no ``Content-Encoding``:
    the download's checks of a coding never saw it), undone as an answer's gzip coding is
    (``crawlers.content_coding``): bounded in size (``limit`` bytes, :func:`unzip_limit`)
    a piece at a time, every member read,
    members that give (next to) nothing refused past ``MAX_MEMBERS`` (GzipFile spent half
    a minute on twenty megabytes of them, and the sitemap was read as whole), a stream
    that stops before its end refused as cut (GzipFile's EOFError, or its BadGzipFile for
    data that is no gzip, escaped the spider as an uncounted traceback). Raises
    HostileXML naming the cause."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    decoder = Decoder("gzip")
    data = bytearray()
    try:
        for piece in decoder.decode(body):
            data += piece
            if len(data) > limit:
                raise HostileXML(
                    "too_large",
                    f"gzipped sitemap of {len(body)} bytes inflates past {limit} bytes: refused",
                )
    except TooManyMembers as exc:
        raise HostileXML("malformed_answer", str(exc)) from exc
    except CodingError as exc:
        raise HostileXML(
            "not_a_sitemap", f"the gzipped sitemap's compressed data is unreadable: {exc}"
        ) from exc
    if decoder.unfinished() is not None:
        raise HostileXML("cut_short", CODING_CUT.format(coding="gzip"))
    return bytes(data)


def robots_sitemaps(text: str) -> list[str]:
    return _ROBOTS_SITEMAP.findall(text)


def parse_sitemap(body: bytes) -> Sitemap:
    """The whole sitemap in lists (the crawl reads it with :func:`read_sitemap`)."""
    found = Sitemap()
    read_sitemap(
        body,
        lambda _, child: found.children.append(child),
        lambda _, url: found.urls.append(url),
    )
    return found


OnEntry = Callable[[int, SitemapUrl], None]
CHILD, URL = "sitemap", "url"
# what :func:`sitemap_entries` yields: (CHILD or URL, position, entry), or None once the
# parser has passed a piece of the document
Step = tuple[str, int, SitemapUrl] | None


def read_sitemap(body: bytes, on_child: OnEntry, on_url: OnEntry) -> None:
    """Hands each ``sitemapindex/sitemap`` to ``on_child`` and each ``urlset/url`` to
    ``on_url`` with its position, as :func:`sitemap_entries` yields them."""
    for step in sitemap_entries(body):
        if step is not None:
            kind, position, entry = step
            (on_child if kind == CHILD else on_url)(position, entry)


def sitemap_entries(body: bytes, max_unzipped: int = MAX_UNZIPPED) -> Iterator[Step]:
    """Each ``sitemapindex/sitemap`` and ``urlset/url`` (those with a ``<loc>``, each kind
    counted from 1) as the parser passes them, and None after each piece of the document
    it was handed (a caller's moment to let others work: a sitemap of 400,000 URLs took
    16 CPU seconds to read, one step that held the crawl and outlived its parse bound).
    Each entry is dropped from the tree once read: a sitemap parsed whole held every URL
    in lxml's tree (20 times the sitemap: 900 MB for 46 MB) for the crawl to read a few.
    The entries of each piece are yielded once the parser has passed it without error,
    so a document refused (nested too deep) yields nothing after it. A gzipped one
    inflates to ``max_unzipped`` bytes at most (:func:`unzip`). Raises ValueError
    (HostileXML) as :func:`~crawlers.formats.xml.xml_selector` would."""
    text = xml_text(unzip(body, max_unzipped)).strip().replace("\x00", "") or "<html/>"
    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=[f"{{*}}{name}" for name in ("urlset", "sitemapindex", "url", "sitemap", "loc")],
        recover=True,
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
    )
    seen = {"root": False, CHILD: 0, URL: 0, "misplaced": 0}
    ended = {"root": False}  # the parser met content after the root element's end
    ready: list[tuple[str, int, SitemapUrl]] = []
    last: list[etree._Element] = []  # the entry read last, emptied

    def passed() -> None:
        for event, element in parser.read_events():
            name = _local(element.tag)
            if event == "start":
                seen["root"] = seen["root"] or name in ("urlset", "sitemapindex")
                continue
            parent = element.getparent()
            within = _local(parent.tag) if parent is not None else None
            if name == "loc":
                # an address where the protocol puts none (an <url> wrapped in another
                # element, or under the other root; a <loc> nested deeper in its <url>):
                # not read, and counted, never dropped in silence (an image's is no page)
                if within != "image" and not _in_place(element, within):
                    seen["misplaced"] += bool((element.text or "").strip())
                    if within not in ("url", "sitemap"):
                        element.clear(keep_tail=True)
                continue
            if name == "url" and within == "urlset":
                entry = _url(element)
                if entry is not None:
                    seen[URL] += 1
                    ready.append((URL, seen[URL], entry))
            elif name == "sitemap" and within == "sitemapindex":
                loc = _first(_texts(element, "loc"))
                if loc:
                    seen[CHILD] += 1
                    child = SitemapUrl(loc, parse_moment(_first(_texts(element, "lastmod"))))
                    ready.append((CHILD, seen[CHILD], child))
            elif name not in ("url", "sitemap"):
                continue
            # an entry out of its place is not read (its <loc> counted): emptied as well,
            # or a sitemap wrapping its entries in another element was held whole
            if _holds_entries(element):
                continue
            element.clear(keep_tail=True)
            # the one before it is done with: dropped (this one is, when the next ends)
            if last and parent is not None and element.getprevious() is last[0]:
                parent.remove(last[0])
            last[:] = [element]

    def hand_over() -> list[tuple[str, int, SitemapUrl]]:
        refuse_too_deep(parser.feed_error_log)  # a feed parser's own log
        ended["root"] = ended["root"] or ended_early(parser.feed_error_log)
        handed = ready[:]
        ready.clear()
        return handed

    for start in range(0, len(text), _PIECE):
        try:
            parser.feed(text[start : start + _PIECE].encode("utf-8"))
            passed()
        except etree.XMLSyntaxError as exc:
            raise ValueError(f"unreadable XML: {exc}") from exc
        yield from hand_over()
        yield None
    try:
        parser.close()
        passed()
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"unreadable XML: {exc}") from exc
    yield from hand_over()
    if not seen["root"] and not seen[CHILD] and not seen[URL]:
        raise ValueError("neither a urlset nor a sitemapindex")
    misplaced = seen["misplaced"]
    if ended["root"] and (unread := _locs_after_root(text)):
        also = f"; {misplaced} {MISPLACED} were not read either" if misplaced else ""
        raise HostileXML(
            AFTER_ROOT,
            f"the sitemap goes on after its root element ends (another document joined to "
            f"it?): the parser stops there, and {unread} <loc> after it were not read{also}",
        )
    if misplaced:
        raise HostileXML(MISPLACED_LOC, f"{misplaced} {MISPLACED}: not read")


# the end of :data:`MISPLACED_LOC`'s message (crawlers.causas reads it)
MISPLACED = (
    "<loc> of the sitemap stand where the sitemap protocol puts none (urlset/url/loc, "
    "sitemapindex/sitemap/loc)"
)


_ROOT_OF = {"url": "urlset", "sitemap": "sitemapindex"}


def _in_place(loc: etree._Element, within: str | None) -> bool:
    """Whether a ``<loc>`` is where the crawl reads it: the first written one of an
    ``url`` of a ``urlset`` or a ``sitemap`` of a ``sitemapindex``."""
    entry = loc.getparent()
    if entry is None or within not in ("url", "sitemap"):
        return False
    root = entry.getparent()
    if root is None or _local(root.tag) != _ROOT_OF[within]:
        return False
    if loc.getprevious() is None:  # the entry's first child: its first <loc> (most are)
        return True
    first = next((c for c in _children(entry, "loc") if any(t.strip() for t in _texts_of(c))), None)
    return first is None or first is loc


def _locs_after_root(text: str) -> int:
    """The entries' addresses (``<loc>``) written after the first root's end: the
    parser never read them. None for what a site leaves after a whole sitemap (a PHP
    warning, a comment)."""
    end = _ROOT_END.search(text)
    return len(_LOC.findall(text, end.end())) if end else 0


_PIECE = 1024 * 1024  # characters handed to the parser at a time


def _local(tag: object) -> str:
    """An element's name without its namespace, nor a prefix no namespace declares
    (``<s:url>`` with no ``xmlns:s``: recovery keeps it in the name, and such entries
    were dropped without a word)."""
    return tag.rpartition("}")[2].rpartition(":")[2] if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def _texts(element: etree._Element, name: str) -> list[str]:
    """``./name/text()``: each child ``name``'s own text nodes, in order."""
    return [text for child in _children(element, name) for text in _texts_of(child)]


def _texts_of(element: etree._Element) -> list[str]:
    """``./text()``: the element's own text nodes, in order."""
    texts = [element.text] if element.text is not None else []
    texts.extend(inner.tail for inner in element if inner.tail is not None)
    return texts


def _url(element: etree._Element) -> SitemapUrl | None:
    loc = _first(_texts(element, "loc"))
    if not loc:
        return None
    news = _children(element, "news")
    written = _first(_texts(element, "lastmod"))
    return SitemapUrl(
        loc,
        lastmod=parse_moment(written),
        day_only=written is not None and ":" not in written,
        title=_first([t for n in news for t in _texts(n, "title")]),
        published=parse_moment(_first([t for n in news for t in _texts(n, "publication_date")])),
    )


def _holds_entries(element: etree._Element) -> bool:
    """Whether an entry holds another sitemap's root (malformed nesting): then it stays,
    so the entries inside are still read where they end."""
    return any(_local(inner.tag) in ("urlset", "sitemapindex") for inner in element.iter())


def _first(values: list[str]) -> str | None:
    """The first non-empty text, whitespace collapsed (as ``first_text``)."""
    for value in values:
        cleaned = " ".join(value.split())
        if cleaned:
            return cleaned
    return None
