"""Sitemaps: every URL a rule accepts is a publication's page (or file). Indexes are
followed, ``robots.txt`` may be the start, and a URL whose ``<lastmod>`` is not newer
than our last fetch of it is not fetched again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from config.patterns import search
from config.spec_shapes import SitemapRule, SitemapRules
from crawlers.formats.feeds import local_day
from crawlers.formats.sitemaps import (
    CHILD,
    MISPLACED_LOC,
    SitemapUrl,
    robots_sitemaps,
    sitemap_entries,
    unzip_limit,
)
from crawlers.items import DocumentDraft
from crawlers.links import absolute, not_an_address
from crawlers.spiders.base import SpecSpider

MAX_SITEMAPS = 500
SITEMAP_CHAIN = "sitemap_chain"  # the sitemaps (indexes) that led to a sitemap request
SITEMAP_LOOP = "sitemap_loop"
PAUSE_EVERY = 500  # entries read between two pauses of the callback (crawlers.stall)


class SitemapSpider(SpecSpider):
    name = "sitemap"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.urls_left = self.spec.rules().max_urls
        self.sitemaps_asked = 0
        self.urls_beyond = 0  # URLs past max_urls, not fetched

    def listing_kind(self) -> str:
        return "sitemap"

    def parse_start(self, response: Response, page: int) -> Iterator[Any]:
        self.run.count("pages")
        rules: SitemapRules = self.spec.rules()
        if response.url.endswith("/robots.txt"):

            def named(_: int, written: str) -> Iterator[scrapy.Request]:
                # one malformed line must not cost the sitemaps named after it
                url = absolute(response.url, written)
                if url and self._within_bound(response.url):
                    yield self._sitemap_request(url)

            yield from self.each_item(
                robots_sitemaps(response.text), response.url, named, "sitemap"
            )
            return
        if self.nothing_listed(response):  # robots.txt's 204 is no rules: none named, above
            return
        # requests are made and yielded as the parser passes each entry (its tree keeps
        # none), bounded by the sitemaps' and max_urls' limits; a pause (None) after each
        # piece of the document and every PAUSE_EVERY entries lets the crawl's other work
        # run and keeps each step of this callback short (crawlers.stall)
        # the addresses on its way too: an index naming the address that redirected to it
        chain = [
            *response.meta.get(SITEMAP_CHAIN, ()),
            *response.meta.get("redirect_urls", ()),
            response.url,
        ]

        def child_sitemap(position: int, child: SitemapUrl) -> Iterator[scrapy.Request]:
            url = absolute(response.url, child.loc)
            if said := not_an_address(child.loc):  # a script, a data: URI: counted, not lost
                self.run.error("missing_link", response.url, f"sitemap {position}: <loc> {said}")
            if url and not self._stale_child(child) and self._follows(url, rules, response.url):
                yield self._sitemap_request(url, chain)

        def document(position: int, entry: SitemapUrl) -> Iterator[scrapy.Request]:
            if said := not_an_address(entry.loc):
                self.run.error("missing_link", response.url, f"url {position}: <loc> {said}")
            request = self._document(entry, response.url, rules)
            if request is not None:
                yield request

        beyond_before = self.urls_beyond
        unzipped = unzip_limit(self.settings.getint("ABIERTO_MAX_PAGE_BYTES"))
        try:
            for handled, step in enumerate(sitemap_entries(response.body, unzipped), start=1):
                if step is None or handled % PAUSE_EVERY == 0:
                    yield None
                if step is None:
                    continue
                kind, position, entry = step
                if kind == CHILD:
                    yield from self.one_item(position, entry, response.url, child_sitemap, kind)
                else:
                    yield from self.one_item(position, entry, response.url, document, kind)
        except ValueError as exc:
            cause = getattr(exc, "cause", "not_a_sitemap")
            if cause == MISPLACED_LOC:  # its other entries were read: only those are lost
                self.run.error(cause, response.url, str(exc))
            else:
                self.unreadable(response, cause, str(exc), "sitemap")
        if beyond := self.urls_beyond - beyond_before:
            self.limit_reached(
                response.url,
                f"sitemap.max_urls ({rules.max_urls})",
                f"{beyond} URLs of this sitemap after the first {rules.max_urls} of the crawl "
                "were not fetched",
            )

    def _sitemap_request(self, url: str, chain: list[str] | None = None) -> scrapy.Request:
        self.sitemaps_asked += 1
        return scrapy.Request(
            url,
            callback=self.parse_start,
            errback=self.failed,
            cb_kwargs={"page": 1},
            meta={SITEMAP_CHAIN: chain or []},
        )

    def request_dropped(self, request: scrapy.Request, spider: Any) -> None:
        """A sitemap index naming itself, or one of the indexes that led to it, was
        dropped by Scrapy's duplicate filter in silence: a run of such indexes ended
        ``ok`` having read nothing. It is a ``sitemap_loop`` error naming the chain. A
        sitemap two indexes (or robots.txt lines) name is only read once, as before."""
        chain = request.meta.get(SITEMAP_CHAIN) or []
        if spider is self and request.callback == self.parse_start and request.url in chain:
            loop = " -> ".join([*chain, request.url])[:450]
            self.run.error(SITEMAP_LOOP, chain[-1], f"sitemap loop: {loop}, not read again")
            return
        super().request_dropped(request, spider)  # a redirect looping, said once too

    def _within_bound(self, where: str) -> bool:
        """Whether one more sitemap may be asked for; the first refused is counted."""
        if self.sitemaps_asked < MAX_SITEMAPS:
            return True
        if self.sitemaps_asked == MAX_SITEMAPS:
            self.sitemaps_asked += 1  # said once
            self.limit_reached(
                where, f"{MAX_SITEMAPS} sitemaps", "the sitemaps named after them were not read"
            )
        return False

    def _follows(self, url: str, rules: SitemapRules, where: str) -> bool:
        if rules.follow and not any(search(p, url) for p in rules.follow):
            self.run.count("skipped")  # not followed as the spec asks, and said
            return False
        return self._within_bound(where)

    def _stale_child(self, child: SitemapUrl) -> bool:
        """A child sitemap unchanged since before the window holds nothing for it
        (counted as left out by the window)."""
        stale = bool(child.lastmod and self.window.before(local_day(child.lastmod)))
        if stale:
            self.run.count("out_of_window")
        return stale

    def _document(
        self, entry: SitemapUrl, sitemap_url: str, rules: SitemapRules
    ) -> scrapy.Request | None:
        url = absolute(sitemap_url, entry.loc)
        if not url:
            return None
        rule = _rule_for(url, rules.rules)
        if any(search(p, url) for p in rules.exclude) or (rules.rules and rule is None):
            # left out as the spec asks: counted, so a sitemap whose every URL the spec
            # leaves out is a run that kept nothing by its filters, never an ``ok`` one
            self.run.count("skipped")
            return None
        if self.urls_left <= 0:  # counted, and said with their number by the sitemap
            self.urls_beyond += 1
            return None
        modified = local_day(entry.lastmod) if entry.lastmod else None
        if modified and not self.window.contains(modified):
            self.run.count("out_of_window")
            return None
        if rules.use_lastmod and entry.lastmod and self._fetched_since(url, _changed_by(entry)):
            self.run.count("not_modified")
            return None
        self.urls_left -= 1
        fields: dict[str, str | list[str]] = dict(rule.constants) if rule else {}
        if entry.title:
            fields["title"] = entry.title
        if entry.published:
            fields["date"] = local_day(entry.published).isoformat()
        draft = DocumentDraft(url=url, listing_url=sitemap_url, fields=fields)
        return self.follow(draft) if self.in_window(draft) else None

    def _fetched_since(self, url: str, lastmod: dt.datetime) -> bool:
        """Whether this source fetched ``url`` since ``lastmod``: another's fetch (another
        institution registering the same site) says nothing of what this one holds."""
        known = self.library.db.get_fetch(url)
        if known is None or known.status != 200 or known.source_id != self.spec.id:
            return False
        fetched = known.fetched_at
        if fetched.tzinfo is None:
            fetched = fetched.replace(tzinfo=dt.UTC)
        moment = lastmod if lastmod.tzinfo else lastmod.replace(tzinfo=dt.UTC)
        return fetched >= moment


def _changed_by(entry: SitemapUrl) -> dt.datetime:
    """When the page changed at the latest, by its ``<lastmod>``: a day without a time is
    taken as its end, wherever on Earth it was written (noon UTC of the next day). Read
    as midnight, a page fetched in the morning of the day its lastmod names was never
    fetched again: a change that afternoon was lost for as long as its lastmod stood."""
    assert entry.lastmod is not None
    if not entry.day_only:
        return entry.lastmod
    next_day = entry.lastmod.date() + dt.timedelta(days=1)
    return dt.datetime.combine(next_day, dt.time(12), tzinfo=dt.UTC)


def _rule_for(url: str, rules: list[SitemapRule]) -> SitemapRule | None:
    return next((rule for rule in rules if search(rule.pattern, url)), None)
