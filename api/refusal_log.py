"""Refused attempts on another institution's source, written to that source's audit log
off the request's path. The answer to another's id must be the answer to an unknown one,
in its time too: a note written inside the request (a commit; on PostgreSQL a round trip
and a flush to disk, or a wait behind whoever holds the table) made an existing id's 404
slower than an unknown id's, and so told that the source exists. One thread writes the
notes in order; how many may wait is bounded (they are already few: at most the write
rate per key, ``api.routers.sources._refusal_note``)."""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

from indexer.db import Database
from indexer.db.registry import Caller, Registry

log = logging.getLogger(__name__)

MAX_PENDING = 10_000
_STOP = object()


class RefusalLog:
    def __init__(self, db: Database, max_pending: int = MAX_PENDING) -> None:
        self.registry = Registry(db)
        self.max_pending = max_pending
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending = 0
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def note(
        self,
        action: str,
        source_id: str,
        caller: Caller,
        client: str | None,
        detail: dict[str, Any],
    ) -> None:
        """Queue a note; returns at once, whatever the database is doing."""
        with self._changed:
            if self._pending >= self.max_pending:
                log.warning("intento rechazado sobre %s sin anotar: demasiadas notas", source_id)
                return
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._write, name="notas-de-rechazos", daemon=True
                )
                self._thread.start()
        self._queue.put((action, source_id, caller, client, detail))

    def settle(self, timeout_s: float = 5.0) -> bool:
        """Wait until every note queued so far is written (or failed); False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._pending == 0, timeout_s)

    def close(self, timeout_s: float = 5.0) -> None:
        """Write what is queued, then stop the thread."""
        self.settle(timeout_s)
        with self._changed:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join(timeout_s)

    def _write(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            action, source_id, caller, client, detail = item
            try:
                self.registry.audit(action, source_id, caller, client, detail)
            except Exception as exc:  # a full disk, a busy or closed database: the note only
                log.warning("intento rechazado sobre %s sin anotar: %s", source_id, exc)
            finally:
                with self._changed:
                    self._pending -= 1
                    self._changed.notify_all()
