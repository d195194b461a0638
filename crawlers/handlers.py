"""Scrapy's HTTP download handler, closing its connections without a race.

Scrapy 2.19's ``HTTP11DownloadHandler.close`` waits for the connection pool to close
and, so as not to hang, schedules ``pool_closed.callback`` one second later. On the
asyncio reactor the waiting coroutine resumes one loop turn after the pool's Deferred
fires; a loaded machine can let that second run out in between, and the timer then
calls back a Deferred already called: an ``AlreadyCalledError`` traceback in the crawl's
output ("while handling timed call") though nothing was lost. Here the timer and the
pool each fire a Deferred of our own, only if it has not fired yet.
"""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred


def _fire(done: Deferred[None]) -> None:
    if not done.called:
        done.callback(None)


class ClosingHTTPHandler(HTTP11DownloadHandler):
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
