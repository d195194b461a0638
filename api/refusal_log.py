"""Refused attempts on another institution's source, written to that source's audit log
off the request's path. The answer to another's id must be the answer to an unknown one,
in its time too: a note written inside the request (a commit; on PostgreSQL a round trip
and a flush to disk, or a wait behind whoever holds the table) made an existing id's 404
slower than an unknown id's, and so told that the source exists. One thread writes the
notes in order; how many may wait is bounded (they are already few: at most the write
rate per key, ``api.routers.sources._refusal_note``).

Whether a note is written at all (the rate of notes per key) is decided here too, by the
writing thread: that budget is a row of the database (``rate_limits``), and spending it
inside the request was a write transaction only an existing id's 404 made (2 ms more of
10 under load, and on PostgreSQL a wait without end behind whoever held that row). The
request only queues, at most ``MAX_PENDING_PER_KEY`` notes of one key at once."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from indexer.db import Database
from indexer.db.registry import Caller, Registry

log = logging.getLogger(__name__)

MAX_PENDING = 10_000
MAX_PENDING_PER_KEY = 100  # one key's flood leaves room for the others' notes
_STOP = object()


class RefusalLog:
    def __init__(self, db: Database, max_pending: int = MAX_PENDING) -> None:
        self.registry = Registry(db)
        self.max_pending = max_pending
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending = 0
        self._by_key: dict[str, int] = {}
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def note(
        self,
        action: str,
        source_id: str,
        caller: Caller,
        client: str | None,
        detail: dict[str, Any],
        allowed: Callable[[], bool] | None = None,
    ) -> None:
        """Queue a note; returns at once, whatever the database is doing. ``allowed``,
        asked by the writing thread, says whether the note is still within its budget."""
        with self._changed:
            held = self._by_key.get(caller.key_id, 0)
            if self._pending >= self.max_pending or held >= MAX_PENDING_PER_KEY:
                log.warning("intento rechazado sobre %s sin anotar: demasiadas notas", source_id)
                return
            self._pending += 1
            self._by_key[caller.key_id] = held + 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._write, name="notas-de-rechazos", daemon=True
                )
                self._thread.start()
        self._queue.put((action, source_id, caller, client, detail, allowed))

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
            action, source_id, caller, client, detail, allowed = item
            try:
                if allowed is None or allowed():
                    self.registry.audit(action, source_id, caller, client, detail)
            except Exception as exc:  # a full disk, a busy or closed database: the note only
                log.warning("intento rechazado sobre %s sin anotar: %s", source_id, exc)
            finally:
                with self._changed:
                    self._pending -= 1
                    left = self._by_key.pop(caller.key_id, 1) - 1
                    if left:
                        self._by_key[caller.key_id] = left
                    self._changed.notify_all()
