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
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

from parsel import Selector

from crawlers.formats.xml import first_text, xml_selector
from indexer.extract import html_main_text
from indexer.readers.normalise import PLAUSIBLE_YEARS, parse_date

MEXICO_CITY = ZoneInfo("America/Mexico_City")
_WRITTEN_YEAR = re.compile(r"[A-Za-z]\s+(\d{3,})\b")  # "Jan 0001": the year after the month
OPENING_CHARS = 20_000  # of an entry's content, where its description dates what it shows
_TAG = re.compile(r"<[^<>]*>")  # never past the next "<": linear on any text


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
    node: Selector | None = None

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
        pass
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


def _content(node: Selector) -> str:
    """The entry's text as published, not read yet (see ``FeedEntry.summary``)."""
    return first_text(node, "./encoded/text()", "./content/text()", "./summary/text()",
                      "./description/text()", "./group/description/text()") or ""  # fmt: skip


def _entry(node: Selector, rss: bool) -> FeedEntry:
    if rss:
        link = first_text(node, "./link/text()", "./guid[not(@isPermaLink='false')]/text()")
        enclosures = node.xpath("./enclosure/@url").getall()
    else:
        link = first_text(
            node, "./link[@rel='alternate']/@href", "./link[not(@rel)]/@href", "./link/@href"
        )
        enclosures = node.xpath("./link[@rel='enclosure']/@href").getall()
    published = first_text(node, "./pubDate/text()", "./published/text()", "./date/text()",
                           "./issued/text()")  # fmt: skip
    updated = first_text(node, "./updated/text()", "./modified/text()")
    return FeedEntry(
        title=html.unescape(first_text(node, "./title/text()") or ""),
        link=link,
        id=first_text(node, "./guid/text()", "./id/text()"),
        published=parse_moment(published),
        updated=parse_moment(updated),
        content=_content(node),
        enclosures=[e.strip() for e in enclosures if e.strip()],
        categories=[
            " ".join(c.split())
            for c in node.xpath("./category/text() | ./category/@term").getall()
            if c.strip()
        ],
        authors=[
            " ".join(a.split())
            for a in node.xpath("./author/name/text() | ./creator/text()").getall()
            if a.strip()
        ],
        node=node,
    )


@dataclass
class Feed:
    title: str | None
    entries: list[FeedEntry]
    next_page: str | None = None  # RFC 5005 paging (link rel="next")


def parse_feed(body: bytes) -> Feed:
    """The feed's title, entries and next page. Raises ValueError when it is not a feed."""
    root = xml_selector(body)
    next_page = first_text(root, "/*/link[@rel='next']/@href", "//channel/link[@rel='next']/@href")
    items = root.xpath("//item")
    if items:
        title = first_text(root, "//channel/title/text()")
        return Feed(title, [_entry(i, True) for i in items], next_page)
    entries = root.xpath("//entry")
    if entries or root.xpath("/feed"):
        title = first_text(root, "/feed/title/text()")
        return Feed(title, [_entry(e, False) for e in entries], next_page)
    raise ValueError("neither RSS items nor Atom entries")
