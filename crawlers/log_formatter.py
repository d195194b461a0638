"""Scrapy's per-page and per-item debug records, built only when someone reads them."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

# the loggers Scrapy sends these records to (its engine's and its scraper's)
_CRAWLED = logging.getLogger("scrapy.core.engine")
_SCRAPED = logging.getLogger("scrapy.core.scraper")


class QuietLogFormatter(LogFormatter):
    """Scrapy builds the "Crawled (200)" record of every response (flags, referer) and
    the "Scraped from" record of every item before the logger drops them at our level
    (warnings): none is built unless its logger would write it."""

    def crawled(self, request: Any, response: Any, spider: Any) -> LogFormatterResult | None:
        if not _CRAWLED.isEnabledFor(logging.DEBUG):
            return None
        return super().crawled(request, response, spider)

    def scraped(self, item: Any, response: Any, spider: Any) -> LogFormatterResult | None:
        if not _SCRAPED.isEnabledFor(logging.DEBUG):
            return None
        return super().scraped(item, response, spider)
