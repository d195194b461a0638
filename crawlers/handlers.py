"""Scrapy's HTTP download handler, closing its connections without a race.

Scrapy 2.19's ``HTTP11DownloadHandler.close`` waits for the connection pool to close
and, so as not to hang, schedules ``pool_closed.callback`` one second later. On the
asyncio reactor the waiting coroutine resumes one loop turn after the pool's Deferred
fires; a loaded machine can let that second run out in between, and the timer then
calls back a Deferred already called: an ``AlreadyCalledError`` traceback in the crawl's
output ("while handling timed call") though nothing was lost. Here the timer and the
pool each fire a Deferred of our own, only if it has not fired yet.

Nor does Twisted's HTTP client bound an answer's head: it keeps every header line until
the blank one, so a site sending header lines for ever grew a crawl past 4 GB before the
memory guard stopped it, with no error counted. A head past ``MAX_RESPONSE_HEAD_BYTES``
now fails its request at once (``too_large``, with its address).

An answer cut at ``DOWNLOAD_MAXSIZE`` while it arrived fails with an empty error; the
limit and the bytes read by then are left in its request's meta (``CUT_AT``), so its
``too_large`` can say them whatever the request itself carried.

And a download cut at ``DOWNLOAD_TIMEOUT`` after its answer had begun (a site sending a
byte at a time) says so: it read as if the site had not answered at all.

Twisted ends a body at its ``Content-Length`` and drops whatever bytes follow: a site
declaring fewer bytes than it sends had its page or file kept cut at that length, as if
whole (a sentence without its resolutions, the run ``ok``). Bytes arriving with the end
of the declared body now fail the request (:class:`LongerThanDeclared`, counted
``cut_short``).

A request marked ``HEAD_ONLY`` (a robots.txt, read as far as its first 512 KiB by its own
byte count) is not refused for the length it declares: Scrapy cancelled one declaring
more than the page limit before its first byte, and the site was read without rules.
"""

from __future__ import annotations

from typing import Any

from scrapy.core.downloader.handlers import http11
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import DownloadTimeoutError
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.protocol import connectionDone
from twisted.python.failure import Failure
from twisted.web import _newclient, http
from twisted.web.client import ResponseDone
from twisted.web.iweb import UNKNOWN_LENGTH

from crawlers.causas import ANSWER_BEGUN, LONGER_THAN_DECLARED

MAX_RESPONSE_HEAD_BYTES = 256 * 1024  # browsers refuse a larger head too (Chrome: 256 KB)
HEAD_TOO_LARGE = "response head too large"
# request meta: its reader stops it at its head, whatever length it declares
HEAD_ONLY = "abierto_head_only"
CUT_AT = "abierto_cut_at"  # request meta: (size limit, bytes read) of an answer cut short


OVERRUN = "_abierto_overrun"  # on Twisted's response: (declared length, bytes that followed)


class ResponseHeadTooLarge(Exception):
    """An answer's status line and headers passed ``MAX_RESPONSE_HEAD_BYTES``."""


class LongerThanDeclared(Exception):
    """Bytes followed the body its ``Content-Length`` declared."""


# Scrapy swaps each response parser Twisted makes for its lenient one (after the parser
# started: no ``connectionMade`` of ours would run), by this module-level name
_PARSER_HOME = http11 if hasattr(http11, "_LenientHTTPClientParser") else _newclient
_PARSER_NAME = "_LenientHTTPClientParser" if _PARSER_HOME is http11 else "HTTPClientParser"


class BoundedHTTPClientParser(getattr(_PARSER_HOME, _PARSER_NAME)):  # type: ignore[misc]
    """The response parser Scrapy uses, counting the bytes of the head it holds."""

    def lineReceived(self, line: bytes) -> None:
        if self.state in (_newclient.STATUS, _newclient.HEADER):
            self._head_bytes = getattr(self, "_head_bytes", 0) + len(line) + 2
            if self._head_bytes > MAX_RESPONSE_HEAD_BYTES:
                raise ResponseHeadTooLarge(
                    f"{HEAD_TOO_LARGE}: more than {MAX_RESPONSE_HEAD_BYTES} bytes of headers"
                )
        super().lineReceived(line)

    def _finished(self, rest: bytes) -> None:
        """The body its Content-Length declared is whole: bytes after it (the same
        read's, line ends aside) are noted on the response, whose reader then fails it."""
        decoder = getattr(self, "bodyDecoder", None)
        response = getattr(self, "response", None)
        # a line end after the body is a sloppy server's, not more of it
        more = rest.strip()
        if more and isinstance(decoder, http._IdentityTransferDecoder) and response is not None:
            setattr(response, OVERRUN, (response.length, len(more)))
        super()._finished(rest)


