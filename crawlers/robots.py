"""robots.txt read politely, and its failures counted rather than printed as tracebacks.

Scrapy's own middleware logged a robots.txt that could not be fetched (a silent site, a
redirect loop, a cut answer) with its whole traceback on the crawl's stderr, and counted
it nowhere an operator looks. Here the failure goes to the run's errors under its true
cause, with the robots.txt address, and the crawl goes on as Scrapy's policy has it: a
site whose rules cannot be read is read without them.

As RFC 9309 and the sites expect, though, a robots.txt answered with a server error (5xx,
or 429: the site cannot say its rules now) bars the whole site for a while
(``ABIERTO_ROBOTS_RETRY_S``), counted ``robots_unavailable``, and is then asked for again;
one answered 4xx (none there) leaves the site open, whatever its error page says. The
rules read are kept ``ABIERTO_ROBOTS_TTL_S`` and then read again, so a rule the site
changes during a long crawl is obeyed."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import StopDownload
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import task
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawlers.failures import failure_cause
from crawlers.handlers import HEAD_ONLY

logger = logging.getLogger(__name__)

# RFC 9309 asks crawlers to read at least 500 KiB, and no more is read: each request is
# checked against every rule on the reactor's thread (2 MB of rules cost tens of
# milliseconds a request). A larger robots.txt is read up to its last line within them
# (the download stopped there), and said: refused whole as too_large, its rules were
# all ignored, and the crawl fetched the pages its first line forbade
ROBOTS_MAX_BYTES = 512 * 1024
# what a robots.txt may declare (Content-Length) or inflate to (gzip…): a page's limit
ROBOTS_DOWNLOAD_BYTES = 10 * 1024 * 1024
ROBOTS_REQUEST = "abierto_robots"  # request meta: bytes of the robots.txt received so far
ROBOTS_CUT = "robots.txt's first {limit} bytes reached: the rules after them were not read"
# the name robots.txt rules are read for (ROBOTSTXT_USER_AGENT), by the crawl and previews
ROBOTS_USER_AGENT = "EstadoAbiertoBot"
# the longest Crawl-delay honoured unless ABIERTO_MAX_CRAWL_DELAY_S says otherwise: a
# site asking for 60 s would make a crawl of 5,000 documents last three and a half days
MAX_CRAWL_DELAY_S = 10.0
CRAWL_DELAY = "crawl_delay"
ROBOTS_UNAVAILABLE = "robots_unavailable"
# how long rules read are kept, and a site whose robots.txt failed (5xx) is barred
ROBOTS_TTL_S = 3600.0
ROBOTS_RETRY_S = 600.0
# the fetch causes (``crawlers.fetch``) of a robots.txt the server failed: the site barred
SERVER_FAILED = frozenset({"http_5xx", "rate_limited"})


def robots_unavailable_message(status: int, seconds: float) -> str:
    """The stored (English) note of a robots.txt a server error answered; said in
    Spanish by ``crawlers.causas``."""
    return (
        f"robots.txt answered HTTP {status}: every address of the site is taken as "
        f"disallowed for {seconds:g} s, then robots.txt is asked for again"
    )


class DisallowAll:
    """The rules of a site whose robots.txt answered a server error: nothing allowed."""

    def allowed(self, url: str, user_agent: object) -> bool:
        return False

    def crawl_delay(self, user_agent: object) -> None:
        return None


def robots_head(body: bytes) -> bytes:
    """A robots.txt up to its last line end within ``ROBOTS_MAX_BYTES`` (a rule cut in two
    would be another rule); a shorter one whole."""
    if len(body) <= ROBOTS_MAX_BYTES:
        return body
    head = body[:ROBOTS_MAX_BYTES]
    return head[: head.rfind(b"\n") + 1]


def crawl_delay_message(asked: float, waited: float) -> str:
    """The stored (English) note of a site's Crawl-delay; ``crawlers.causas`` says it in
    Spanish."""
    if waited < asked:
        return (
            f"robots.txt asks for a Crawl-delay of {asked:g} s: requests to the site were "
            f"spaced {waited:g} s apart (ABIERTO_MAX_CRAWL_DELAY_S), not {asked:g} s"
        )
    return f"robots.txt asks for a Crawl-delay of {asked:g} s: requests to the site were spaced so"


def crawl_delay_unmet_message(asked: float, waited: float) -> str:
    """A preview's note that its time ran out before a request could be spaced by the
    site's Crawl-delay: the request was not made."""
    return (
        f"robots.txt asks for a Crawl-delay of {asked:g} s: the preview's time ran out "
        f"before the next request could be spaced {waited:g} s from the one before; it was "
        "not made"
    )


class CountedRobotsMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt check, whose fetch failures become counted run errors, and
    which honours the site's ``Crawl-delay`` (Scrapy's own check reads only ``Allow`` and
    ``Disallow``): each request to the site starts at least that long after the one
    before, up to ``ABIERTO_MAX_CRAWL_DELAY_S``. The spacing is kept here, before the
    request reaches its download slot, so AutoThrottle's lowering of the slot's delay
    after quick answers cannot shorten it. The run notes the delay once per site (cause
    ``crawl_delay``), saying when it was shortened to the bound."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.max_delay = crawler.settings.getfloat("ABIERTO_MAX_CRAWL_DELAY_S", MAX_CRAWL_DELAY_S)
        self.delays: dict[str, float] = {}  # netloc → seconds between its requests
        self.next_start: dict[str, float] = {}  # netloc → monotonic time of its next request
        self.ttl = crawler.settings.getfloat("ABIERTO_ROBOTS_TTL_S", ROBOTS_TTL_S)
        self.retry = crawler.settings.getfloat("ABIERTO_ROBOTS_RETRY_S", ROBOTS_RETRY_S)
        self.expires: dict[str, float] = {}  # netloc → monotonic time its rules are read again
        self.download_bytes = (
            crawler.settings.getint("ABIERTO_MAX_PAGE_BYTES") or ROBOTS_DOWNLOAD_BYTES
        )
        crawler.signals.connect(self._received, signal=signals.bytes_received)

    def _received(self, data: bytes, request: Request, spider: Any = None) -> None:
        """A robots.txt's download stops once ``ROBOTS_MAX_BYTES`` have arrived: what
        came is read (a site sending rules for ever is read as far as the RFC asks)."""
        received = request.meta.get(ROBOTS_REQUEST)
        if received is None:
            return
        request.meta[ROBOTS_REQUEST] = received = received + len(data)
        if received >= ROBOTS_MAX_BYTES:
            raise StopDownload(fail=False)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        await super().process_request(request)
        if request.meta.get("dont_obey_robotstxt"):
            return
        delay = self.delays.get(urlparse_cached(request).netloc)
        if delay:
            await self._space(urlparse_cached(request).netloc, delay)

    async def _space(self, netloc: str, delay: float) -> None:
        now = time.monotonic()
        start = max(now, self.next_start.get(netloc, now))
        self.next_start[netloc] = start + delay
        if start > now:
            from twisted.internet import reactor  # the one Scrapy installed, never before

            await maybe_deferred_to_future(task.deferLater(reactor, start - now))

    async def _parse_robots(self, response: Any, netloc: str, request: Request) -> None:
        status = response.status
        if status >= 500 or status == 429:  # the rules exist but cannot be read now
            self.expires[netloc] = time.monotonic() + self.retry
            self.delays.pop(netloc, None)
            self._settle(netloc, DisallowAll())
            logger.warning(
                "%s respondió HTTP %d: el sitio se toma como prohibido %g s", response.url,
                status, self.retry,
            )  # fmt: skip
            run = getattr(self.crawler.spider, "run", None)
            if run is not None:
                message = robots_unavailable_message(status, self.retry)
                run.error(ROBOTS_UNAVAILABLE, response.url, message)
            return
        self.expires[netloc] = time.monotonic() + self.ttl
        before = self.delays.pop(netloc, None)
        if status >= 400:  # none there (404, 403…): the site is open, its error page no rules
            self._settle(netloc, None)
            return
        if len(response.body) > ROBOTS_MAX_BYTES:
            response = self._cut(response)
        await super()._parse_robots(response, netloc, request)
        parser = self._parsers.get(netloc)
        if parser is None or isinstance(parser, Deferred):
            return
        try:
            asked = parser.crawl_delay(self._robotstxt_useragent or self._default_useragent)
        except Exception:  # a parser without Crawl-delay, or a value it cannot read
            asked = None
        if not asked or asked <= 0 or asked != asked:  # absent, zero, negative or NaN
            return
        waited = min(asked, self.max_delay)
        self.delays[netloc] = waited
        run = getattr(self.crawler.spider, "run", None)
        if run is not None and waited != before:  # said once, and again if it changed
            run.error(CRAWL_DELAY, response.url, crawl_delay_message(asked, waited))

    def _cut(self, response: Any) -> Any:
        """The robots.txt's head (:func:`robots_head`), the rest said as a limit reached."""
        head = robots_head(response.body)
        run = getattr(self.crawler.spider, "run", None)
        if run is not None:
            run.error("limit_reached", response.url, ROBOTS_CUT.format(limit=ROBOTS_MAX_BYTES))
        return response.replace(body=head)

    def _settle(self, netloc: str, parser: Any) -> None:
        """The rules read for ``netloc`` (None: none), given to the requests waiting."""
        waiting = self._parsers.get(netloc)
        self._parsers[netloc] = parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

    async def robot_parser(self, request: Request) -> Any:
        netloc = urlparse_cached(request).netloc
        parser = self._parsers.get(netloc)
        stale = self.expires.get(netloc)
        if not isinstance(parser, Deferred) and stale is not None and time.monotonic() >= stale:
            del self._parsers[netloc]  # kept long enough (or barred a while): read again
            self.expires.pop(netloc, None)
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
            meta={
                "dont_obey_robotstxt": True,
                "download_maxsize": self.download_bytes,
                ROBOTS_REQUEST: 0,
                # one declaring (Content-Length) more than the limit is read as far as
                # its head too, as Google does, not refused before its first byte
                HEAD_ONLY: True,
            },
            callback=NO_CALLBACK,
        )
        try:
            response = await self.crawler.engine.download_async(robots)
            await self._parse_robots(response, netloc, request)
        except Exception as exc:  # any failure leaves the site without rules
            self._count(robots, exc)
            self.expires[netloc] = time.monotonic() + self.ttl
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
