"""A page whose reading holds the crawl too long ends the crawl, with that cause.

A spec's selectors run on the crawl's only thread, inside libxml2, where nothing can
interrupt them: an XPath such as ``//*[count(//*[count(//*)>0])>0]`` is valid, and on a
page of a few thousand elements it would take hours (regular expressions run on RE2 and
cannot do this; XPath and CSS cost what the page and the expression make them). Each
step of a spider's callback (from asking it for its next output to getting it) is timed
by :class:`ParseTimeMiddleware`; a thread beside it (libxml2 lets go of the interpreter
while it evaluates) sees a step older than ``parse_timeout_s``, records the run as
``failed`` with the cause ``parse_timeout`` and the page, closes this process's other
runs as abandoned, and ends the process: the crawl's slot is free in seconds, not at the
end of ``crawl_max_seconds``, and the institution sees why.

A callback reading a large document of the site's own format (a sitemap of 400,000 URLs,
a feed of 100,000 entries) yields None between its pieces: a pause. The step ends there
(the document's size is bounded by the download limit, each piece's cost by its size),
and the crawl's loop gets a turn before the next, so downloads under way are read and
their timers are not run late as if the site had not answered. Scrapy drops a None
anyway; it is not passed on.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any

from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.asyncio import is_asyncio_available

from crawlers.runs import RunStats

log = logging.getLogger(__name__)
PARSE_TIMEOUT = "parse_timeout"
STALLED_EXIT = 3
# Stalled: (the run whose page held the crawl, the page, seconds it has held it)
OnStall = Callable[[RunStats, str, float], None]


class ParseWatch:
    """Times the callback step under way; calls ``on_stall`` and ends the process when
    one outlives ``limit_s``."""

    def __init__(self, limit_s: float, on_stall: OnStall) -> None:
        self.limit_s = limit_s
        self.on_stall = on_stall
        self._step: tuple[float, RunStats, str] | None = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="parse-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()

    def begin(self, run: RunStats, url: str) -> None:
        self._step = (time.monotonic(), run, url)

    def end(self) -> None:
        self._step = None

    def _watch(self) -> None:
        every = min(1.0, self.limit_s / 4)
        while not self._stopped.wait(every):
            step = self._step
            if step is None:
                continue
            held = time.monotonic() - step[0]
            if held > self.limit_s:
                try:
                    self.on_stall(step[1], step[2], held)
                except Exception:  # the process ends either way; the run is recovered
                    log.exception("recording a stalled crawl failed")
                os._exit(STALLED_EXIT)


def _steps(watch: ParseWatch, run: RunStats, url: str, result: Iterable[Any]) -> Iterator[Any]:
    iterator = iter(result)
    while True:
        watch.begin(run, url)
        try:
            out = next(iterator)
        except StopIteration:
            return
        finally:
            watch.end()
        if out is not None:  # a pause: the step ended
            yield out


class ParseTimeMiddleware(BaseSpiderMiddleware):
    """Innermost spider middleware: each step of the callback's output is timed by the
    spider's ``parse_watch`` (none: nothing is timed)."""

    def _timed(self, response: Response | None) -> tuple[ParseWatch, RunStats, str] | None:
        spider = self.crawler.spider
        watch = getattr(spider, "parse_watch", None)
        run = getattr(spider, "run", None)
        if watch is None or run is None or response is None:
            return None
        return watch, run, response.url

    def process_spider_output(self, response: Response | None, result: Iterable[Any]) -> Any:
        timed = self._timed(response)
        for out in result if timed is None else _steps(*timed, result):
            if out is not None:
                yield out

    async def process_spider_output_async(
        self, response: Response | None, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        """Scrapy hands every callback's output over as an async iterator; a plain
        generator's next step runs, synchronously, inside ``__anext__``."""
        timed = self._timed(response)
        iterator = result.__aiter__()
        while True:
            if timed is not None:
                timed[0].begin(timed[1], timed[2])
            try:
                out = await iterator.__anext__()
            except StopAsyncIteration:
                return
            finally:
                if timed is not None:
                    timed[0].end()
            if out is None:  # a pause: the loop's turn before the next step
                if is_asyncio_available():
                    await asyncio.sleep(0)
                continue
            yield out


def stall_message(url: str, held: float, limit_s: float) -> str:
    return (
        f"reading {url} with the spec's selectors held the crawl for more than "
        f"{limit_s:g} s ({held:.0f} s): the crawl was stopped; simplify the selectors "
        "(an XPath that searches the whole page inside a predicate costs the square of "
        "its size)"
    )
