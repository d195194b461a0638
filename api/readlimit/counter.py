"""Fixed one-minute windows per bucket, counted in memory and settled with the database.

A process decides each request from what it knows: the total every process had spent
when it last settled, plus what it counted itself since. It settles (one upsert per
bucket, one transaction) when ``settle_s`` has passed or a bucket has counted ``batch``
requests since its last settlement, where ``batch = min(settle_requests, limit // 10)``.
So a single process never exceeds a limit, and P processes overshoot it by at most
(P − 1) × batch requests per window (each can admit one unsettled batch the others
have not seen), plus requests that arrive while a settlement is under way.

When the database refuses a settlement (SQLite locked by a long writer, a network
failure), the counts stay pending and the process goes on deciding from what it knows;
a reader never waits for the lock and never sees an error because of it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from indexer.db.rate_limits import try_add_spent

WINDOW_S = 60


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset: int  # whole seconds until the window ends


@dataclass
class _Bucket:
    window: int
    settled: int = 0  # every process's total at this process's last settlement
    pending: int = 0  # counted here since, not yet in the database


class SharedCounter:
    def __init__(
        self,
        engine: Engine,
        settle_s: float = 0.5,
        settle_requests: int = 50,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.settle_s = settle_s
        self.settle_requests = settle_requests
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._batches: dict[str, int] = {}
        self._lock = threading.Lock()
        self._settling = threading.Lock()
        self._last_settle: float | None = None  # set by the first request
        self._early = False
        self._retry_at = 0.0
        self._forgot = 0  # the window whose older rows this process last deleted

    def batch(self, limit: int) -> int:
        return max(1, min(self.settle_requests, limit // 10))

    def hit(self, bucket: str, limit: int, cost: int = 1) -> Decision:
        """Spend ``cost`` requests of ``bucket`` if they fit in ``limit``; memory only."""
        now = self.clock()
        window = int(now // WINDOW_S) * WINDOW_S
        reset = max(1, math.ceil(window + WINDOW_S - now))
        cost = min(cost, limit)  # an expensive read stays possible with a fresh budget
        with self._lock:
            if self._last_settle is None:
                self._last_settle = now
            state = self._current(bucket, window)
            used = state.settled + state.pending
            if used + cost > limit:
                return Decision(False, limit, max(0, limit - used), reset)
            state.pending += cost
            self._batches[bucket] = self.batch(limit)
            if state.pending >= self._batches[bucket]:
                self._early = True
            return Decision(True, limit, limit - used - cost, reset)

    def charge(self, bucket: str, cost: int) -> None:
        """Spend ``cost`` after the fact (rows an export already sent); never refuses."""
        now = self.clock()
        with self._lock:
            self._current(bucket, int(now // WINDOW_S) * WINDOW_S).pending += cost

    def due(self) -> bool:
        """A settlement is due: a bucket filled its batch, or ``settle_s`` passed."""
        now = self.clock()
        if now < self._retry_at:
            return False  # the database refused the last one: give it a moment
        if self._early:
            return True
        last = self._last_settle if self._last_settle is not None else now
        return now - last >= self.settle_s and any(b.pending for b in self._buckets.values())

    def settle(self) -> bool:
        """Add pending counts to the table and learn every bucket's total. Blocking
        (run it off the event loop); a settlement already under way makes this a no-op.
        False when the database would not take the counts (kept for the next try)."""
        if not self._settling.acquire(blocking=False):
            return True
        try:
            with self._lock:
                now = self.clock()
                window = int(now // WINDOW_S) * WINDOW_S
                for name in [n for n, b in self._buckets.items() if b.window < window]:
                    del self._buckets[name]  # a finished window no longer matters
                taken = {n: (b.window, b.pending) for n, b in self._buckets.items() if b.pending}
                for name in taken:
                    self._buckets[name].pending = 0
                self._early = False
                self._last_settle = now
            if not taken:
                return True
            forget = window - WINDOW_S if window != self._forgot else None
            totals = try_add_spent(self.engine, taken, forget)
            if totals is not None and forget is not None:
                self._forgot = window
            with self._lock:
                self._retry_at = 0.0 if totals is not None else self.clock() + self.settle_s
                for name, (window, spent) in taken.items():
                    state = self._buckets.get(name)
                    if state is None or state.window != window:
                        continue
                    if totals is None:
                        state.pending += spent
                        continue
                    if name not in totals:
                        continue
                    seen_window, total = totals[name]
                    if seen_window == window:
                        state.settled = max(state.settled, total)
                    elif seen_window > window:  # another process is a window ahead
                        self._buckets[name] = _Bucket(seen_window, total)
            return totals is not None
        finally:
            self._settling.release()

    def _current(self, bucket: str, window: int) -> _Bucket:
        state = self._buckets.get(bucket)
        if state is None or state.window < window:
            state = self._buckets[bucket] = _Bucket(window)
        return state
