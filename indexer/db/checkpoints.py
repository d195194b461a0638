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

    def stop(self) -> None:
        """End the thread (a checkpoint running finishes first)."""
        self._stopped.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:  # the commits' auto-checkpoint does it, as before
            log.debug("no checkpoint thread for %s: %s", self.path, exc)
            return
        try:
            while not self._stopped.wait(self.interval_s):
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # busy or gone: the next one, or the commits'
                    log.debug("checkpoint of %s skipped: %s", self.path, exc)
        finally:
            connection.close()