setattr(_PARSER_HOME, _PARSER_NAME, BoundedHTTPClientParser)


class SlowAnswerAgent(http11._ScrapyAgent):  # type: ignore[misc]
    """Scrapy's agent, telling a timeout after the answer's head arrived (``_txresponse``
    is set then) from one before it."""

    def _cb_timeout(self, result: object, request: object, url: str, timeout: float) -> object:
        try:
            return super()._cb_timeout(result, request, url, timeout)
        except DownloadTimeoutError as exc:
            if self._txresponse is None:
                raise
            raise DownloadTimeoutError(f"{exc} {ANSWER_BEGUN}") from None

    def _cb_bodyready(self, txresponse: Any, request: Any) -> Any:
        """A ``HEAD_ONLY`` answer's declared length is not weighed against the limit: its
        body is read as one of unknown length (each byte still counted against it)."""
        if request.meta.get(HEAD_ONLY) and txresponse.length not in (UNKNOWN_LENGTH, 0):
            txresponse.length = UNKNOWN_LENGTH
        return super()._cb_bodyready(txresponse, request)


# Scrapy's handler makes an agent for each request by this module-level name
http11._ScrapyAgent = SlowAnswerAgent


class CountingReader(http11._ResponseReader):  # type: ignore[misc]
    """Scrapy's body reader, noting on the request where it cut an answer past its limit
    (Scrapy cancels it with no word of either number)."""

    def dataReceived(self, data: bytes) -> None:
        super().dataReceived(data)
        limit, read = self._maxsize, self._bytes_received
        if limit and read > limit and CUT_AT not in self._request.meta:
            self._request.meta[CUT_AT] = (limit, read)

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        overrun = getattr(self._txresponse, OVERRUN, None)
        if overrun and not self._finished.called and reason.check(ResponseDone):
            declared, more = overrun
            self._finished.errback(
                Failure(
                    LongerThanDeclared(
                        f"{LONGER_THAN_DECLARED} ({declared} bytes declared; "
                        f"{more} more followed at once)"
                    )
                )
            )
            return
        super().connectionLost(reason)


# Scrapy's agent makes a reader for each answer by this module-level name
http11._ResponseReader = CountingReader


def _fire(done: Deferred[None]) -> None:
    if not done.called:
        done.callback(None)


class ClosingHTTPHandler(HTTP11DownloadHandler):
    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        pool = getattr(self, "_pool", None)
        if pool is not None:
            # One connection per request (``Connection: close``), never a kept-alive one
            # reused: bytes a site sends after the body its Content-Length declared, in a
            # later packet, were read as the head and body of the next request's answer
            # on that connection (a page of the site stored as another's document). The
            # crawl waits ``crawl_delay_s`` (0.5 s) between requests to a site anyway.
            pool.persistent = False

    async def close(self) -> None:
        """The pool's connections closed, or ``_disconnect_timeout`` seconds passed
        (closing can hang on network trouble, scrapy/scrapy#2653), whichever is first."""
        from twisted.internet import reactor  # the one Scrapy installed, never before

        pool = getattr(self, "_pool", None)
        limit = getattr(self, "_disconnect_timeout", None)
        if pool is None or limit is None:  # another Scrapy's handler: its own close
            closed = super().close()
            await (maybe_deferred_to_future(closed) if isinstance(closed, Deferred) else closed)
            return
        done: Deferred[None] = Deferred()
        closing = pool.closeCachedConnections()
        closing.addBoth(lambda _: _fire(done))  # a failure to close is not the crawl's
        timer = reactor.callLater(limit, _fire, done)
        try:
            await maybe_deferred_to_future(done)
        finally:
            if timer.active():
                timer.cancel()
