"""An HTML listing's pages are read whole by the parser and its selectors: one of 50 MB
(the download limit of a file, ``max_file_bytes``) is a tree of gigabytes in memory,
which stopped the whole crawl at its memory limit and lost what it had not yet read.
Its pages are bounded by ``max_page_bytes`` (10 MB), as the preview bounds them: a larger
one is a counted ``too_large`` error of that page alone. A document's page or file keeps
the file's limit (a detail link may be a PDF)."""

from __future__ import annotations

from typing import Any

from scrapy import Request

LISTING_CALLBACKS = frozenset({"parse_start"})  # a row's postback may answer its file
SPIDERS = frozenset({"html_listing"})


class ListingPageSizeMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.limit = crawler.settings.getint("ABIERTO_MAX_PAGE_BYTES")

    @classmethod
    def from_crawler(cls, crawler: Any) -> ListingPageSizeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = getattr(self.crawler, "spider", None)
        # the class's name: an instance is named after its source
        if not self.limit or getattr(type(spider), "name", None) not in SPIDERS:
            return
        if getattr(request.callback, "__name__", "") not in LISTING_CALLBACKS:
            return
        if "draft" in request.cb_kwargs:  # a document asked for from its row
            return
        limit = request.meta.get("download_maxsize") or self.crawler.settings.getint(
            "DOWNLOAD_MAXSIZE"
        )
        if not limit or self.limit < limit:
            request.meta["download_maxsize"] = self.limit
