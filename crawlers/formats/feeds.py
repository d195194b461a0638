"""RSS 2.0 and Atom feeds (also YouTube channel and playlist feeds) as entries.

Dates are turned into the publisher's local calendar day: feeds give UTC instants
(``2025-02-19T02:30:00+00:00``) for things that happened on the evening of the 18th in
Mexico City.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import overload
from zoneinfo import ZoneInfo

from lxml import etree
from parsel import Selector

from crawlers.formats.xml import AFTER_ROOT, bounded_root_steps, finished
from indexer.extract import html_main_text
from indexer.readers.normalise import PLAUSIBLE_YEARS, parse_date

MEXICO_CITY = ZoneInfo("America/Mexico_City")
_WRITTEN_YEAR = re.compile(r"[A-Za-z]\s+(\d{3,})\b")  # "Jan 0001": the year after the month
# an ISO 8601 instant (a date, "T", a time): one Python cannot read is malformed (an offset
# of +25:00, hour 25), and its bare date read from it could be another day
_ISO_INSTANT = re.compile(r"\d{4}-?\d{2}-?\d{2}T\d", re.ASCII)
OPENING_CHARS = 20_000  # of an entry's content, where its description dates what it shows
_TAG = re.compile(r"<[^<>]*>")  # never past the next "<": linear on any text
# an HTML element's tag left in a title's text (in CDATA, or escaped once: ``&lt;b&gt;``):
# named, so "Ley de Ingresos < 2024" and "consumos <5 m3 y >10 m3" stay as written
_HTML_TAG = re.compile(
    r"<(/?)(a|abbr|b|big|br|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|mark|ol|p|q|s"
    r"|small|span|strike|strong|sub|sup|time|tt|u|ul)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_BREAKING = frozenset({"br", "div", "hr", "li", "ol", "p", "ul"} | {f"h{n}" for n in range(1, 7)})


@dataclass
class FeedEntry:
    """One item of a feed, as published."""

    title: str
    link: str | None
    id: str | None
    published: dt.datetime | None
    updated: dt.datetime | None
    content: str  # the entry's text as published: plain, or HTML when it holds a tag
    enclosures: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    element: etree._Element | None = None

    @cached_property
    def node(self) -> Selector | None:
        """The entry as a selector, for the spec's own fields: built only when read."""
        return None if self.element is None else Selector(root=self.element, type="xml")

    @property
    def day(self) -> dt.date | None:
        moment = self.published or self.updated
        return local_day(moment) if moment else None

    @property
    def is_html(self) -> bool:
        return "<" in self.content

    @cached_property
    def summary(self) -> str:
        """The entry's plain text. HTML is read here, on the caller's thread, at a cost
        its size and shape set: the feed and video channel spiders hand it to the build (a
        worker, under ``build_timeout_s``) instead."""
        if self.is_html:
            return html_main_text(self.content)
        return html.unescape(self.content)

    @property
    def opening(self) -> str:
        """The entry's first ``OPENING_CHARS`` characters as plain text, read cheaply
        (tags dropped by a linear pattern, not parsed) where the caller cannot wait for
        ``summary``: a date written at the top of a video's description."""
        head = self.content[:OPENING_CHARS]
        if self.is_html:
            head = _TAG.sub(" ", head)
        return " ".join(html.unescape(head).split())


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day in Mexico City of an instant (naive instants are taken as local)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(MEXICO_CITY).date()


