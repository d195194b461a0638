"""Texts' citations scanned in a thread ahead of their reading.

The Rust scan of a text (``native.scan``: where a case, a tesis, an article can start
and what matches there) is about half of reading its citations, and it lets the
interpreter go while it runs. A writer reading a batch's citations one document after
the other (``records.record_citations``) has the next few scanned by one thread
meanwhile, so its own thread does only the Python part: the same scan, the same
citations, less of the writer's time. At most ``AHEAD`` texts are scanned beyond the one
being read (their folds are copies of the texts: memory stays bounded).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from indexer.citations import Scan, prescan
from indexer.citations.native import SCAN

AHEAD = 8
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
    pending: deque[Future[Scan]] = deque()
    for text in remaining:
        pending.append(pool.submit(prescan, text))
        if len(pending) > AHEAD:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
