"""Copy SQLite's write-ahead log into the database beside the writer, not in its commits.

A commit that finds the log past ``wal_autocheckpoint`` pages copies it into the database
itself (reading each page back and writing it again): about 8% of a crawl's main thread,
paid by the save that happened to cross the line. A thread of the writing process does it
every few seconds instead, on a connection of its own (SQLite works without Python's lock
meanwhile), never blocking the writer (a passive checkpoint); the commits' own
auto-checkpoint stays as the bound on the log's size when this one falls behind (a crawl
faster than the interval fills it) and skips while this one copies.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# Seconds between checkpoints: a crawl writes about 1,500 log pages a second on this
# machine, so each copies about as many pages as the commits' auto-checkpoint did (a page
# rewritten by many batches is still copied once per checkpoint, not once per batch).
CHECKPOINT_S = 5.0


class WalCheckpoints:
    """A daemon thread that checkpoints ``path``'s log every ``interval_s`` until
    ``stop``."""

    def __init__(self, path: str, interval_s: float = CHECKPOINT_S) -> None:
        self.path = path
        self.interval_s = interval_s
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """End the thread (a checkpoint running finishes first)."""
        self._stopped.set()
        if wait:
            self._thread.join()

    def _run(self) -> None:
        # a connection per checkpoint, not one held between them: a database its program
        # never closed (its object gone: ``Database.checkpoint_behind``) leaves no open
        # files behind, and the thread ends with it
        while not self._stopped.wait(self.interval_s):
            try:
                # read-write, never create: a database removed meanwhile stays gone
                address = Path(self.path).resolve().as_uri() + "?mode=rw"
                connection = sqlite3.connect(address, uri=True, isolation_level=None)
            except sqlite3.Error as exc:  # gone: the commits' auto-checkpoint, as before
                log.debug("no checkpoint for %s: %s", self.path, exc)
                continue
            try:
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error as exc:  # busy or gone: the next one, or the commits'
                log.debug("checkpoint of %s skipped: %s", self.path, exc)
            finally:
                connection.close()
