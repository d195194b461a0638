"""A link longer than the crawl follows is a counted ``bad_url`` error, not a row lost
without a word. Scrapy's ``UrlLengthMiddleware`` drops a request past ``URLLENGTH_LIMIT``
(2,083 characters) with an INFO line the crawl's log level hides: a listing row whose
link carried a long query (a state kept in the address, a search's every filter) was
missing from the library while its run said «0 errores»."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.spidermiddlewares.urllength import UrlLengthMiddleware

from config.spanish_errors import shown

TOO_LONG = "the link is longer than the crawl follows"
SCRAPY_MIDDLEWARE = "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware"


def too_long(url: str, limit: int) -> str:
    """How a run counts a link past ``limit`` characters (``causas`` says it in Spanish)."""
    return f"{shown(url)!r}: {TOO_LONG} ({len(url)} characters; at most {limit})"


class CountedUrlLengthMiddleware(UrlLengthMiddleware):
    """Scrapy's length limit, each link it drops counted on the spider's run."""

    def get_processed_request(self, request: Request, response: Any) -> Request | None:
        if len(request.url) <= self.maxlength:
            return request
        run = getattr(self.crawler.spider, "run", None)
        if run is not None:
            where = response.url if response is not None else request.url[:200]
            run.error("bad_url", where, too_long(request.url, self.maxlength))
        return super().get_processed_request(request, response)