def parse_moment(text: str | None) -> dt.datetime | None:
    """RFC 822 (RSS), ISO 8601 (Atom) or a Spanish date (``18 feb 2025``); an instant
    outside the plausible years is none (a wrong date is worse than none, and year 9999
    west of UTC cannot even be turned into a local day)."""
    if not text:
        return None
    value = text.strip()
    try:
        return _plausible(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        if _ISO_INSTANT.match(value):
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None:
        written = _WRITTEN_YEAR.search(value)  # RFC 822 reads a year "0001" as 2001
        if written and int(written[1]) != parsed.year:
            return None
        return _plausible(parsed)
    day = parse_date(value)
    return dt.datetime.combine(day, dt.time()) if day else None


def _plausible(moment: dt.datetime) -> dt.datetime | None:
    low, high = PLAUSIBLE_YEARS
    return moment if low <= moment.year <= high else None


def _paths(*paths: str) -> tuple[etree.XPath, ...]:
    return tuple(etree.XPath(path) for path in paths)


# compiled once and run on lxml's own elements: through parsel's selectors, a feed of
# 300,000 items cost 110 s of the crawl's one thread
_NEXT = _paths("/*/link[@rel='next']/@href", "//channel/link[@rel='next']/@href")
_ITEMS = etree.XPath("//item")
_ENTRIES = etree.XPath("//entry")
_ATOM_ROOT = etree.XPath("/feed")
# A path to an element stands for its own text nodes (``./link`` for ``./link/text()``),
# read by ``_texts``: lxml builds each text node an XPath returns by walking back over
# the comments and processing instructions before it, so 20,000 pieces of text between
# comments (180 KB: ``a<!--c-->`` repeated) took 9 s to read, a megabyte of them hours on
# the crawl's one thread
_CHANNEL_TITLE = _paths("//channel/title")
_FEED_TITLE = _paths("/feed/title")
_CONTENT = _paths("./encoded", "./content", "./summary", "./description",
                  "./group/description")  # fmt: skip
_RSS_LINK = _paths("./link", "./guid[not(@isPermaLink='false')]")
_ATOM_LINK = _paths("./link[@rel='alternate']/@href", "./link[not(@rel)]/@href", "./link/@href")
_RSS_ENCLOSURES = etree.XPath("./enclosure/@url")
_ATOM_ENCLOSURES = etree.XPath("./link[@rel='enclosure']/@href")
_PUBLISHED = _paths("./pubDate", "./published", "./date", "./issued")
_UPDATED = _paths("./updated", "./modified")
_TITLE = _paths("./title")
_ID = _paths("./guid", "./id")
_CATEGORIES = etree.XPath("./category")
_AUTHORS = etree.XPath("./author/name | ./creator")
_STRING = etree.XPath("string()")  # all of an element's text (linear, unlike itertext)


def _texts(element: etree._Element) -> Iterator[str]:
    """``./text()`` of ``element``, in order: its text, then each child's tail (a
    comment's too), read through the children as ``crawlers.formats.sitemaps`` does."""
    if element.text is not None:
        yield element.text
    for child in element:
        if child.tail is not None:
            yield child.tail


def _values(found: list[object]) -> Iterator[str]:
    """What an XPath found, as texts: an attribute's value, or an element's text nodes."""
    for value in found:
        if isinstance(value, etree._Element):
            yield from _texts(value)
        else:
            yield str(value)


def _categories(node: etree._Element) -> Iterator[str]:
    """``./category/text() | ./category/@term``, in document order (the attribute first)."""
    for category in _CATEGORIES(node):
        term = category.get("term")
        if term is not None:
            yield term
        yield from _texts(category)


def _first(node: etree._Element, paths: tuple[etree.XPath, ...]) -> str | None:
    """The first non-empty text among XPath alternatives, whitespace collapsed (as
    ``first_text``)."""
    for path in paths:
        for value in _values(path(node)):
            cleaned = " ".join(value.split())
            if cleaned:
                return cleaned
    return None


def _whole(node: etree._Element, paths: tuple[etree.XPath, ...], markup: bool) -> str | None:
    """The first non-empty element among XPath alternatives, whitespace collapsed: all of
    its text, or (``markup``) its inner markup when tags stand in it. A feed written by an
    HTML template puts them there unescaped (``<title>Aviso <b>urgente</b></title>``, a
    description of ``<p>``s); only the text before the first tag was read."""
    for path in paths:
        for element in path(node):
            if markup and len(element):
                inner = (element.text or "") + "".join(
                    etree.tostring(child, encoding="unicode", with_tail=True) for child in element
                )
            else:
                inner = str(_STRING(element))
            cleaned = " ".join(inner.split())
            if cleaned:
                return cleaned
    return None


def plain_title(text: str | None) -> str:
    """A title as plain text: the HTML tags a template put in it dropped (a line break or
    paragraph read as a space), then its character references read. An RSS title is
    text or HTML by who wrote it; a tag kept showed as ``Aviso <b>urgente</b>``."""
    if text and "<" in text:
        text = _HTML_TAG.sub(lambda tag: " " if tag[2].lower() in _BREAKING else "", text)
    return " ".join(html.unescape(text or "").split())


def _entry(node: etree._Element, rss: bool) -> FeedEntry:
    if rss:
        link = _first(node, _RSS_LINK)
        enclosures = _RSS_ENCLOSURES(node)
    else:
        link = _first(node, _ATOM_LINK)
        enclosures = _ATOM_ENCLOSURES(node)
    return FeedEntry(
        title=plain_title(_whole(node, _TITLE, markup=False)),
        link=link,
        id=_first(node, _ID),
        published=parse_moment(_first(node, _PUBLISHED)),
        updated=parse_moment(_first(node, _UPDATED)),
        # not read yet (see ``FeedEntry.summary``)
        content=_whole(node, _CONTENT, markup=True) or "",
        enclosures=[str(e).strip() for e in enclosures if e.strip()],
        categories=[" ".join(c.split()) for c in _categories(node) if c.strip()],
        authors=[" ".join(a.split()) for a in _values(_AUTHORS(node)) if a.strip()],
        element=node,
    )


class Entries(Sequence[FeedEntry]):
    """A feed's entries, each read from its element when asked for (not kept): a feed
    of 100,000 entries was read whole (15 CPU s) before its first was handled."""

    def __init__(self, nodes: list[etree._Element], rss: bool) -> None:
        self._nodes = nodes
        self._rss = rss

    def __len__(self) -> int:
        return len(self._nodes)

    @overload
    def __getitem__(self, index: int) -> FeedEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[FeedEntry]: ...
    def __getitem__(self, index: int | slice) -> FeedEntry | list[FeedEntry]:
        if isinstance(index, slice):
            return [_entry(node, self._rss) for node in self._nodes[index]]
        return _entry(self._nodes[index], self._rss)


@dataclass
class Feed:
    title: str | None
    entries: Sequence[FeedEntry]
    next_page: str | None = None  # RFC 5005 paging (link rel="next")
    total: int = 0  # entries in the document, read or not (see ``parse_feed``'s ``limit``)
    after_root: int = 0  # entries written after the root's end (a joined feed), never read


def parse_feed(body: bytes, limit: int | None = None) -> Feed:
    """The feed's title, its first ``limit`` entries (all without one) and next page;
    the entries past the limit are counted, never read (nor kept: see ``bounded_root``).
    Raises ValueError when it is not a feed."""
    feed = finished(feed_steps(body, limit))
    feed.entries = list(feed.entries)
    return feed


def feed_steps(body: bytes, limit: int | None = None) -> Generator[None, None, Feed]:
    """:func:`parse_feed` in steps: None after each piece of the document the parser
    passed (see ``bounded_root_steps``), then the feed, whose entries are each read when
    asked for."""
    root, counts = yield from bounded_root_steps(body, ("item", "entry"), limit)
    next_page = _first(root, _NEXT)
    after = counts.get(AFTER_ROOT, 0)
    items = _ITEMS(root)
    if items:
        title = _first(root, _CHANNEL_TITLE)
        return Feed(title, Entries(items[:limit], True), next_page, counts["item"], after)
    entries = _ENTRIES(root)
    if entries or _ATOM_ROOT(root):
        title = _first(root, _FEED_TITLE)
        return Feed(title, Entries(entries[:limit], False), next_page, counts["entry"], after)
    raise ValueError("neither RSS items nor Atom entries")
