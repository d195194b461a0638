"""Scrapy settings derived from the project's settings: polite by default."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.settings import default_settings

from config.settings import Settings
from config.web_urls import MAX_URL_CHARS
from crawlers.building import auto_workers
from crawlers.memory_usage import SCRAPY_MEMORY_USAGE
from crawlers.robots import ROBOTS_USER_AGENT

OWN_MEMORY_USAGE = "crawlers.memory_usage.OwnMemoryUsage"
UNUSED_EXTENSIONS = (
    "scrapy.extensions.telnet.TelnetConsole",
    "scrapy.extensions.remote_control.RemoteControl",
    "scrapy.extensions.memdebug.MemoryDebugger",
    "scrapy.extensions.feedexport.FeedExporter",
    "scrapy.extensions.spiderstate.SpiderState",
)
# what they count (responses, items, log records) is only ever read in Scrapy's own
# INFO records, which a crawl at our default level (warnings) never writes; each is one
# more receiver of a signal sent for every response and item
UNREAD_STATS_EXTENSIONS = (
    "scrapy.extensions.corestats.CoreStats",
    "scrapy.extensions.logstats.LogStats",
    "scrapy.extensions.logcount.LogCount",
)
UNUSED_DOWNLOADER_MIDDLEWARES = (
    # COOKIES_ENABLED is off: crawlers.session_cookies keeps a run's cookies (one
    # origin's to that origin only) without importing tldextract
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware",
    # reads a spider's http_user and http_pass, which ours never set (a spec's own
    # headers go through OriginHeadersMiddleware): one more call on every request
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware",
    # replaced by crawlers.robots.CountedRobotsMiddleware, at the same place
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware",
    # replaced by crawlers.offsite.CountedOffsiteMiddleware when a spider has domains
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware",
    # replaced by crawlers.refresh.GuardedRefreshMiddleware, at the same place
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware",
)
# keeps a spider's requests within its allowed_domains, each one it drops counted; a
# spider without them is never filtered, yet each request was checked twice (when
# scheduled, when downloaded): it is left out then
OFFSITE_MIDDLEWARE = "crawlers.offsite.CountedOffsiteMiddleware"
# each is one more async generator around every request and item a callback yields:
# the depth counts no limit (DEPTH_LIMIT is 0) and only feeds a statistic nobody reads;
# the meta-copy check warns a spider's developer, ours copy no meta
UNUSED_SPIDER_MIDDLEWARES = (
    "scrapy.spidermiddlewares.depth.DepthMiddleware",
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware",
    # replaced by OwnOriginRefererMiddleware (same place, 700)
    "scrapy.spidermiddlewares.referer.RefererMiddleware",
    # replaced by CountedUrlLengthMiddleware (same place, 800)
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware",
)
# Scrapy starts this many tasks for every response, whatever it yields (a detail page
# yields one item); the pipeline's work runs on the reactor's 10 threads anyway
CONCURRENT_ITEMS = 8


def _without(base: dict[str, int], unused: tuple[str, ...]) -> dict[str, int]:
    return {name: order for name, order in base.items() if name not in unused}


def _quiet(log_level: str) -> bool:
    """Whether ``log_level`` is above INFO, where Scrapy's own records are written."""
    level = logging.getLevelName(log_level.upper())
    return isinstance(level, int) and level > logging.INFO


def _own_memory_usage(extensions: dict[str, int]) -> dict[str, int]:
    """Scrapy's memory limit at its place, measured on the crawl's own memory."""
    return {
        (OWN_MEMORY_USAGE if name == SCRAPY_MEMORY_USAGE else name): order
        for name, order in extensions.items()
    }


def _unused_extensions(log_level: str) -> tuple[str, ...]:
    """The extensions a crawl at ``log_level`` has no use for."""
    return UNUSED_EXTENSIONS + (UNREAD_STATS_EXTENSIONS if _quiet(log_level) else ())


