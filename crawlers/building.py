"""Documents built in worker processes while the crawl process downloads and saves.

Reading a page's main text, the readers (court, dates, case numbers) and the privacy
guard need the draft alone and are a third of a crawl's Python time; one process holds
one core (the GIL) however many threads it runs. So the pipeline's threads hand each
build to ``workers`` processes and wait (without the GIL) for the document. A small
crawl never starts them: the first ``WARM_AFTER`` documents are built here, and the
workers are used once they have started (spawned, not forked: the crawl runs threads).

A worker that dies (killed, out of memory) loses nothing: the builds it held are done
again in this process, the pool is started again (at most ``MAX_RESTARTS`` times, then
every build stays here) and the run counts ``workers_lost``.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from indexer.build import AnyDocument, InvalidDocument, MissingField, build_document
from indexer.extract import html_main_text
from indexer.models import FileRef, OcrPageRef, VideoLink
from indexer.orphans import end_with
from indexer.readers.signatures import split_signatures

WARM_AFTER = 40
MAX_RESTARTS = 3
MAX_AUTO_WORKERS = 4
log = logging.getLogger(__name__)


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
    page: PageHtml | None
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


class Builders:
    """Builds documents in ``workers`` processes once a crawl is big enough (none: here).
    Safe to call from the pipeline's threads."""

    def __init__(self, workers: int) -> None:
        self.workers = max(0, workers)
        self.lost = 0  # workers that died
        self._lock = threading.Lock()
        self._seen = 0
        self._pool: ProcessPoolExecutor | None = None
        self._started: Future | None = None

    def build(self, order: BuildOrder) -> tuple[AnyDocument | Refusal, bool]:
        """The draft's document (or refusal), and whether a worker died meanwhile."""
        pool = self._usable()
        if pool is None:
            return build(order), False
        try:
            return pool.submit(build, order).result(), False
        except BrokenProcessPool:
            return build(order), self._broken(pool)

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
        context = multiprocessing.get_context("spawn")  # no fork of the crawl's threads
        self._pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=end_with, initargs=(os.getpid(),)
        )
        try:
            self._started = self._pool.submit(_ready)
        except BrokenProcessPool:
            self._started = None

    def _broken(self, pool: ProcessPoolExecutor) -> bool:
        """Replace the broken ``pool`` (once, whoever notices first); True for that one."""
        with self._lock:
            if self._pool is not pool:
                return False
            self.lost += 1
            log.warning("a worker building documents died: built in the crawl process")
            pool.shutdown(wait=False, cancel_futures=True)
            self._pool, self._started = None, None
            if self.lost >= MAX_RESTARTS:
                self.workers = 0
            return True

    def close(self) -> None:
        with self._lock:
            pool, self._pool, self._started = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
