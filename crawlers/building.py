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

Each worker owns two duplex pipes, one per ticket: the thread that needs a build takes
a ticket, sends the order down its pipe and reads the answer itself (no executor's
manager or feeder thread waking for every build), while the worker takes the next build
on its other pipe as it answers one. A worker that dies (killed, crashed, killed for its memory)
loses nothing: its pipes end, the builds it held are done again (without a time limit in
this process), that worker alone is replaced and the run counts ``workers_lost``; without
a time limit, after ``MAX_RESTARTS`` deaths every build stays here. What a build raises
in a worker is raised here, as if it were built here (an ``item_failed`` error); after a
``MemoryError`` the worker leaves and is replaced.

With a time limit (``ABIERTO_BUILD_TIMEOUT_S``, the default) no build runs here: a
thread cannot be stopped, and a huge page or a regex gone slow would hold the crawl for
ever. So the workers start with the crawl (``start``), while it fetches its first pages,
rather than making the first build wait for them; workers no build used are killed at the
end, not waited for. A build's clock starts when its worker takes it (the worker stamps
the moment in shared memory, so a build queued behind another waits without its clock
running). A build past the limit is abandoned: its worker alone is killed and replaced,
the build queued behind it on its other pipe is done again elsewhere (not counted as
lost), and the item is a ``build_timeout`` error naming its URL and the limit; it is never
tried again. A build whose worker died under it ``MAX_TRIES`` times is a ``build_failed``
error, so a page that kills its worker cannot restart workers for ever.

Once nothing is downloading while many pages wait for their builds (fetching has ended,
or Scrapy paused it for the backlog), the crawl process's own core is free: ``boost`` adds
``END_WORKERS`` workers for the rest of the crawl (a worker more from the start would take
that core from the downloads).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import math
import os
import queue
import select
import threading
import time
from dataclasses import dataclass
from multiprocessing import spawn
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext, SpawnProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any

from indexer.build import (
    AnyDocument,
    InvalidDocument,
    MissingField,
    build_document,
    document_texts,
)
from indexer.extract import html_main_text
from indexer.log_guard import guard_logs
from indexer.models import FileRef, OcrPageRef, VideoLink
from indexer.orphans import end_with

WARM_AFTER = 40
MAX_RESTARTS = 3
MAX_AUTO_WORKERS = 4
END_WORKERS = 1  # added by ``boost`` once fetching has ended
MAX_TRIES = 2  # a bounded build whose worker died under it this often is an error
START_S = 120.0  # a worker that has not started by then is killed (and counted lost)
TICKETS = 2  # builds handed to one worker at once: the one it runs, one queued behind
QUEUED_POLL_S = 0.05  # how often a build queued behind another looks whether it began
READY_POLL_S = 0.01
CLOSE_S = 10.0  # a closed worker answering its last build
REAP_S = 5.0  # a killed process reaped
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
            **document_texts(order.kind, page_text, order.file_texts),
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


@dataclass(frozen=True)
class _Raised:
    """An exception a build raised in a worker, raised again in the crawl (an
    ``item_failed`` error, as when it is built here). ``fatal``: the worker left after it
    (out of memory) and is replaced."""

    error: BaseException
    fatal: bool = False


