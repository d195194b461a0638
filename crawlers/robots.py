"""robots.txt read politely, and its failures counted rather than printed as tracebacks.

Scrapy's own middleware logged a robots.txt that could not be fetched (a silent site, a
redirect loop, a cut answer) with its whole traceback on the crawl's stderr, and counted
it nowhere an operator looks. Here the failure goes to the run's errors under its true
cause, with the robots.txt address, and the crawl goes on as Scrapy's policy has it: a
site whose rules cannot be read is read without them."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawlers.failures import failure_cause

logger = logging.getLogger(__name__)

# RFC 9309 asks crawlers to read at least 500 KiB. Each request is checked against every
# rule on the reactor's thread: 2 MB of rules cost tens of milliseconds a request, and
# Scrapy cannot keep the first part of a larger file, so one is a counted too_large
ROBOTS_MAX_BYTES = 512 * 1024
# the name robots.txt rules are read for (ROBOTSTXT_USER_AGENT), by the crawl and previews
ROBOTS_USER_AGENT = "EstadoAbiertoBot"


class CountedRobotsMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt check, whose fetch failures become counted run errors."""

    async def robot_parser(self, request: Request) -> Any:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            await self._read_robots(request, netloc)
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser

    async def _read_robots(self, request: Request, netloc: str) -> None:
        address = f"{urlparse_cached(request).scheme}://{netloc}/robots.txt"
        robots = Request(
            address,
            priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True, "download_maxsize": ROBOTS_MAX_BYTES},
            callback=NO_CALLBACK,
        )
        try:
            response = await self.crawler.engine.download_async(robots)
            await self._parse_robots(response, netloc, request)
        except Exception as exc:  # any failure leaves the site without rules
            self._count(robots, exc)
            self._robots_error(exc, netloc)

    def _count(self, robots: Request, exc: Exception) -> None:
        failure = Failure(exc)
        failure.request = robots  # type: ignore[attr-defined]  # names a redirect chain
        cause, message = failure_cause(failure)
        address = robots.url
        logger.warning("no se pudo leer %s (%s); la lectura sigue sin sus reglas", address, cause)
        run = getattr(self.crawler.spider, "run", None)
        if run is not None:
            run.error(cause, address, message)
