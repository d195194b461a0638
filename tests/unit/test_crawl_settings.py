"""Scrapy's bookkeeping that nobody reads at the crawl's log level is not done."""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.http import HtmlResponse

from config.settings import Settings
from crawlers.log_formatter import QuietLogFormatter
from crawlers.settings import scrapy_settings

STATS = "scrapy.extensions.corestats.CoreStats"


def _page() -> tuple[Request, HtmlResponse]:
    request = Request("http://127.0.0.1/s1.html")
    return request, HtmlResponse(request.url, body=b"<p>x</p>", request=request)


def test_a_quiet_crawl_counts_nothing_for_scrapys_info_records() -> None:
    quiet = scrapy_settings(Settings(), "WARNING")["EXTENSIONS_BASE"]
    told = scrapy_settings(Settings(), "INFO")["EXTENSIONS_BASE"]
    assert STATS not in quiet and "scrapy.extensions.logstats.LogStats" not in quiet
    assert STATS in told and "scrapy.extensions.memusage.MemoryUsage" in quiet


def test_page_records_are_built_only_when_written() -> None:
    engine = logging.getLogger("scrapy.core.engine")
    before = engine.level
    formatter = QuietLogFormatter()
    request, response = _page()
    try:
        engine.setLevel(logging.WARNING)
        assert formatter.crawled(request, response, None) is None
        engine.setLevel(logging.DEBUG)
        record = formatter.crawled(request, response, None)
        assert record is not None and record["args"]["status"] == 200
    finally:
        engine.setLevel(before)
