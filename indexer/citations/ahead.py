"""Texts' citations scanned in a thread ahead of their reading.

The Rust scan of a text (``native.scan``: where a case, a tesis, an article can start
and what matches there) is about half of reading its citations, and it lets the
interpreter go while it runs. A writer reading a batch's citations one document after
the other (``records.record_citations``) has the next few scanned by one thread
meanwhile, so its own thread does only the Python part: the same scan, the same
citations, less of the writer's time. A chunk the thread has not begun when the writer
comes to it is scanned by the writer instead of waited for (the thread may be short of a
core). The texts go to the thread in chunks of up to
``CHUNK`` texts or ``CHUNK_CHARS`` characters: handing each over alone (a future, a
wake-up, a wait) cost the writer about 12 µs a text, a third of what the scan saved it
on a 3 KB text. Two chunks at most are scanned ahead of the one being read (their folds
are copies of the texts: memory stays bounded).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from indexer.citations import Scan, prescan
from indexer.citations.native import SCAN

CHUNK = 8  # texts handed to the thread at once, at most
CHUNK_CHARS = 256_000  # and characters (one longer text goes alone)
AHEAD = 2  # chunks handed over beyond the one being read
_pool: tuple[int, ThreadPoolExecutor] | None = None
_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    """The process's scanning thread (a forked child makes its own)."""
    global _pool
    with _lock:
        if _pool is None or _pool[0] != os.getpid():
            _pool = (os.getpid(), ThreadPoolExecutor(1, thread_name_prefix="citation-scan"))
        return _pool[1]


def scanned(texts: Iterable[str]) -> Iterator[Scan | None]:
    """``prescan`` of each of ``texts``, in order, run ahead in a thread (None each where
    no Rust scanner reads: ``extract_citations`` reads the text itself)."""
    if SCAN is None:
        for _ in texts:
            yield None
        return
    pool = _executor()
    remaining = iter(texts)
    pending: deque[tuple[Future[list[Scan]], list[str]]] = deque()
    while True:
        chunk = _chunk(remaining)
        if chunk:
            pending.append((pool.submit(_prescans, chunk), chunk))
        if not pending:
            return
        # the oldest chunk read once the next ones are under way (or none is left)
        if len(pending) > AHEAD or not chunk:
            future, texts_of = pending.popleft()
            # one the thread has not begun is scanned here, not waited for: a thread
            # short of a core (a loaded machine, Tantivy's threads beside it) left the
            # writer asleep on chunks it had not started, some 120 µs a 3 KB document
            # at a load of 11 (bench/write.py's blocked time); the same scans, once each
            if future.cancel():
                yield from _prescans(texts_of)
            else:
                yield from future.result()


def _chunk(texts: Iterator[str]) -> list[str]:
    """The next texts, up to ``CHUNK`` of them or ``CHUNK_CHARS`` characters."""
    chunk: list[str] = []
    chars = 0
    for text in texts:
        chunk.append(text)
        chars += len(text)
        if len(chunk) >= CHUNK or chars >= CHUNK_CHARS:
            break
    return chunk


def _prescans(texts: list[str]) -> list[Scan]:
    return [prescan(text) for text in texts]
