"""RSS 2.0 and Atom feeds: each entry is a publication (a gaceta, a communiqué, a newly
published sentence). The entry's link is fetched as a detail page or file, or, with
``feed.follow: false``, the entry's own text is the document."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from config.patterns import search
from config.spec_shapes import FeedRules
from crawlers.building import PageHtml
from crawlers.formats.feeds import FeedEntry, feed_steps
from crawlers.items import DocumentDraft
from crawlers.links import not_an_address, without_session
from crawlers.selectors import read_fields
from crawlers.spiders.base import SpecSpider

MAX_FEED_PAGES = 20


def kept(title: str, keep: str | None, skip: str | None) -> bool:
    """Whether a title passes the spec's ``keep``/``skip`` regexes."""
    if keep and not search(keep, title):
        return False
    return not (skip and search(skip, title))


class FeedSpider(SpecSpider):
    name = "feed"

    def listing_kind(self) -> str:
        return "feed"

    def parse_start(self, response: Response, page: int) -> Iterator[Any]:
        self.run.count("pages")
        if self.nothing_listed(response):
            return
        rules: FeedRules = self.spec.rules()
        try:
            # a pause (None) after each piece of the document and every PAUSE_EVERY
            # entries (feed_entries): the crawl's other work goes on, each step short
            feed = yield from feed_steps(response.body, limit=rules.max_entries)
        except ValueError as exc:
            self.unreadable(response, getattr(exc, "cause", "not_a_feed"), str(exc), "feed")
            return

        read = self._entries_read()
        new = 0

        def one(_: int, entry: FeedEntry) -> Iterator[Any]:
            nonlocal new
            # two entries linking to no address («#», «javascript:void(0)») are not one
            unlinked = not entry.link or not_an_address(entry.link)
            key = f"#{_known_by(entry)}" if unlinked else entry.link
            if key in read:  # an entry an earlier page gave: the same document again
                self.run.count("duplicate_links")
                return
            read.add(key)
            new += 1
            if not kept(entry.title, rules.keep, rules.skip):
                self.run.count("skipped")
                return
            draft = self.draft(entry, response.url, rules)
            if not self.in_window(draft):
                return
            if rules.follow and entry.link:
                if draft.url != _unlinked(response.url, entry):
                    yield self.follow(draft)
                    return
                # a link that is no address (javascript:, data:, #): the entry's own text
                # is its document, as a link-less one's. A malformed address (counted as
                # bad_url) names a document the entry's summary is not: nothing kept
                said = not_an_address(entry.link)
                if not said:
                    return
                self.run.error("missing_link", response.url, f"entry link {said}")
            if entry.is_html:  # read where the document is built, as a page is
                draft.page = PageHtml(entry.content)
            else:
                draft.page_text = entry.summary
            yield from self.next_file(draft)

        yield from self.feed_entries(feed, response.url, one, "feed.max_entries", rules.max_entries)
        if feed.entries and not new:
            return  # a next page repeating entries already read: the feed does not move on
        next_url = self.absolute_or_counted(response.url, feed.next_page, "next page")
        if next_url and page >= MAX_FEED_PAGES:
            self.limit_reached(
                response.url,
                f"{MAX_FEED_PAGES} feed pages",
                f"the next page ({next_url[:200]}) and those after it were not fetched",
            )
        elif next_url:
            yield scrapy.Request(
                next_url,
                callback=self.parse_start,
                errback=self.failed,
                cb_kwargs={"page": page + 1},
            )

    def _entries_read(self) -> set[str]:
        """The entries this crawl has read (their links, or ids without one): a feed whose
        next page repeats them (a ``?page=`` it ignores) made each a document again,
        twenty pages over, and ended in a ``limit_reached`` that said there was more."""
        if not hasattr(self, "_read"):
            self._read: set[str] = set()
        return self._read

    def draft(self, entry: FeedEntry, feed_url: str, rules: FeedRules) -> DocumentDraft:
        # an entry's own content is still a document when its link cannot be followed
        link = self.absolute_or_counted(feed_url, entry.link, "entry link")
        fields: dict[str, str | list[str]] = {"title": entry.title} if entry.title else {}
        if entry.day:
            fields["date"] = entry.day.isoformat()
        if entry.authors and self.spec.kind == "legislativo":
            fields["authors"] = entry.authors
        if entry.node is not None:
            fields |= read_fields(entry.node, rules.fields, feed_url, self.bad_field_link(feed_url))
        # an entry without a link is known by the feed's address: without the session a
        # redirect or the start URL gave it, or each crawl would make it a new document
        url = link or _unlinked(feed_url, entry)
        draft = DocumentDraft(url=url, listing_url=feed_url, fields=fields)
        if rules.enclosures:
            draft.pending_files = [
                u
                for e in entry.enclosures
                if (u := self.absolute_or_counted(feed_url, e, "enclosure"))
            ]
        return draft


def _unlinked(feed_url: str, entry: FeedEntry) -> str:
    """The address of an entry without a link it can be fetched at: the feed's, and what
    the entry is known by."""
    return f"{without_session(feed_url)}#{_known_by(entry)}"


def _known_by(entry: FeedEntry) -> str:
    """What a link-less entry is known by: its id, else its title, else (an RSS item
    may have only a description) a digest of its text and enclosures: every such item
    was ``#``, one document, and the others counted as duplicates of it and lost."""
    if entry.id or entry.title:
        return entry.id or entry.title
    text = "\n".join([entry.content, *entry.enclosures])  # an item may be its enclosure
    return "texto-" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:16]
