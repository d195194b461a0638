"""Backing off when a site says it is overwhelmed: 429 Too Many Requests and 503
Service Unavailable.

The request is tried again after the time the server asks for (``Retry-After``, in
seconds or as an HTTP date), or after an exponentially growing wait, and meanwhile the
whole site (Scrapy's per-domain download slot) slows down to that pace, not just this
request. After successful answers the pace recovers (AutoThrottle lowers the delay step
by step; without it the delay returns to the site's normal one). A wait longer than
``ABIERTO_MAX_RETRY_AFTER_S`` or too many attempts give up: the request becomes a
counted crawl error (``rate_limited`` for 429).
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task

BACKOFF_CODES = frozenset({429, 503})


# a wait longer than this is said as "more than" it: a 400-digit Retry-After was `inf`
RETRY_AFTER_CAP_S = 366 * 86400
_DELAY = re.compile(r"([0-9]+)(?:\.([0-9]+))?")  # ASCII: "²" is a digit to isdigit
_DIGITS_READ = 12  # more digits than this are more than the cap anyway


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header, at most ``RETRY_AFTER_CAP_S``.

    RFC 9110 gives whole seconds or an HTTP date, which is always GMT (its asctime form
    names no zone: it is not the reader's local time). A decimal some servers send is
    waited rounded up, never shorter than asked for."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if found := _DELAY.fullmatch(text):
        whole, fraction = found.group(1).lstrip("0") or "0", found.group(2)
        if len(whole) > _DIGITS_READ:
            return float(RETRY_AFTER_CAP_S)
        seconds = int(whole) + (1 if fraction and fraction.strip("0") else 0)
        return float(min(seconds, RETRY_AFTER_CAP_S))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = time.time() if now is None else now
    return min(float(RETRY_AFTER_CAP_S), max(0.0, when.timestamp() - current))


def wait_said(seconds: float) -> str:
    """The wait as the crawl's messages say it (``crawlers.causas`` puts it in Spanish):
    one at the cap is "more than" it, in days, never a number the site did not give."""
    if seconds >= RETRY_AFTER_CAP_S:
        return f"more than {RETRY_AFTER_CAP_S // 86400} days"
    return f"{seconds:.0f} s"


class RetryAfterMiddleware:
    def __init__(self, crawler: Any, retries: int, max_wait: float, base: float) -> None:
        self.crawler = crawler
        self.retries = retries
        self.max_wait = max_wait
        self.base = base
        self.autothrottle = crawler.settings.getbool("AUTOTHROTTLE_ENABLED")
        self.normal: dict[str, tuple[float, float]] = {}  # slot → (delay, jitter)
        self.not_before: dict[str, float] = {}  # slot → monotonic time it may be asked again

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        settings = crawler.settings
        return cls(
            crawler,
            retries=settings.getint("ABIERTO_BACKOFF_RETRIES", 3),
            max_wait=settings.getfloat("ABIERTO_MAX_RETRY_AFTER_S", 120.0),
            base=settings.getfloat("ABIERTO_BACKOFF_BASE_S", 1.0),
        )

    async def process_request(self, request: Request) -> None:
        """Hold a request to a site that asked for time until that time has passed (the
        slot's delay alone could be shortened by AutoThrottle after other answers)."""
        key = self._key(request)
        wait = self.not_before.get(key, 0.0) - time.monotonic()
        if wait > 0:
            from twisted.internet import reactor  # the one Scrapy installed, never before

            await maybe_deferred_to_future(task.deferLater(reactor, wait))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in BACKOFF_CODES:
            self._recover(request)
            return response
        attempt = int(request.meta.get("backoff_attempt", 0))
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        wait = asked if asked is not None else self.base * 2**attempt
        if attempt >= self.retries or wait > self.max_wait:
            return response  # handed on: the HttpError becomes a counted crawl error
        self._slow_down(request, wait)
        run = getattr(self.crawler.spider, "run", None)
        if run is not None:
            run.count("backoffs")
        retry = request.replace(dont_filter=True)
        retry.meta["backoff_attempt"] = attempt + 1
        return retry

    def _key(self, request: Request) -> str:
        downloader = self.crawler.engine.downloader
        return str(request.meta.get("download_slot") or downloader.get_slot_key(request))

    def _slot(self, request: Request) -> tuple[str, Any] | tuple[None, None]:
        key = self._key(request)
        slot = self.crawler.engine.downloader.slots.get(key)
        return (key, slot) if slot is not None else (None, None)

    def _slow_down(self, request: Request, wait: float) -> None:
        """The site's next request starts ``wait`` seconds from now, and its pace stays
        that slow until answers succeed again."""
        self.not_before[self._key(request)] = time.monotonic() + wait
        key, slot = self._slot(request)
        if slot is None:
            return
        self.normal.setdefault(key, (slot.delay, slot.jitter))
        slot.jitter = 0.0  # a random delay could come out shorter than the wait asked for
        slot.delay = max(slot.delay, wait)
        slot.lastseen = time.monotonic()

    def _recover(self, request: Request) -> None:
        key, slot = self._slot(request)
        if slot is None or key not in self.normal:
            return
        delay, slot.jitter = self.normal.pop(key)
        if not self.autothrottle:  # else AutoThrottle brings the delay down from here
            slot.delay = delay
