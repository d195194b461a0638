"""Documents built in worker processes while the crawl process downloads and saves.

Reading a page's main text, the readers (court, dates, case numbers) and the privacy
guard need the draft alone and are a third of a crawl's Python time; one process holds
one core (the GIL) however many threads it runs. So the pipeline's threads hand each
build to ``workers`` processes and wait (without the GIL) for the document. A small
crawl never starts them: the first ``WARM_AFTER`` documents are built here, and the
workers are used once they have started (spawned, not forked: the crawl runs threads).
A worker does not run the crawl's main module again, as spawned processes do: ``abierto``
imports the whole application, a second of CPU that a worker, which needs this module
alone, would pay at every start.

A worker that dies (killed, out of memory) loses nothing: the builds it held are done
again in this process, the pool is started again (at most ``MAX_RESTARTS`` times, then
every build stays here) and the run counts ``workers_lost``.

With a time limit (``ABIERTO_BUILD_TIMEOUT_S``, the default) no build runs here: a
thread cannot be stopped, and a huge page or a regex gone slow would hold the crawl for
ever. So the pool (one worker at least) starts with the crawl (``start``), while it fetches
its first pages, rather than making the first build wait for it; a pool no build used is
killed at the end, not waited for. A build's clock
starts when a worker takes it (the worker stamps the moment, so as many builds as run
can wait queued and a worker never idles between two). A build past the limit is
abandoned: the pool's workers are killed (the executor does not say which holds it),
the pool is started again, the other builds it held are done again there (not counted
as lost), and the item is a ``build_timeout`` error naming its URL and the limit; it is
never tried again. A build whose worker died under it ``MAX_TRIES`` times is a ``build_failed``
error, so a page that kills its worker cannot restart pools for ever.

Once nothing is downloading while many pages wait for their builds (fetching has ended,
or Scrapy paused it for the backlog), the crawl process's own core is free: ``boost`` adds
``END_WORKERS`` workers for the rest of the crawl (a worker more from the start would take
that core from the downloads).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import queue
import threading
import time
import weakref
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import spawn
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any

from indexer.build import AnyDocument, InvalidDocument, MissingField, build_document
from indexer.extract import html_main_text
from indexer.models import FileRef, OcrPageRef, VideoLink
from indexer.orphans import end_with
from indexer.readers.signatures import split_signatures

WARM_AFTER = 40
MAX_RESTARTS = 3
MAX_AUTO_WORKERS = 4
END_WORKERS = 1  # added by ``boost`` once fetching has ended
MAX_TRIES = 2  # a bounded build whose worker died under it this often is an error
START_S = 120.0  # a pool whose first worker has not answered by then is started again
BUILD_TIMEOUT = "build_timeout"
BUILD_FAILED = "build_failed"
log = logging.getLogger(__name__)


class BuildWorker(SpawnProcess):
    """A spawned worker named so that it is prepared without the crawl's main module."""


class _WorkerContext(SpawnContext):
    Process = BuildWorker


_WORKERS = _WorkerContext()
_preparation_data = spawn.get_preparation_data


def _preparation_without_main(name: str) -> dict[str, Any]:
    """What a spawned process is told to prepare; a ``BuildWorker`` skips the main module
    (its tasks are this module's functions, which unpickling them imports). Any other
    process is prepared as before."""
    data = _preparation_data(name)
    if name.startswith(f"{BuildWorker.__name__}-"):
        data.pop("init_main_from_name", None)
        data.pop("init_main_from_path", None)
    return data


spawn.get_preparation_data = _preparation_without_main