# The name under which this Scrapy reads the resolver it installs: TWISTED_DNS_RESOLVER
# where it knows it (2.19 still reads DNS_RESOLVER set above its default, but warns in
# every crawl's output), DNS_RESOLVER on the older ones, which read no other name. Only
# one is set: both at one priority, 2.19 takes DNS_RESOLVER and warns all the same.
RESOLVER_SETTING = (
    "TWISTED_DNS_RESOLVER" if hasattr(default_settings, "TWISTED_DNS_RESOLVER") else "DNS_RESOLVER"
)


def scrapy_settings(
    settings: Settings, log_level: str = "WARNING", domains_limited: bool = True
) -> dict[str, Any]:
    """``domains_limited``: whether a spider of the process has ``allowed_domains``."""
    unused_downloader = UNUSED_DOWNLOADER_MIDDLEWARES
    offsite = {OFFSITE_MIDDLEWARE: 50} if domains_limited else {}
    return {
        "BOT_NAME": "estado-abierto",
        "USER_AGENT": settings.user_agent,
        "ROBOTSTXT_OBEY": settings.obey_robots,
        "ROBOTSTXT_USER_AGENT": ROBOTS_USER_AGENT,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_ITEMS": CONCURRENT_ITEMS,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.concurrency_per_domain,
        "AUTOTHROTTLE_ENABLED": settings.autothrottle,
        "AUTOTHROTTLE_START_DELAY": settings.crawl_delay_s,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(settings.concurrency_per_domain),
        "DOWNLOAD_DELAY": 0,
        "DOWNLOAD_TIMEOUT": settings.download_timeout_s,
        "DOWNLOAD_MAXSIZE": settings.max_file_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        # an HTML listing's pages, read whole by the parser (crawlers.page_size)
        "ABIERTO_MAX_PAGE_BYTES": settings.max_page_bytes,
        "URLLENGTH_LIMIT": MAX_URL_CHARS,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        # 429 and 503 are retried by RetryAfterMiddleware, after the wait the site asks for.
        "RETRY_HTTP_CODES": [500, 502, 504, 522, 524, 408],
        "ABIERTO_BACKOFF_RETRIES": settings.backoff_retries,
        "ABIERTO_MAX_RETRY_AFTER_S": settings.max_retry_after_s,
        "ABIERTO_MAX_CRAWL_DELAY_S": settings.max_crawl_delay_s,
        "ABIERTO_ROBOTS_TTL_S": settings.robots_ttl_s,
        "ABIERTO_ROBOTS_RETRY_S": settings.robots_retry_s,
        "COOKIES_ENABLED": False,
        # the guard checks the address the crawl connects to: a proxy from the environment
        # (HTTP_PROXY…) would resolve each name again on its side, past the guard
        "HTTPPROXY_ENABLED": False,
        "DOWNLOADER_STATS": False,  # byte counts nobody reads, at the cost of a body copy
        "TELNETCONSOLE_ENABLED": False,
        # Scrapy's counters (scheduler, retries, offsite) are only ever read in its INFO
        # stats dump at the end; each count goes through a wrapper of every attribute
        # read of the collector. Below INFO they are not kept at all.
        "STATS_CLASS": (
            "scrapy.statscollectors.DummyStatsCollector"
            if _quiet(log_level)
            else "scrapy.statscollectors.MemoryStatsCollector"
        ),
        # a developer's aid: the source of a callback read and parsed (inspect, ast)
        # again whenever no request holding that callback is alive any more
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        # a site that makes the crawl schedule links without end stops it, not the machine
        "MEMUSAGE_ENABLED": True,
        "MEMUSAGE_LIMIT_MB": settings.crawl_max_memory_mb,
        "MEMUSAGE_CHECK_INTERVAL_SECONDS": 10.0,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_INSTALL_ROOT_HANDLER": False,
        "LOG_LEVEL": log_level,
        "LOG_FORMATTER": "crawlers.log_formatter.QuietLogFormatter",
        "ABIERTO_ALLOW_LOOPBACK": settings.allow_loopback,
        "ABIERTO_DNS_TIMEOUT_S": settings.dns_timeout_s,
        "ABIERTO_DNS_MAX_LOOKUPS": settings.dns_max_lookups,
        "ABIERTO_CRAWL_WORKERS": (
            auto_workers() if settings.crawl_workers is None else settings.crawl_workers
        ),
        "ABIERTO_BUILD_TIMEOUT_S": settings.build_timeout_s,
        # the operator's catalogue, whose names a registered source's crawl may not take
        "ABIERTO_SOURCES_DIR": str(settings.sources_dir or ""),
        RESOLVER_SETTING: "crawlers.resolver.GuardedResolver",
        "DOWNLOAD_HANDLERS": {
            "http": "crawlers.handlers.ClosingHTTPHandler",
            "https": "crawlers.handlers.ClosingHTTPHandler",
        },
        # Off anyway (settings above or defaults), and left out of the bases so they are
        # not even imported (Scrapy imports what an override names, even to drop it):
        # the remote control's web server (aiohttp) alone cost a third of a second.
        "EXTENSIONS_BASE": _own_memory_usage(
            _without(default_settings.EXTENSIONS_BASE, _unused_extensions(log_level))
        ),
        "DOWNLOADER_MIDDLEWARES_BASE": _without(
            default_settings.DOWNLOADER_MIDDLEWARES_BASE, unused_downloader
        ),
        "DOWNLOADER_MIDDLEWARES": {
            **offsite,
            "crawlers.middlewares.AddressGuardMiddleware": 50,
            "crawlers.origin_headers.OriginHeadersMiddleware": 60,
            "crawlers.page_size.ListingPageSizeMiddleware": 65,
            "crawlers.robots.CountedRobotsMiddleware": 100,
            "crawlers.throttle.RetryAfterMiddleware": 560,
            # next to the download (decompression is 590): a part of a file is never kept
            # as the whole, nor inflated
            "crawlers.partial.UnaskedPartialMiddleware": 595,
            # between them: compressed data cut mid-stream is refused, not inflated to
            # the part that came (Scrapy's gunzip gives that back as the whole)
            "crawlers.coding_cut.CodingCutMiddleware": 592,
            # answers pass it after decompression (590), so it archives the site's bytes
            "crawlers.middlewares.ConditionalFetchMiddleware": 582,
            # after the conditional fetch, so a page rebuilt from the archive on a 304 is
            # checked too, and before the meta-refresh check (580), which raises on a
            # <base href> that cannot be parsed
            "crawlers.base_tag.UnreadableBaseMiddleware": 581,
            # Scrapy's meta refresh, the Refresh header too, a refresh off the web refused
            "crawlers.refresh.GuardedRefreshMiddleware": 580,
            # where Scrapy's cookies were (after the redirect, 600, on the way out): a
            # session a site keeps in a cookie goes on through its postbacks and viewers
            "crawlers.session_cookies.SessionCookiesMiddleware": 700,
        },
        "SPIDER_MIDDLEWARES_BASE": _without(
            default_settings.SPIDER_MIDDLEWARES_BASE, UNUSED_SPIDER_MIDDLEWARES
        ),
        "SPIDER_MIDDLEWARES": {
            "crawlers.middlewares.FetchLookupMiddleware": 40,
            # a Referer holds the whole address only within its origin: an API's address
            # may carry the spec's key in its query (json_api.params)
            "crawlers.origin_headers.OwnOriginRefererMiddleware": 700,
            # a link past the length limit is counted, not dropped without a word
            "crawlers.url_length.CountedUrlLengthMiddleware": 800,
            # innermost: it times the callback's own steps, nothing else
            "crawlers.stall.ParseTimeMiddleware": 1000,
        },
        "ITEM_PIPELINES": {"crawlers.pipelines.LibraryPipeline": 300},
        "REDIRECT_ENABLED": True,
        "REDIRECT_MAX_TIMES": 5,
        "DUPEFILTER_CLASS": "scrapy.dupefilters.RFPDupeFilter",
    }
