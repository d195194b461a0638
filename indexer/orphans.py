"""Worker processes end with the process that started them.

A pool's worker waits for its next task on a pipe it holds both ends of, so it never
sees its parent die: a crawl or an indexer killed (``kill -9``, a crawl's time limit)
would leave its workers waiting for ever. Each worker watches instead, and leaves once
its parent is gone.
"""

from __future__ import annotations

import os
import threading
import time

WATCH_EVERY_S = 1.0


def end_with(parent: int) -> None:
    """In a worker (a pool's ``initializer``): exit once ``parent`` is no longer ours."""
    threading.Thread(target=_watch, args=(parent,), name="end-with-parent", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_EVERY_S)
    os._exit(0)
