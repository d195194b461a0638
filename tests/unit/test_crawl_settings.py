"""Scrapy's bookkeeping that nobody reads at the crawl's log level is not done."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.settings import Settings as ScrapySettings
from scrapy.utils.misc import warn_on_generator_with_return_value
from scrapy.utils.test import get_crawler

from config.settings import Settings
from crawlers.log_formatter import QuietLogFormatter
from crawlers.settings import OWN_MEMORY_USAGE, scrapy_settings

STATS = "scrapy.extensions.corestats.CoreStats"


def _page() -> tuple[Request, HtmlResponse]:
    request = Request("http://127.0.0.1/s1.html")
    return request, HtmlResponse(request.url, body=b"<p>x</p>", request=request)


def test_a_quiet_crawl_counts_nothing_for_scrapys_info_records() -> None:
    quiet = scrapy_settings(Settings(), "WARNING")["EXTENSIONS_BASE"]
    told = scrapy_settings(Settings(), "INFO")["EXTENSIONS_BASE"]
    assert STATS not in quiet and "scrapy.extensions.logstats.LogStats" not in quiet
    assert STATS in told and OWN_MEMORY_USAGE in quiet
    assert "scrapy.extensions.memusage.MemoryUsage" not in quiet


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


def test_a_quiet_crawl_keeps_no_counters_that_only_scrapys_info_dump_reads() -> None:
    quiet = get_crawler(settings_dict=scrapy_settings(Settings(), "WARNING"))
    told = get_crawler(settings_dict=scrapy_settings(Settings(), "INFO"))
    for crawler in (quiet, told):
        crawler.stats.inc_value("scheduler/enqueued")
    assert quiet.stats.get_stats() == {}
    assert told.stats.get_value("scheduler/enqueued") == 1


class _Returning(Spider):
    name = "returning"

    def parse(self, response: Any) -> Iterator[int]:
        yield 1
        return 2  # what Scrapy's check looks for


def test_callbacks_source_is_not_read_again_during_a_crawl() -> None:
    """Scrapy's check of a generator callback's ``return`` reads and parses its source
    whenever no live request holds the callback; a crawl does not run it."""
    spider = _Returning()
    spider.settings = ScrapySettings(scrapy_settings(Settings(), "WARNING"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warn_on_generator_with_return_value(spider, spider.parse)
    assert caught == []


def test_no_request_passes_through_http_auth() -> None:
    """No spider of ours sets http_user: the middleware is not loaded at all."""
    base = scrapy_settings(Settings())["DOWNLOADER_MIDDLEWARES_BASE"]
    assert "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware" not in base
    assert "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware" in base


def test_offsite_checks_only_a_crawl_that_has_domains_to_keep_to() -> None:
    offsite = "crawlers.offsite.CountedOffsiteMiddleware"
    assert offsite in scrapy_settings(Settings(), "WARNING", True)["DOWNLOADER_MIDDLEWARES"]
    free = scrapy_settings(Settings(), "WARNING", False)
    assert offsite not in free["DOWNLOADER_MIDDLEWARES"]
    scrapys = "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware"
    assert scrapys not in free["DOWNLOADER_MIDDLEWARES_BASE"]  # never both