def auto_workers() -> int:
    """Every core but the one the crawl process itself keeps busy (at most four)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(0, min(MAX_AUTO_WORKERS, cores - 1))


@dataclass(frozen=True)
class PageHtml:
    """A detail page whose main text is read where its document is built: ``selected``
    (the HTML a spec's ``text`` rule chose), else the whole page."""

    body: bytes | str
    encoding: str | None = None
    selected: str | None = None

    def main_text(self) -> str:
        text = html_main_text(self.selected) if self.selected is not None else ""
        return text or html_main_text(self.body, self.encoding)


@dataclass(frozen=True)
class EntryTexts:
    """Texts of feed entries (a session's video descriptions), plain or HTML, read where
    the document is built: reading HTML costs what its size and shape set. Repeats are
    kept once."""

    parts: tuple[str, ...]

    def main_text(self) -> str:
        texts = (html_main_text(p) if "<" in p else html.unescape(p) for p in self.parts)
        return "\n\n".join(dict.fromkeys(t for t in texts if t))


@dataclass
class BuildOrder:
    """Everything ``build_document`` reads for one draft, to build it anywhere."""

    kind: str
    source_id: str
    institution: str
    jurisdiction: str
    url: str
    fields: dict[str, Any]
    page_text: str
    page: PageHtml | EntryTexts | None
    file_texts: list[str]
    files: list[FileRef]
    required: list[str]
    fetched_at: dt.datetime
    videos: list[VideoLink]
    origin: str
    origins: dict[str, str]
    ocr_pages: list[OcrPageRef]
    text_source: str | None
    privacy: str


@dataclass(frozen=True)
class Refusal:
    """The draft makes no document: the crawl error's cause and message."""

    cause: str
    message: str


def _texts(kind: str, page_text: str, file_texts: list[str]) -> dict[str, str]:
    """The document's text: its page's, then its files'. A sentence's files lose their
    signature blocks and evidence pages (kept apart), and its own metadata is read from
    the sentence (the first file), not from the page that links to it."""
    if kind != "sentencia":
        return {"text": "\n\n".join(t for t in [page_text, *file_texts] if t)}
    bodies, cut = [], []
    for text in file_texts:
        body, signatures = split_signatures(text)
        bodies.append(body)
        cut.append(signatures)
    return {
        "text": "\n\n".join(t for t in [page_text, *bodies] if t),
        "heading_text": file_texts[0] if file_texts else page_text,
        "signature_text": "\n\n".join(c for c in cut if c),
    }


def build(order: BuildOrder) -> AnyDocument | Refusal:
    """The draft's document, or why it makes none (here or in a worker)."""
    page_text = order.page.main_text() if order.page is not None else order.page_text
    try:
        return build_document(
            kind=order.kind,
            source_id=order.source_id,
            institution=order.institution,
            jurisdiction=order.jurisdiction,
            url=order.url,
            fields=order.fields,
            **_texts(order.kind, page_text, order.file_texts),
            files=order.files,
            required=order.required,
            fetched_at=order.fetched_at,
            videos=order.videos,
            origin=order.origin,
            origins=order.origins,
            ocr_pages=order.ocr_pages,
            text_source=order.text_source,
            privacy=order.privacy,
        )
    except MissingField as exc:
        return Refusal("missing_field", str(exc))
    except InvalidDocument as exc:
        return Refusal("invalid_document", str(exc))


def _ready() -> bool:
    return True


_starts: Any = None  # in a worker: when each ticket's build began (shared with the crawl)


def _begin(parent: int, starts: Any) -> None:
    """A worker's start: it ends with the crawl, and stamps its builds in ``starts``."""
    global _starts
    end_with(parent)
    _starts = starts


def _stamped_build(ticket: int, order: BuildOrder) -> AnyDocument | Refusal:
    """``build``, its start written under ``ticket`` (CLOCK_MONOTONIC is system-wide)."""
    _starts[ticket] = time.monotonic()
    return build(order)


def timeout_refusal(url: str, limit_s: float) -> Refusal:
    """The counted error of a build abandoned at the limit."""
    return Refusal(
        BUILD_TIMEOUT,
        f"construir el documento de {url} tardó más de {limit_s:g} s "
        "(ABIERTO_BUILD_TIMEOUT_S): se abandonó y su proceso se detuvo",
    )


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's processes now (``shutdown`` would wait for the build that hangs);
    the executor then fails what they held and reaps them."""
    processes = dict(getattr(pool, "_processes", None) or {})  # no public handle in 3.11
    for process in processes.values():
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


class Builders:
    """Builds documents in ``workers`` processes once a crawl is big enough (none: here),
    or, with a time limit ``timeout_s``, always in a worker and abandoned past it.
    Safe to call from the pipeline's threads."""

    def __init__(self, workers: int, timeout_s: float = 0) -> None:
        self.timeout_s = max(0.0, timeout_s)
        self.workers = max(0, workers)
        if self.timeout_s:
            self.workers = max(1, self.workers)
        self.lost = 0  # workers that died
        self.boosted = False
        self._lock = threading.Lock()
        self._seen = 0
        self._pool: ProcessPoolExecutor | None = None
        self._started: Future | None = None
        # a ticket per build in the pool: one running per worker and one queued behind
        # (those of the workers ``boost`` adds are handed out then)
        tickets = 2 * self.workers if self.timeout_s else 0
        self._tickets: queue.SimpleQueue[int] = queue.SimpleQueue()
        for ticket in range(tickets):
            self._tickets.put(ticket)
        extra = 2 * END_WORKERS if tickets else 0
        self._starts = _WORKERS.RawArray("d", tickets + extra) if tickets else None
        self._used = False  # a build was submitted to a pool
        self._abandoned: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()

    def start(self) -> None:
        """With a time limit, start the pool now (every build will need it)."""
        if self.timeout_s:
            with self._lock:
                if self._pool is None:
                    self._start()

    def boost(self) -> bool:
        """Add ``END_WORKERS`` workers until the crawl's end (once; True if it did): for
        when the crawl waits for its builds. Not before the pool has started (a small
        crawl's builds stay where they are)."""
        with self._lock:
            pool = self._pool
            if self.boosted or self.workers == 0 or pool is None:
                return False
            self.boosted = True
            first = 2 * self.workers
            self.workers += END_WORKERS
            # the executor spawns up to this many at the next submits that find no worker
            # idle (no public way to grow a pool in 3.11); pools started later get as many
            pool._max_workers = self.workers
        if self.timeout_s:
            for ticket in range(first, first + 2 * END_WORKERS):
                self._tickets.put(ticket)
        return True

    def build(self, order: BuildOrder) -> tuple[AnyDocument | Refusal, bool]:
        """The draft's document (or refusal), and whether a worker died meanwhile."""
        self._used = True
        if self.timeout_s:
            return self._bounded(order)
        pool = self._usable()
        if pool is None:
            return build(order), False
        try:
            return pool.submit(build, order).result(), False
        except (BrokenProcessPool, CancelledError):  # cancelled: queued in a pool killed
            return build(order), self._broken(pool)

    def _bounded(self, order: BuildOrder) -> tuple[AnyDocument | Refusal, bool]:
        """The build in a worker, within ``timeout_s`` from when a worker takes it."""
        lost, tries = False, 0
        while tries < MAX_TRIES:
            pool, died = self._ready_pool()
            lost = lost or died
            if pool is None:
                tries += 1
                continue
            ticket = self._tickets.get()
            try:
                self._starts[ticket] = 0.0
                future = pool.submit(_stamped_build, ticket, order)
                return self._result(future, ticket), lost
            except FutureTimeout:
                self._abandon(pool)
                log.warning("building %s took over %g s: abandoned", order.url, self.timeout_s)
                return timeout_refusal(order.url, self.timeout_s), lost
            except (BrokenProcessPool, CancelledError):  # cancelled: queued in a pool killed
                pass
            except RuntimeError:  # submitted to a pool another thread shut down
                if pool is self._pool:
                    raise
            finally:
                self._tickets.put(ticket)
            if pool not in self._abandoned:  # another build's timeout is not this one's fault
                tries += 1
                lost = self._broken(pool) or lost
        message = (
            f"el documento de {order.url} no se pudo construir en un proceso aparte: "
            f"el proceso terminó o no arrancó ({tries} intentos)"
        )
        return Refusal(BUILD_FAILED, message), lost

    def _result(self, future: Future, ticket: int) -> AnyDocument | Refusal:
        """The build's result within ``timeout_s`` of its start. Before it starts it
        waits behind the build its worker holds, itself bounded by the limit."""
        while True:
            started = self._starts[ticket]
            wait = started + self.timeout_s - time.monotonic() if started else 0.05
            try:
                return future.result(timeout=max(0.0, wait))
            except FutureTimeout:
                if started:
                    raise

    def _ready_pool(self) -> tuple[ProcessPoolExecutor | None, bool]:
        """The pool once its first worker answered (started if need be), or None if it
        could not start (counted like a worker that died: True if this call counted it)."""
        with self._lock:
            if self._pool is None:
                self._start()
            pool, started = self._pool, self._started
        try:
            if started is None:
                raise BrokenProcessPool("the pool did not start")
            started.result(timeout=START_S)
            return pool, False
        except (BrokenProcessPool, FutureTimeout):
            return None, pool is not None and self._broken(pool)

    def _abandon(self, pool: ProcessPoolExecutor) -> None:
        """Kill the pool holding a build past its limit; the next build starts another."""
        with self._lock:
            self._abandoned.add(pool)
            if self._pool is pool:
                self._pool, self._started = None, None
        _kill_workers(pool)

    def _usable(self) -> ProcessPoolExecutor | None:
        """The pool once its workers answered; started at the ``WARM_AFTER``-th build."""
        with self._lock:
            self._seen += 1
            if self.workers == 0 or self._seen <= WARM_AFTER:
                return None
            if self._pool is None:
                self._start()
            started = self._started
            if started is None or not started.done():
                return None
            return self._pool

    def _start(self) -> None:
        try:  # spawned: no fork of the crawl's threads
            begin, args = (
                (_begin, (os.getpid(), self._starts))
                if self.timeout_s
                else (end_with, (os.getpid(),))
            )
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=_WORKERS, initializer=begin, initargs=args
            )
            self._started = self._pool.submit(_ready)
        except (BrokenProcessPool, OSError) as exc:
            log.warning("the workers building documents could not start (%s)", exc)
            self._started = None
            if not self.timeout_s:  # built here from now on
                self.workers = 0

    def _broken(self, pool: ProcessPoolExecutor) -> bool:
        """Replace the broken ``pool`` (once, whoever notices first); True for that one.
        Without a time limit, after ``MAX_RESTARTS`` every build stays here."""
        with self._lock:
            if self._pool is not pool:
                return False
            self.lost += 1
            log.warning("a worker building documents died: its builds are done again")
            self._pool, self._started = None, None
            if self.lost >= MAX_RESTARTS and not self.timeout_s:
                self.workers = 0
        _kill_workers(pool)
        return True

    def close(self) -> None:
        with self._lock:
            pool, self._pool, self._started = self._pool, None, None
        if pool is None:
            return
        if self._used:
            pool.shutdown(wait=True, cancel_futures=True)
        else:  # started with the crawl, never given a build: nothing to wait for
            _kill_workers(pool)
