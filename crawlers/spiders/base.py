"""What every generic spider does once a shape has found a publication: fetch its page
or file, read the detail page's fields, fetch its files one after another, and hand the
draft to the pipeline; plus the run record, the backfill window and error handling.

Pages are re-decoded by their bytes (legacy charsets), HTML served as a PDF is read as
a page, a PDF served as HTML is kept as a file, and a file link that answers with a
viewer page embedding the PDF is followed to the PDF.

Each item of a page (a listing row, a feed entry, a sitemap URL, an API record) is
handled on its own: one that fails — a link with port 99999, say — is counted under its
cause with an example, and the page's other items are kept. An exception that escapes a
callback all the same is counted too (``spider_error``): a run never says ``errors 0``
having lost something.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any, TypeVar

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from config.legislatures import sitting_number
from config.specs import SourceSpec
from config.start_dates import MAX_START_URLS, STEP_NAMES, expand
from crawlers.building import PageHtml
from crawlers.causas import START_DATE_UNSURE, UNSURE, is_notice
from crawlers.encoding import as_page, content_type, true_encoding
from crawlers.expired import SESSION, SESSION_EXPIRED, expired_said
from crawlers.failures import failure_cause
from crawlers.formats.feeds import Feed, FeedEntry
from crawlers.formats.xml import AFTER_ROOT
from crawlers.html_depth import HTML_TOO_DEEP, too_deep
from crawlers.items import DocumentDraft, Download
from crawlers.links import BadLink, absolute, clean_link, page_base, without_session
from crawlers.middlewares import forget_fetch
from crawlers.no_content import NO_CONTENT, nothing_sent
from crawlers.runs import RunStats
from crawlers.selectors import BadFieldLink, PageTextSpent, read, read_fields, select
from crawlers.shared_files import confirmed_download, download_address, is_shared_file
from crawlers.soft_404 import (
    SERVER_ERROR_PAGE,
    SOFT_404,
    not_found_said,
    server_error_said,
    stood_for,
)
from crawlers.templates import render_all, with_query
from crawlers.viewers import named_file, scripted_file
from crawlers.window import OPEN, Window
from indexer.extract import sniff_type
from indexer.extract.model import ExtractionError
from indexer.readers.normalise import parse_date

T = TypeVar("T")
PAUSE_EVERY = 500  # a feed's entries handled between two pauses of a callback (crawlers.stall)
MAX_VIEWER_HOPS = 1
LIMIT_REACHED = "limit_reached"
REDIRECT_LOOP = "redirect_loop"
_VIEWER = "//iframe/@src | //embed/@src | //object/@data | //frame/@src"
# a page without one of these tags has no viewer: it is not parsed to look for one
_VIEWER_TAG = re.compile(r"<(?:iframe|embed|object|frame)\b", re.IGNORECASE)
_EMBEDDED_FILE = (
    "//iframe/@src | //embed/@src | //object/@data | //frame/@src"
    " | //a[contains(translate(@href, 'PDF', 'pdf'), '.pdf')]/@href"
)


class SpecSpider(scrapy.Spider):
    """Base of the shape spiders; ``parse_start`` is the shape's own first step."""

    name = "spec"

    def __init__(
        self,
        spec: SourceSpec,
        library: Any,
        run: RunStats,
        window: Window = OPEN,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=spec.id, **kwargs)
        self.spec = spec
        self.library = library
        self.run = run
        self.window = window
        if spec.allowed_domains:
            self.allowed_domains = spec.allowed_domains

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SpecSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.callback_failed, signal=signals.spider_error)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.item_failed, signal=signals.item_error)
        return spider

    # -- starting --------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls():
            for request in self.first_requests(url):
                yield request

    def start_urls(self) -> list[str]:
        """The spec's start URLs, those by date once per date of the range
        (``start_dates``: within the backfill window, else the latest), with the window's
        query parameters if any. A date the bound leaves out is counted, naming the
        oldest date read: the institution knows to crawl the rest by windows."""
        spec = self.spec
        expansion = expand(
            spec.start_urls,
            spec.start_dates,
            lambda day: sitting_number(spec.jurisdiction, day),
            since=self.window.since,
            until=self.window.until,
        )
        urls = expansion.urls
        if expansion.left_out and expansion.first is not None and spec.start_dates:
            step = STEP_NAMES[spec.start_dates.step]
            self.limit_reached(
                spec.start_urls[0],
                f"start_dates ({MAX_START_URLS} addresses)",
                f"{expansion.left_out} dates before {expansion.first.isoformat()} "
                f"(one per {step}) not read: crawl them with --until",
            )
        if expansion.unsure:
            days = ", ".join(day.isoformat() for day in expansion.unsure[:10])
            message = f"no address for {len(expansion.unsure)} dates ({days}): {UNSURE}"
            self.run.error(START_DATE_UNSURE, spec.start_urls[0], message)
        # a session copied with the address (``;jsessionid=…``, ``/(S(…))/``) is stale by
        # the time the crawl runs, and makes its first page another address than the
        # links back to it: the site gives a fresh one if it needs one
        urls = [without_session(url) for url in urls]
        dated = {without_session(url) for url in expansion.dated}
        if not (self.window.is_open or spec.window is None):
            params = render_all(spec.window.query, self.window_variables())
            urls = [with_query(url, params) for url in urls]
            self.dated_starts = {with_query(url, params) for url in dated}
        else:
            self.dated_starts = dated
        return urls

    def window_variables(self) -> dict[str, Any]:
        return {"since": self.window.since, "until": self.window.until}

    def first_requests(self, url: str) -> Iterator[scrapy.Request]:
        yield scrapy.Request(
            url, callback=self.parse_start, errback=self.failed, cb_kwargs={"page": 1}
        )

    def parse_start(self, response: Response, page: int) -> Iterator[Any]:
        raise NotImplementedError

    def nothing_listed(self, response: Response) -> bool:
        """A listing, feed or sitemap page that answered there is nothing here (204, 205,
        an empty 2xx): counted ``no_content`` as a detail page is, not as a page of the
        wrong format ("no es un feed", a selector that matched nothing)."""
        said = nothing_sent(response)
        if said:
            self.run.error(NO_CONTENT, response.url, said)
            forget_fetch(self, response.url)
        return said is not None

    # -- errors and the window -------------------------------------------------------

    def failed(self, failure: Failure) -> Iterator[Any]:
        cause, message = failure_cause(failure)
        request = failure.request  # type: ignore[attr-defined]
        if cause == "http_404" and request.url in getattr(self, "dated_starts", ()):
            self.run.count("dated_pages_absent")  # a day the gazette did not publish
            return
        unread = "" if is_notice(cause) else self.unread_listing(request)
        self.run.error(cause, request.url, message, unread=unread)
        if not is_notice(cause):  # robots.txt, offsite: not read as asked, not lost
            self.lost(request)
        draft = request.cb_kwargs.get("draft")
        if draft is not None and request.callback == self.parse_file:
            draft.files_failed += 1
            yield from self.next_file(draft)

    def feed_entries(
        self,
        feed: Feed,
        where: str,
        handle: Callable[[int, FeedEntry], Iterable[T]],
        setting: str,
        limit: int,
    ) -> Iterator[T | None]:
        """What ``handle`` makes of each of a feed's entries read (``feed_steps`` kept the
        first ``limit``), each on its own (``one_item``), with a pause (None) every
        ``PAUSE_EVERY`` entries (crawlers.stall); then what the feed did not give is
        counted: the entries past ``limit`` (the spec's ``setting``) and those of a
        document joined after its root. The feed spider and a video channel's feed read
        their entries through here alike."""
        for position, entry in enumerate(feed.entries, start=1):
            yield from self.one_item(position, entry, where, handle, "entry")
            if position % PAUSE_EVERY == 0:
                yield None
        if (beyond := feed.total - limit) > 0:
            self.limit_reached(
                where,
                f"{setting} ({limit})",
                f"{beyond} entries after the first {limit} were left out",
            )
        if feed.after_root:
            self.feed_joined(where, feed.after_root)

    def feed_joined(self, url: str, unread: int) -> None:
        """A feed that goes on after its root element ends (a second one joined to it):
        the parser stops there, and the ``unread`` entries after it are a counted loss."""
        self.run.error(
            AFTER_ROOT, url,
            "the feed goes on after its root element ends (another document joined to "
            f"it?): the parser stops there, and {unread} entries after it were not read",
            unread="feed",
        )  # fmt: skip
        self.lost(what="feed")

    def lost(self, request: scrapy.Request | None = None, what: str = "") -> None:
        """What a failed request cost the run, counted so its status names it
        (``crawlers.outcome.partial_message``): a ``file`` of a document, a ``document``
        (its page or the answer naming it), or else a ``page`` of the listing, feed,
        sitemap or API, with the items it would have listed."""
        if not what and request is not None:
            callback = getattr(request.callback, "__name__", "")
            if callback == "parse_file":
                what = "file"
            elif "draft" in request.cb_kwargs:
                what = "document"
            else:
                what = self.unread_listing(request) or "page"
        self.run.count(f"lost_{(what or 'page').lower().replace(' ', '_')}s")

    def listing_kind(self) -> str:
        """What this spider's listing requests read when it is not a page of an HTML
        listing: a ``sitemap``, a ``feed`` or an ``API answer`` (``LOST`` in
        ``crawlers.outcome``); "" for an HTML listing's pages."""
        return ""

    def unread_listing(self, request: scrapy.Request) -> str:
        """The kind of listing (``listing_kind``) a failed ``request`` left unread, so the
        run counts it as such (``lost_sitemaps``…) and names it; "" for a document's page,
        a file or an HTML listing's page."""
        callback = getattr(request.callback, "__name__", "")
        if callback == "parse_file" or "draft" in request.cb_kwargs:
            return ""
        return self.listing_kind()

    def limit_reached(self, where: str, limit: str, left_out: str) -> None:
        """The crawl stops at one of its limits while there is more: counted, so the
        institution knows what was not collected and which setting to raise."""
        self.run.error(LIMIT_REACHED, where, f"{limit} reached: {left_out}")

    def callback_failed(self, failure: Failure, response: Response, spider: Any) -> None:
        """An exception no item guard caught: counted, so the run does not look clean."""
        if spider is self:
            error = failure.value
            self.run.error("spider_error", response.url, f"{type(error).__name__}: {error}")

    def item_failed(self, item: Any, response: Any, spider: Any, failure: Failure) -> None:
        """A document the pipeline raised on (Scrapy only logs it): counted with its
        cause, so a run never says ``errors 0`` having lost it."""
        if spider is self:
            error = failure.value
            url = getattr(item, "url", None) or getattr(response, "url", "")
            self.run.error("item_failed", url, f"{type(error).__name__}: {error}")
            self.lost(what="document")

    def request_dropped(self, request: scrapy.Request, spider: Any) -> None:
        """A request the scheduler refused because this crawl already asked for its
        address: no silent loss. A redirect back to an address fetched on its way (a
        loop, a ``<meta refresh>`` to itself, an empty ``Location``) is an error naming
        the chain, for a document and for a start, listing, feed or API page alike (a
        next page looping ended the listing there, a start looping left a run that read
        nothing saying ``ok``); a second link (or redirect) to a document already
        followed is the same document, counted as ``duplicate_links``."""
        if spider is not self:
            return
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain:
            message = "redirect loop: " + " -> ".join([*chain, request.url])
            self.run.error(
                REDIRECT_LOOP, chain[0], message[:500], unread=self.unread_listing(request)
            )
            self.lost(request)
        elif "draft" in request.cb_kwargs:
            self.run.count("duplicate_links")

    def each_item(
        self,
        items: Iterable[T],
        where: str,
        handle: Callable[[int, T], Iterable[Any]],
        label: str = "item",
    ) -> Iterator[Any]:
        """``handle(position, item)`` for each item on its own: a malformed link is a
        ``bad_url`` error, any other failure an ``item_failed`` one, each with the item's
        position; the other items go on."""
        for position, item in enumerate(items, start=1):
            yield from self.one_item(position, item, where, handle, label)

    def one_item(
        self,
        position: int,
        item: T,
        where: str,
        handle: Callable[[int, T], Iterable[Any]],
        label: str = "item",
    ) -> list[Any]:
        """What ``handle(position, item)`` makes, its failure counted as in ``each_item``."""
        try:
            return list(handle(position, item))
        except PageTextSpent:
            raise  # the page's, not this item's: its caller stops reading the page
        except BadLink as exc:
            self.run.error("bad_url", where, f"{label} {position}: {exc}")
        except Exception as exc:  # one item must not cost the rest of its page
            message = f"{label} {position}: {type(exc).__name__}: {exc}"
            self.run.error("item_failed", where, message)
        return []

    def bad_field_link(self, where: str) -> BadFieldLink:
        """Counts a field's malformed link (a video's, a transcript's) as ``bad_url``."""

        def count(name: str, exc: BadLink) -> None:
            self.run.error("bad_url", where, f"{name}: {exc}")

        return count

    def absolute_or_counted(self, base: str, link: str | None, what: str) -> str | None:
        """A link made absolute; a malformed one is counted as ``bad_url`` and is None."""
        try:
            return absolute(base, link)
        except BadLink as exc:
            self.run.error("bad_url", base, f"{what}: {exc}")
            return None

    def in_window(self, draft: DocumentDraft) -> bool:
        """False (and counted) for a draft dated outside the backfill window."""
        if self.window.is_open:
            return True
        raw = draft.fields.get("resolution_date") or draft.fields.get("date")
        day = parse_date(raw if isinstance(raw, str) else None)
        if self.window.contains(day):
            return True
        self.run.count("out_of_window")
        return False

    # -- documents and files ---------------------------------------------------------

    def follow(self, draft: DocumentDraft) -> scrapy.Request:
        """Fetch the draft's own URL: a detail page or the file itself (a storage
        service's share link at the address that answers its file)."""
        return scrapy.Request(
            download_address(draft.url) or draft.url,
            callback=self.parse_document, errback=self.failed, cb_kwargs={"draft": draft},
        )  # fmt: skip

    def parse_document(self, response: Response, draft: DocumentDraft) -> Iterator[Any]:
        if said := nothing_sent(response):  # no document, as when its page is an HTTP error
            self.run.error(NO_CONTENT, response.url, said)
            forget_fetch(self, response.url)
            self.lost(what="document")
            return
        page = as_page(response)
        if page is None:
            draft.files.append(Download(_address(response), response.body, _true_type(response)))
            yield from self.next_file(draft)
            return
        if (deep := too_deep(page)) is not None:  # its fields after that point are not read
            self.run.error(HTML_TOO_DEEP, page.url, deep)
        if draft.viewer_hops < MAX_VIEWER_HOPS and (confirmed := confirmed_download(page)):
            # a shared file's «download anyway» page: the document is the file it gives
            draft.viewer_hops += 1
            yield scrapy.Request(
                confirmed, callback=self.parse_document, errback=self.failed,
                cb_kwargs={"draft": draft}, dont_filter=True,
            )  # fmt: skip
            return
        if self._soft_404(page, stood_for(page.url)):  # the error page would be a document
            self.lost(what="document")
            return
        self.run.count("pages")
        rules = self.spec.detail
        selected: str | None = None
        if rules is not None:
            bad = self.bad_field_link(page.url)
            draft.fields = read_fields(page, rules.fields, page.url, bad) | draft.fields
            if rules.text is not None:
                selected = " ".join(select(page, rules.text).getall())
            draft.pending_files += self.links(page, page, rules.files)
        if selected is not None or not draft.page_text:
            # read where the document is built (off the reactor, maybe in a worker)
            draft.page = PageHtml(page.body, true_encoding(page), selected)
        if not draft.pending_files:
            draft.pending_files = self._viewed_files(page)
        if not draft.pending_files and (shown := self._shown_file(page, "viewer")):
            draft.pending_files = [shown]
        draft.pending_files = list(dict.fromkeys(draft.pending_files))
        yield from self.next_file(draft)

    def parse_file(self, response: Response, draft: DocumentDraft) -> Iterator[Any]:
        said = nothing_sent(response)
        embedded = None if said else self._embedded_file(response, draft)
        page = None if embedded or said else as_page(response)
        if said:  # the document keeps its other parts, as when a file is an HTTP error
            self.run.error(NO_CONTENT, response.url, said)
            forget_fetch(self, response.url)
            draft.files_failed += 1
            self.lost(what="file")
        elif embedded:
            draft.viewer_hops += 1
            draft.pending_files.insert(0, embedded)
        elif page is not None and self._soft_404(page, "file"):
            draft.files_failed += 1
            self.lost(what="file")
        else:
            draft.files.append(Download(_address(response), response.body, _true_type(response)))
        yield from self.next_file(draft)

    def _soft_404(self, page: TextResponse, what: str) -> bool:
        """Whether a document's page or file answered 200 with the site's "not found"
        page (``crawlers.soft_404``): counted as ``http_404`` with what it said, never
        kept as the document or its file. Any address: a detail page's too."""
        if (expired := expired_said(page)) is not None:
            self.run.error(SESSION, page.url, f"{SESSION_EXPIRED.format(what=what)}: «{expired}»")
            forget_fetch(self, page.url)
            return True
        if (failed := server_error_said(page)) is not None:
            self.run.error(
                "http_5xx", page.url, f"{SERVER_ERROR_PAGE.format(what=what)}: «{failed}»"
            )
            forget_fetch(self, page.url)
            return True
        said = not_found_said(page, file=what == "file")
        if said is None:
            return False
        self.run.error("http_404", page.url, f"{SOFT_404.format(what=what)}: «{said}»")
        forget_fetch(self, page.url)
        return True

    def listing_absent(self, page: TextResponse, what: str = "listing") -> bool:
        """Whether a listing page (a feed, a sitemap: ``what``) that listed nothing says
        there is nothing at its address (a soft 404, «no hay gaceta para esta fecha»):
        counted by ``absent``. Not a selector that matched nothing, nor a page of the
        wrong format: the spec is not at fault."""
        unread = "" if what == "listing" else what  # a sitemap, feed or API answer
        if (expired := expired_said(page)) is not None:
            message = f"{SESSION_EXPIRED.format(what=what)}: «{expired}»"
            self.run.error(SESSION, page.url, message, unread=unread)
            forget_fetch(self, page.url)
            self.lost(what=unread or "page")
            return True
        if (failed := server_error_said(page)) is not None:
            message = f"{SERVER_ERROR_PAGE.format(what=what)}: «{failed}»"
            self.run.error("http_5xx", page.url, message, unread=unread)
            forget_fetch(self, page.url)
            self.lost(what=unread or "page")
            return True
        said = not_found_said(page)
        if said is None:
            return False
        self.absent(page.url, said, (page.meta.get("redirect_urls") or [page.url])[0], what)
        forget_fetch(self, page.url)
        return True

    def unreadable(self, response: Response, cause: str, message: str, what: str) -> None:
        """A feed, sitemap or API answer (``what``) that is not its format: the site's
        "not found" page sent with a 200 is counted as such (``listing_absent``), not
        as a source of the wrong format; anything else under ``cause``, and counted as a
        listing not read (``lost_sitemaps``…): the items it would have given are not
        known, so the run's message names it (its address and cause), not a number."""
        page = as_page(response)
        if page is None or not self.listing_absent(page, what):
            self.run.error(cause, response.url, message, unread=what)
            self.lost(what=what)

    def absent(self, url: str, said: str, asked: str, what: str = "listing") -> None:
        """A page at ``url``, asked for as ``asked``, that said nothing is there: a dated
        start's day the gazette did not publish, counted as its 404 is; else an
        ``http_404`` with what the page said."""
        if asked in getattr(self, "dated_starts", ()):
            self.run.count("dated_pages_absent")
        else:
            unread = "" if what == "listing" else what  # a sitemap, feed or API answer
            message = f"{SOFT_404.format(what=what)}: «{said}»"
            self.run.error("http_404", url, message, unread=unread)
            self.lost(what=unread or "page")

    def _embedded_file(self, response: Response, draft: DocumentDraft) -> str | None:
        """A file link that answered with an HTML viewer: the file it shows."""
        if draft.viewer_hops >= MAX_VIEWER_HOPS:
            return None
        try:
            kind = sniff_type(response.body, content_type(response), response.url)
        except ExtractionError:
            return None
        page = as_page(response) if kind == "html" else None
        if page is None:
            return None
        if (deep := too_deep(page)) is not None:  # a viewer's frame after that point is unread
            self.run.error(HTML_TOO_DEEP, page.url, deep)
        if confirmed := confirmed_download(page):  # a shared file's «download anyway»
            return confirmed
        for src in page.xpath(_EMBEDDED_FILE).getall():
            link = clean_link(src)
            url = self.absolute_or_counted(page.url, link, "embedded file") if link else None
            if url and (".pdf" in url.lower() or is_shared_file(url)):
                return url
        return self._shown_file(page, "embedded file")

    def _shown_file(self, page: TextResponse, what: str) -> str | None:
        """The PDF a viewer page that embeds no tag shows: the one its own address names
        (PDF.js's ``viewer.html?file=…``), else the one its script opens."""
        if named := named_file(page.url):
            return self.absolute_or_counted(page.url, named, what)
        if scripted := scripted_file(page):
            return self.absolute_or_counted(page_base(page), scripted, what)
        return None

    def _viewed_files(self, page: TextResponse) -> list[str]:
        """PDFs a page shows in a viewer (iframe, embed, object): the page is a wrapper
        around the publication, so the PDF is its file."""
        found: list[str] = []
        if not _VIEWER_TAG.search(page.text):
            return found
        for src in page.xpath(_VIEWER).getall():
            link = clean_link(src)
            # a PDF, or a storage service's preview of one (a Drive file's /preview)
            if link and (".pdf" in link.lower() or _shared(page_base(page), link)):
                url = self.absolute_or_counted(page_base(page), link, "viewer")
                found += [url] if url else []
        return found

    def next_file(self, draft: DocumentDraft) -> Iterator[Any]:
        """Fetch a document's files one after another, then hand it to the pipeline.

        A file is fetched for each document that has it, even when another document of
        this crawl shared it already (an annex, a common resolution): left to the
        duplicate filter, the second document would never reach the pipeline."""
        if draft.pending_files:
            url = draft.pending_files.pop(0)
            yield scrapy.Request(
                download_address(url) or url,
                callback=self.parse_file,
                errback=self.failed,
                cb_kwargs={"draft": draft},
                dont_filter=True,
            )
        else:
            yield draft

    def links(self, page: TextResponse, node: Any, selector: Any) -> list[str]:
        """File links a selector finds; a malformed one is counted and left out, the
        document keeps its other files."""
        if selector is None:
            return []
        found = read(node, selector, "stenographic_urls")
        values = found if isinstance(found, list) else [found] if found else []
        base = page_base(page)
        return [u for v in values if (u := self.absolute_or_counted(base, v, "file link"))]


def _shared(base: str, link: str) -> bool:
    """Whether ``link`` (against ``base``) is a storage service's share or preview of a
    file; a link that cannot be made absolute is none (it is counted where it is read)."""
    try:
        url = absolute(base, link)
    except BadLink:
        return False
    return url is not None and is_shared_file(url)


def _address(response: Response) -> str:
    """Where a file was read, as it is kept: without the session or tracking parameters
    a redirect put in it (``;jsessionid=…``), as a link is; a new one each crawl would
    make the same file another address."""
    return without_session(response.url)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _true_type(response: Response) -> str | None:
    """The file's type as its bytes say: a PDF served as text/html is kept (and later
    served) as application/pdf."""
    declared = content_type(response)
    try:
        kind = sniff_type(response.body, declared, response.url)
    except ExtractionError:
        return declared
    if kind == "pdf":
        return "application/pdf"
    if kind == "docx":
        return DOCX_TYPE
    if kind == "html" and not (declared or "").lower().startswith(
        ("text/html", "application/xhtml")
    ):
        return f"text/html; charset={true_encoding(response)}"
    return declared
