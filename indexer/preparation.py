"""Documents prepared for the embedded index in worker processes while this one writes.

Reading a text's citations and its index entry (``tantivy_entry.prepare``: pair terms,
descriptive words, the hit's JSON) needs the document alone and is most of an indexer's
Python time; the database and the index writer need this process. So the batches of a
flush go to ``workers`` processes a little ahead of the writing, and come back in order,
each document with its citations (unless the database's can be reused) and its prepared
entry or the error preparing it met (counted for that document, as in-process). A flush
of fewer than ``MIN_PARALLEL`` documents is prepared here: a worker would only add the
trip. At most ``AHEAD`` batches are out at a time, so memory stays bounded.

What a worker prepared comes back in a file of the flush's spool folder, the pipe carrying
only its name: a result written into the pipe by a worker killed halfway through (out of
memory, an operator's ``kill``) left the executor's reader waiting for the rest forever,
and the flush hung instead of preparing the batch here.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import pickle
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from indexer.citations import Citation
from indexer.citations.records import read_citations, unread
from indexer.db import Database
from indexer.log_guard import guard_logs
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.orphans import end_with
from indexer.stores import tantivy_store
from indexer.stores.tantivy_entry import Prepared, prepare

AnyDocument = Sentencia | Sesion | Legislativo
CHUNK = 100  # documents per task
MIN_PARALLEL = 2 * CHUNK
AHEAD = 2  # batches prepared or being prepared beyond the one being written
log = logging.getLogger(__name__)


def _start(parent: int) -> None:
    """A preparing process ends with its writer and logs no credential (``guard_logs``)."""
    end_with(parent)
    guard_logs()


@dataclass
class Batch:
    """Documents to write, in order, and what was prepared for them (by id)."""

    docs: list[AnyDocument]
    citations: dict[str, list[Citation]] = field(default_factory=dict)
    ready: dict[str, Prepared | str] = field(default_factory=dict)


def prepare_chunk(
    docs: list[AnyDocument], read: set[str]
) -> tuple[dict[str, list[Citation]], dict[str, Prepared | str]]:
    """In a worker: the citations of the documents in ``read``, and every document's
    prepared entry or the error that kept it out (a withheld document is never indexed:
    nothing to prepare)."""
    citations = {doc.id: read_citations(doc) for doc in docs if doc.id in read}
    pairs = not tantivy_store.writer_makes_pairs()
    ready: dict[str, Prepared | str] = {}
    for doc in docs:
        if doc.privacy is not None and doc.privacy.withheld:
            continue
        try:
            ready[doc.id] = prepare(doc, pairs)
        except (ValueError, TypeError, OverflowError) as exc:
            ready[doc.id] = str(exc)
    return citations, ready


def prepare_into(docs: list[AnyDocument], read: set[str], spool: str) -> str:
    """In a worker: ``prepare_chunk``'s answer pickled into a file of ``spool``, and its
    name (a few bytes, written into the pipe at once)."""
    fd, path = tempfile.mkstemp(dir=spool, suffix=".prepared")
    with os.fdopen(fd, "wb") as out:
        pickle.dump(prepare_chunk(docs, read), out, protocol=pickle.HIGHEST_PROTOCOL)
    return path


class Preparer:
    """Prepares a flush's batches in ``workers`` processes (none: in this one)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(0, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._spool: str | None = None

    def stream(
        self,
        db: Database,
        batches: Iterable[list[AnyDocument]],
        read: Mapping[str, int] | None = None,
    ) -> Iterator[Batch]:
        """``batches`` in order, each with what was prepared for it ahead. ``read``: the
        documents' numbers read with them (``citations.records.unread``)."""
        items = iter(batches)
        first = next(items, None)
        if first is None:
            return
        if self.workers == 0 or len(first) < MIN_PARALLEL:
            yield Batch(first)
            yield from (Batch(batch) for batch in items)
            return
        window: deque[tuple[list[AnyDocument], list[Future]]] = deque()
        try:
            for batch in itertools.chain([first], items):
                futures: list[Future] = []
                window.append((batch, futures))  # kept, should the pool break at submit
                futures.extend(self._submit(db, batch, read))
                if len(window) > AHEAD:
                    yield _collect(*window[0])
                    window.popleft()
            while window:
                yield _collect(*window[0])
                window.popleft()
        except BrokenProcessPool:
            # a worker could not start or died (killed, out of memory, a script that
            # opens the library unguarded by ``if __name__ == "__main__"``): what was not
            # handed over yet is prepared here, and so are the flushes that follow
            log.warning("the index's preparing workers stopped: preparing in this process")
            self.close()
            self.workers = 0
            left = [batch for batch, _ in window]
            window.clear()
            yield from (Batch(batch) for batch in itertools.chain(left, items))
        finally:
            for _, futures in window:  # the caller stopped early: drop what is left
                for future in futures:
                    future.cancel()

    def _submit(
        self, db: Database, batch: list[AnyDocument], read: Mapping[str, int] | None = None
    ) -> list[Future]:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # no fork of the writer's threads
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_start, initargs=(os.getpid(),)
            )
            self._spool = tempfile.mkdtemp(prefix="abierto-preparing-")
        unread_ids = unread(db, batch, read)
        chunks = [batch[i : i + CHUNK] for i in range(0, len(batch), CHUNK)]
        return [
            self._pool.submit(prepare_into, chunk, {d.id for d in chunk} & unread_ids, self._spool)
            for chunk in chunks
        ]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._spool is not None:
            shutil.rmtree(self._spool, ignore_errors=True)
            self._spool = None


def _chain(
    first: list[AnyDocument], rest: Iterator[list[AnyDocument]]
) -> Iterator[list[AnyDocument]]:
    yield first
    yield from rest


def _collect(docs: list[AnyDocument], futures: list[Future]) -> Batch:
    batch = Batch(docs)
    for future in futures:
        path = future.result()
        with open(path, "rb") as prepared:
            citations, ready = pickle.load(prepared)
        os.unlink(path)
        batch.citations.update(citations)
        batch.ready.update(ready)
    return batch
