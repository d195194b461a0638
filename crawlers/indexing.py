"""A big crawl's documents indexed by a process of its own (``indexer.follower``).

The crawl process is the crawl's bottleneck (one core: Scrapy, archiving, saving), so
once a crawl has built ``START_AFTER`` documents it starts an indexing process, which
is ready by the crawl's first batch saved (``SAVE_EVERY``); until it is, the crawl
indexes as before. Then the crawl lets go of the index's writer
(``Library.hand_over``) and only tells the process, after each batch it saves with new
or changed documents, that there is more to index. A small crawl never starts one.

At the crawl's end (``finish``) the process indexes what is left and exits; the crawl
then flushes itself, waiting, so its run says done only once its documents are
searchable, whatever happened to the process. A process that dies (killed, out of
memory) loses nothing: its documents stay in the queue (claims of an uncommitted write
are released by the next writer), the crawl indexes again (and starts another process,
``MAX_RESTARTS`` times at most) and the run counts ``indexers_lost``.

A crawl process may crawl several sources (``abierto crawl`` with no ``--source``): they
share one indexing process, which ends with the last of them. A source that ends before
the others asks it to index and publish what is pending (``PUBLISH``) and waits for its
answer, so that source's run too says done only once its documents are searchable.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import subprocess
import sys
import threading
from typing import Any

from config.settings import Settings
from indexer.follower import INDEXED, MORE, PUBLISH, READY
from indexer.library import Library

START_AFTER = 250
MAX_RESTARTS = 3
log = logging.getLogger(__name__)


class IndexProcess:
    """The crawl's indexing process, shared by the spiders of one crawl process; safe to
    call from the pipeline's threads."""

    def __init__(
        self, library: Library, settings: Settings, enabled: bool = True, sources: int = 1
    ) -> None:
        self.library = library
        self.settings = settings
        self.enabled = enabled
        self.sources = sources  # the crawls not finished yet; the last one ends the process
        self.lost = 0  # processes that died
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._handed = False  # the process indexes; the library left the queue to it
        self._built = 0

    def built(self) -> None:
        """One more document to save: a crawl this big gets its indexing process."""
        with self._lock:
            self._built += 1
            if self._built == START_AFTER and self._process is None and self._wanted():
                self._start()

    def saved(self, changed: int, run: Any) -> None:
        """A batch was saved, ``changed`` of its documents new or changed: have them
        indexed (published at the index's commit cadence)."""
        with self._lock:
            if self._process is not None and self._process.poll() is not None:
                self._lose(run)
            if self._process is None and self._wanted():
                self._start()
            if self._process is not None and (self._handed or self._hand_over()):
                if not changed or self._notify():
                    return
                self._lose(run)
        self.library.flush(wait=False)

    def finish(self, run: Any) -> bool:
        """The process indexes what is left and ends (killed if it never took over).
        True if it did and nothing is left in the queue: everything is searchable;
        otherwise the caller's waiting flush indexes what is left."""
        with self._lock:
            self.sources -= 1
            if self.sources > 0:
                return self._published(run)
            process, self._process = self._process, None
            if process is None:
                return False
            if not self._handed:
                process.kill()
                process.wait()
                return False
            self._handed = False
            with contextlib.suppress(OSError):  # already gone: its exit code says so
                process.stdin.close()  # type: ignore[union-attr]
            ended = process.wait() == 0
            if not ended:
                self._count_lost(run, process.returncode)
            self.library.take_back()
            return ended and self.library.db.count_pending() == 0

    def close(self) -> None:
        """Whatever happened to the crawl, no indexing process outlives it."""
        with self._lock:
            process, self._process = self._process, None
            self._handed = False
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        self.library.take_back()

    def _wanted(self) -> bool:
        return self.enabled and self._built >= START_AFTER and self.lost < MAX_RESTARTS

    def _start(self) -> None:
        env = os.environ | self.settings.as_environment()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "indexer.follower"],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        except OSError as exc:
            log.warning("the indexing process could not start (%s): indexing here", exc)
            self.enabled = False

    def _hand_over(self) -> bool:
        """Once the process says it is ready: the queue is its own."""
        stdout = self._process.stdout  # type: ignore[union-attr]
        readable, _, _ = select.select([stdout], [], [], 0)
        if not readable or stdout.readline() != READY:  # type: ignore[union-attr]
            return False
        self.library.hand_over()
        self._handed = True
        return True

    def _notify(self, byte: bytes = MORE) -> bool:
        try:
            self._process.stdin.write(byte)  # type: ignore[union-attr]
            self._process.stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError):
            return False
        return True

    def _published(self, run: Any) -> bool:
        """Other crawls go on with the process: it publishes what is pending (this
        crawl's documents among it) and says so. False: the caller indexes them."""
        if self._process is None or not self._handed:
            return False
        if self._notify(PUBLISH):
            with contextlib.suppress(OSError):
                if self._process.stdout.readline() == INDEXED:  # type: ignore[union-attr]
                    return True
        self._lose(run)
        return False

    def _lose(self, run: Any) -> None:
        """The process died: the crawl indexes (and will start another)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        self._handed = False
        self.library.take_back()
        self._count_lost(run, process.returncode)

    def _count_lost(self, run: Any, code: int | None) -> None:
        self.lost += 1
        run.count("indexers_lost")
        log.warning("the indexing process ended (code %s): indexing in the crawl process", code)
