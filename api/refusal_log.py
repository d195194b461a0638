"""Refused attempts on another institution's source, written to that source's audit log
off the request's path. The answer to another's id must be the answer to an unknown one,
in its time too: a note written inside the request (a commit; on PostgreSQL a round trip
and a flush to disk, or a wait behind whoever holds the table) made an existing id's 404
slower than an unknown id's, and so told that the source exists. One thread writes the
notes in order; how many may wait is bounded, in all and for each key.

Whether a note is written at all (the rate of notes per key) is decided here too, by the
writing thread: that budget is a row of the database (``rate_limits``), and spending it
inside the request was a write transaction only an existing id's 404 made (2 ms more of
10 under load, and on PostgreSQL a second's wait behind whoever held that row). The
request only queues, at most ``MAX_PENDING_PER_KEY`` notes of one key at once; and a
refusal about no source queues a blank note that costs the thread the same work (see
``RefusalLog.note``), so even the thread's share of the processor tells nothing.

Notes that come faster than the thread writes them are not lost: past the bound, a
key's further attempts on one source are counted, and written as one entry that says
how many attempts it stands for (``detail["attempts"]``)."""

from __future__ import annotations

import logging
import queue
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from indexer.db import Database
from indexer.db.registry import Caller, Registry

log = logging.getLogger(__name__)

MAX_PENDING = 10_000
MAX_PENDING_PER_KEY = 100  # one key's flood leaves room for the others' notes
MAX_COUNTED = 10_000  # (key, source, action) groups counted past the bounds at once
# a note is written this long after it is queued (a random wait in it): not while the
# answer that queued it is being made, nor always during the caller's next request
DELAY_S = (0.05, 0.4)
_STOP = object()


@dataclass
class _Counted:
    """Attempts past the bounds, of one key on one source: written as one entry."""

    caller: Caller
    client: str | None
    allowed: Callable[[], bool] | None
    attempts: int = 0


class RefusalLog:
    def __init__(self, db: Database, max_pending: int = MAX_PENDING) -> None:
        self.registry = Registry(db)
        self.max_pending = max_pending
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending = 0
        self._by_key: dict[tuple[str, bool], int] = {}
        self._counted: dict[tuple[str, str | None, str], _Counted] = {}
        self._changed = threading.Condition()
        self._hurry = threading.Event()  # the owner reads its audit log: write them now
        self._thread: threading.Thread | None = None

    def note(
        self,
        action: str,
        source_id: str | None,
        caller: Caller,
        client: str | None,
        detail: dict[str, Any],
        allowed: Callable[[], bool] | None = None,
    ) -> None:
        """Queue a note; returns at once, whatever the database is doing. ``allowed``,
        asked by the writing thread, says whether the note is still within its budget.
        A ``source_id`` of None is a refusal about no source: nothing is written, but the
        thread does a note's work (``allowed`` twice: two short write transactions, as a
        budget's and a note's). A thread woken to write took the processor from the
        request it was woken by, 2 ms of 10 under load, and only an existing id's
        refusal woke it: now every refusal has that work done, a random while later
        (``DELAY_S``), with whatever was queued meanwhile."""
        kind = (caller.key_id, source_id is None)  # real notes and blank ones apart
        with self._changed:
            held = self._by_key.get(kind, 0)
            if self._pending >= self.max_pending or held >= MAX_PENDING_PER_KEY:
                item: Any = self._count(action, source_id, caller, client, allowed)
                if item is None:
                    return
            else:
                self._by_key[kind] = held + 1
                item = (action, source_id, caller, client, detail, allowed)
            self._pending += 1
            self._start()
        self._queue.put(item)

    def _count(
        self,
        action: str,
        source_id: str | None,
        caller: Caller,
        client: str | None,
        allowed: Callable[[], bool] | None,
    ) -> tuple[str, str | None, str] | None:
        """Counts an attempt past the bounds (the lock held). The first of its group
        returns the group, to be queued: the thread writes the group's count when it
        comes to it, so a flood costs one entry per key and source, and loses none."""
        group = (caller.key_id, source_id, action)
        counted = self._counted.get(group)
        if counted is not None:
            counted.attempts += 1
            return None
        if len(self._counted) >= MAX_COUNTED:
            log.warning("intento rechazado sobre %s sin anotar: demasiadas notas", source_id)
            return None
        self._counted[group] = _Counted(caller, client, allowed, attempts=1)
        return group

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._write, name="notas-de-rechazos", daemon=True
            )
            self._thread.start()

    def settle(self, timeout_s: float = 5.0) -> bool:
        """Wait until every note queued so far is written (or failed); False on timeout."""
        self._hurry.set()
        try:
            with self._changed:
                return self._changed.wait_for(lambda: self._pending == 0, timeout_s)
        finally:
            self._hurry.clear()

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
            self._hurry.wait(random.uniform(*DELAY_S))
            batch = [item]  # with whatever came meanwhile: one wait for them all
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            for one in batch:
                if one is _STOP:
                    return
                if len(one) == 3:
                    self._write_counted(one)
                else:
                    self._write_one(*one)

    def _write_counted(self, group: tuple[str, str | None, str]) -> None:
        with self._changed:
            counted = self._counted.pop(group)
        _, source_id, action = group
        detail = {"attempts": counted.attempts}
        try:
            within = counted.allowed is None or counted.allowed()
            if source_id is None:
                if counted.allowed is not None:
                    counted.allowed()
            elif within:
                self.registry.audit(action, source_id, counted.caller, counted.client, detail)
        except Exception as exc:
            log.warning("intentos rechazados sobre %s sin anotar: %s", source_id or "-", exc)
        finally:
            with self._changed:
                self._pending -= 1
                self._changed.notify_all()

    def _write_one(
        self,
        action: str,
        source_id: str | None,
        caller: Caller,
        client: str | None,
        detail: dict[str, Any],
        allowed: Callable[[], bool] | None,
    ) -> None:
        try:
            within = allowed is None or allowed()
            if source_id is None:
                if allowed is not None:
                    allowed()  # the note's write, in time
            elif within:
                self.registry.audit(action, source_id, caller, client, detail)
        except Exception as exc:  # a full disk, a busy or closed database: the note only
            log.warning("intento rechazado sobre %s sin anotar: %s", source_id or "-", exc)
        finally:
            held = (caller.key_id, source_id is None)
            with self._changed:
                self._pending -= 1
                left = self._by_key.pop(held, 1) - 1
                if left:
                    self._by_key[held] = left
                self._changed.notify_all()