def _portable(error: Exception) -> Exception:
    """``error`` if it crosses processes intact, else a ``RuntimeError`` naming it (an
    exception whose arguments do not rebuild it would fail in the crawl's ``recv``)."""
    try:
        ForkingPickler.loads(ForkingPickler.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _answer(connection: Connection, order: BuildOrder) -> None:
    """Build ``order`` and send the document, the refusal or what the build raised."""
    fatal = False
    try:
        answer: Any = build(order)
    except MemoryError as exc:
        answer, fatal = _Raised(exc, fatal=True), True
    except Exception as exc:
        answer = _Raised(_portable(exc))
    try:
        connection.send(answer)
    except OSError:  # the crawl gave up on it (its build was abandoned)
        pass
    except Exception as exc:  # pickling: an answer that cannot cross processes
        connection.send(_Raised(RuntimeError(f"{type(exc).__name__}: {exc}")))
    if fatal:
        os._exit(1)


def _serve(parent: int, connections: list[Connection], tickets: list[int], shared: Any) -> None:
    """A worker's life: it ends with the crawl (or when the crawl closes its pipes), says
    it is ready, and builds what arrives on any of its pipes, stamping in ``starts`` when
    each ticket's build began (CLOCK_MONOTONIC is system-wide)."""
    starts, ready, slot = shared
    end_with(parent)
    guard_logs()  # no spec's keys here: what it logs is hidden by shape
    poller = select.poll()
    held = {}
    for connection, ticket in zip(connections, tickets, strict=True):
        poller.register(connection.fileno(), select.POLLIN)
        held[connection.fileno()] = (connection, ticket)
    ready[slot] = 1
    while held:
        for fd, _ in poller.poll():
            connection, ticket = held[fd]
            try:
                order = connection.recv()
            except (EOFError, OSError):  # the crawl closed this pipe
                poller.unregister(fd)
                del held[fd]
                continue
            starts[ticket] = time.monotonic()
            _answer(connection, order)


def timeout_refusal(url: str, limit_s: float) -> Refusal:
    """The counted error of a build abandoned at the limit."""
    return Refusal(
        BUILD_TIMEOUT,
        f"construir el documento de {url} tardó más de {limit_s:g} s "
        "(ABIERTO_BUILD_TIMEOUT_S): se abandonó y su proceso se detuvo",
    )


class _Died(Exception):
    """The worker ended (killed, crashed) or never started under a build."""


class _Expired(Exception):
    """The build ran past the time limit."""


@dataclass(eq=False)
class _Worker:
    """One build process and the crawl's ends of its pipes (one per ticket), each with a
    poller to wait on it with a deadline. The pipes stay open while a thread holds the
    worker, so a file descriptor is never reused under a waiting thread."""

    slot: int
    process: BuildWorker
    connections: list[Connection]
    pollers: list[Any]
    retired: bool = False
    abandoned: bool = False  # killed because a build it held ran past the limit


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
        self._began = False  # the workers were started
        self._used = False  # a build was handed to a worker's pipe
        slots = self.workers + END_WORKERS if self.workers else 0  # ``boost``'s too
        self._slots: list[_Worker | None] = [None] * slots
        self._starts = _WORKERS.RawArray("d", TICKETS * slots) if slots else None
        self._ready = _WORKERS.RawArray("b", slots) if slots else None
        # a ticket per build handed to a worker (those of ``boost``'s workers are handed
        # out then); ticket t is pipe t % TICKETS of the worker in slot t // TICKETS
        self._tickets: queue.SimpleQueue[int] = queue.SimpleQueue()
        for ticket in range(TICKETS * self.workers):
            self._tickets.put(ticket)

    def start(self) -> None:
        """With a time limit, start the workers now (every build will need them)."""
        if self.timeout_s:
            with self._lock:
                self._begin()

    def boost(self) -> bool:
        """Add ``END_WORKERS`` workers until the crawl's end (once; True if it did): for
        when the crawl waits for its builds. Not before the workers have started (a small
        crawl's builds stay where they are)."""
        with self._lock:
            if self.boosted or self.workers == 0 or not self._began:
                return False
            self.boosted = True
            first = TICKETS * self.workers
            self.workers += END_WORKERS
        for ticket in range(first, first + TICKETS * END_WORKERS):
            self._tickets.put(ticket)  # their workers start when a build takes one
        return True

    def build(self, order: BuildOrder) -> tuple[AnyDocument | Refusal, bool]:
        """The draft's document (or refusal), and whether a worker died meanwhile."""
        if self.timeout_s:
            return self._bounded(order)
        with self._lock:
            self._seen += 1
            if self.workers == 0 or self._seen <= WARM_AFTER:
                return build(order), False
            self._begin()
        ticket = self._take()
        try:
            worker = self._worker(ticket) if self.workers else None
            if worker is None or not self._ready[worker.slot]:
                return build(order), False  # until the workers have started
            try:
                return self._exchange(worker, ticket, order, 0.0), False
            except _Died:
                return build(order), self._retire(worker, lost=True)
        finally:
            self._tickets.put(ticket)

    def _bounded(self, order: BuildOrder) -> tuple[AnyDocument | Refusal, bool]:
        """The build in a worker, within ``timeout_s`` from when the worker takes it."""
        lost, tries = False, 0
        while tries < MAX_TRIES:
            ticket = self._take()
            worker = None
            try:
                worker = self._worker(ticket)
                if worker is None:
                    raise _Died("the worker could not start")
                self._await_ready(worker)
                return self._exchange(worker, ticket, order, self.timeout_s), lost
            except _Expired:
                self._abandon(worker)
                log.warning("building %s took over %g s: abandoned", order.url, self.timeout_s)
                return timeout_refusal(order.url, self.timeout_s), lost
            except _Died:
                if worker is not None and worker.abandoned:
                    continue  # queued behind another build's timeout: not this one's fault
                tries += 1
                lost = (worker is not None and self._retire(worker, lost=True)) or lost
            finally:
                self._tickets.put(ticket)
        message = (
            f"el documento de {order.url} no se pudo construir en un proceso aparte: "
            f"el proceso terminó o no arrancó ({tries} intentos)"
        )
        return Refusal(BUILD_FAILED, message), lost

    def _take(self) -> int:
        """A ticket: waits while every pipe of every worker holds a build."""
        return self._tickets.get()

    def _exchange(
        self, worker: _Worker, ticket: int, order: BuildOrder, limit_s: float
    ) -> AnyDocument | Refusal:
        """Send ``order`` down the ticket's pipe and read the answer: within ``limit_s``
        of when the worker took it (if not 0); before that it waits behind the build the
        worker holds, itself bounded, whose abandon ends this worker (``_Died``)."""
        connection = worker.connections[ticket % TICKETS]
        self._used = True
        try:
            if limit_s:
                self._starts[ticket] = 0.0
                sent = time.monotonic()
                connection.send(order)
                self._within(worker.pollers[ticket % TICKETS], ticket, sent, limit_s)
            else:
                connection.send(order)
            answer = connection.recv()
        except (EOFError, OSError) as exc:
            raise _Died(str(exc)) from exc
        if isinstance(answer, _Raised):
            if answer.fatal:
                self._retire(worker, lost=False)
            raise answer.error
        return answer

    def _within(self, poller: Any, ticket: int, sent: float, limit_s: float) -> None:
        """Return once the answer (or the worker's end) is there; ``_Expired`` past the
        limit from the build's start, ``_Died`` if it never started."""
        while True:
            started = self._starts[ticket]
            now = time.monotonic()
            if started:
                wait = started + limit_s - now
            elif now - sent > limit_s + START_S:
                raise _Died("the worker never took the build")
            else:
                wait = QUEUED_POLL_S
            if poller.poll(max(0, math.ceil(1000 * wait))):
                return
            if started:
                raise _Expired

    def _worker(self, ticket: int) -> _Worker | None:
        """The live worker holding the ticket's pipe, started if need be (None if it
        could not start; without a time limit every build stays here from then on)."""
        slot = ticket // TICKETS
        with self._lock:
            worker = self._slots[slot]
            if worker is None or worker.retired:
                worker = self._slots[slot] = self._spawn(slot)
            return worker

    def _begin(self) -> None:
        """Start the first workers (under the lock)."""
        if self._began:
            return
        self._began = True
        for slot in range(self.workers):
            self._slots[slot] = self._spawn(slot)

    def _spawn(self, slot: int) -> _Worker | None:
        """A worker for ``slot`` (spawned: no fork of the crawl's threads), under the lock."""
        pairs = [_WORKERS.Pipe() for _ in range(TICKETS)]
        tickets = [TICKETS * slot + k for k in range(TICKETS)]
        self._ready[slot] = 0
        process = _WORKERS.Process(
            target=_serve,
            args=(os.getpid(), [theirs for _, theirs in pairs], tickets),
            kwargs={"shared": (self._starts, self._ready, slot)},
            daemon=True,
        )
        try:
            process.start()
        except OSError as exc:
            log.warning("the workers building documents could not start (%s)", exc)
            for ours, _ in pairs:
                ours.close()
            if not self.timeout_s:  # built here from now on
                self.workers = 0
            return None
        finally:
            for _, theirs in pairs:
                theirs.close()  # the worker's end: its death is then an end of file here
        pollers = []
        for ours, _ in pairs:
            poller = select.poll()
            poller.register(ours.fileno(), select.POLLIN)
            pollers.append(poller)
        return _Worker(slot, process, [ours for ours, _ in pairs], pollers)

    def _await_ready(self, worker: _Worker) -> None:
        """Wait until the worker has started (its imports), at most ``START_S``."""
        deadline = time.monotonic() + START_S
        while not self._ready[worker.slot]:
            if worker.retired or not worker.process.is_alive() or time.monotonic() > deadline:
                raise _Died("the worker did not start")
            time.sleep(READY_POLL_S)

    def _abandon(self, worker: _Worker) -> None:
        """Kill the worker holding a build past its limit; the next build starts another,
        and the builds queued behind it on its pipes are done again."""
        with self._lock:
            worker.abandoned = True
        self._retire(worker, lost=False)

    def _retire(self, worker: _Worker, lost: bool) -> bool:
        """Kill ``worker`` (once, whoever notices first; the next build in its slot starts
        another); True if this call counted it ``lost``. Without a time limit, after
        ``MAX_RESTARTS`` every build stays here."""
        with self._lock:
            if worker.retired:
                return False
            worker.retired = True
            if lost:
                self.lost += 1
                log.warning("a worker building documents died: its builds are done again")
                if self.lost >= MAX_RESTARTS and not self.timeout_s:
                    self.workers = 0
        worker.process.kill()
        worker.process.join(REAP_S)
        return lost

    def close(self) -> None:
        """End the workers: those given builds when they have answered them (their pipes
        closed), one never given a build at once; none outlives this."""
        with self._lock:
            workers = [w for w in self._slots if w is not None and not w.retired]
            for worker in workers:
                worker.retired = True
            self._slots = [None] * len(self._slots)
        for worker in workers:
            for connection in worker.connections:
                connection.close()
        for worker in workers:
            if self._used:
                worker.process.join(CLOSE_S)
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join(REAP_S)
