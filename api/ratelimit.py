"""Token buckets for write endpoints: per API key for authenticated calls, per client
address only for calls without a key (behind a reverse proxy every institution shares
its address, so an address budget would let one exhaust another's); and for the reads of
an institution's own sources (``/v1/sources``), per API key, apart from its writes.

Kept in the database (``SharedBuckets``), so every API process (``serve --workers``, or
several machines on one PostgreSQL) spends from one budget: a key gets the configured
limit in total, whichever process answers. While the database will not answer (SQLite
locked by a long writer), a process decides from its own memory for a few seconds.

Neither keeps a bucket it no longer needs: a process deletes idle rows a bounded batch at
a time every ``FORGET_EVERY`` spends (each spend adds at most one row, each batch removes
up to ``FORGET_MOST``), and its memory drops buckets that have refilled, so calls from a
new address each (IPv4 botnets, an IPv6 prefix's /64s) cost rows and memory for a few
minutes, not forever.
"""

from __future__ import annotations

import hashlib
import logging
import math
import sqlite3
import threading
import time
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from api.mensajes import Refused
from indexer.db.token_buckets import forget_idle, spend

log = logging.getLogger(__name__)
LOCAL_AFTER_FAILURE_S = 5.0  # how long a process decides alone after the database failed
MAX_BUCKET_CHARS = 200  # the rate_limits.bucket column
FORGET_EVERY = 64  # spends between two deletions of idle rows
FORGET_MOST = 1000  # rows one deletion removes at most (a short transaction)
SWEEP_AT = 4096  # buckets in memory above which refilled ones are dropped


class TokenBuckets:
    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        window_s: float = 60.0,
    ) -> None:
        """``per_minute`` tokens a bucket holds, refilled over ``window_s`` (a minute,
        unless another window is given: ``TokenBuckets(5, window_s=3600)`` is 5 an hour)."""
        self.capacity = float(per_minute)
        self.rate = per_minute / window_s
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self._sweep_at = SWEEP_AT

    def take(self, key: str, cost: float = 1) -> float:
        """Spend ``cost`` tokens (one by default; never more than a full bucket, so a
        costly call stays possible); return 0 when allowed, else the seconds until they
        are free."""
        cost = min(float(cost), self.capacity)
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if len(self._buckets) >= self._sweep_at:
                self._sweep(now)
            if tokens >= cost:
                self._buckets[key] = (tokens - cost, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (cost - tokens) / self.rate

    def _sweep(self, now: float) -> None:
        """Drop the buckets that have refilled (a new one starts full: nothing is lost);
        the next sweep waits until the dict doubles what is left, so sweeps cost O(1) a
        call."""
        self._buckets = {
            k: (tokens, last)
            for k, (tokens, last) in self._buckets.items()
            if tokens + (now - last) * self.rate < self.capacity
        }
        self._sweep_at = max(SWEEP_AT, 2 * len(self._buckets))


class SharedBuckets:
    """``TokenBuckets`` of a minute, named ``name``, shared by every process through
    ``engine``; its own memory only while the database fails (see the module)."""

    def __init__(
        self, engine: Engine, name: str, per_minute: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.engine = engine
        self.name = name
        self.per_minute = per_minute
        self.clock = clock
        self.local = TokenBuckets(per_minute)
        self._alone_until = 0.0
        self._spends = 0

    def take(self, key: str, cost: float = 1) -> float:
        """As ``TokenBuckets.take``: 0 when allowed, else the seconds to wait."""
        now = self.clock()
        if now >= self._alone_until:
            try:
                wait = spend(self.engine, self._bucket(key), int(now), self.per_minute, 60, cost)
                if wait == 0:
                    self.local.take(key, cost)  # what this process spent, should it be alone
                self._spends += 1
                if self._spends % FORGET_EVERY == 0:
                    self._forget(int(now))
                return wait
            except (SQLAlchemyError, sqlite3.Error) as exc:
                log.warning("shared %s limit unavailable, deciding alone: %s", self.name, exc)
                self._alone_until = now + LOCAL_AFTER_FAILURE_S
        return self.local.take(key, cost)

    def _forget(self, now_s: int) -> None:
        try:
            forget_idle(self.engine, now_s, FORGET_MOST)
        except (SQLAlchemyError, sqlite3.Error) as exc:  # the next one will
            log.warning("idle %s buckets not deleted: %s", self.name, exc)

    def _bucket(self, key: str) -> str:
        bucket = f"{self.name}:{key}"
        if len(bucket) > MAX_BUCKET_CHARS:  # ids and addresses are short: never, in practice
            bucket = f"{self.name}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"
        return bucket


class WriteLimiter:
    """An authenticated write spends its key's budget; an anonymous one its address's."""

    def __init__(self, engine: Engine, name: str, per_minute: int) -> None:
        self.by_key = SharedBuckets(engine, f"{name}-key", per_minute)
        self.by_client = SharedBuckets(engine, f"{name}-addr", per_minute)

    def check(self, key_id: str | None, client: str) -> None:
        wait = self.by_key.take(key_id) if key_id else self.by_client.take(client)
        if wait > 0:
            raise Refused(
                429,
                f"too many changes: try again in {math.ceil(wait)} s",
                f"demasiados cambios seguidos: espere {math.ceil(wait)} s y vuelva a intentarlo",
                {"Retry-After": str(math.ceil(wait))},
            )


class SourceReadLimiter:
    """Reads of an institution's sources (the list, one source, its runs, its audit log)
    spend its key's budget, apart from its changes: each builds an answer from the
    database (a list holds every source's spec), so without a limit one key could keep
    every core busy answering it."""

    def __init__(self, engine: Engine, per_minute: int) -> None:
        self.by_key = SharedBuckets(engine, "source-reads", per_minute)

    def check(self, key_id: str, cost: float = 1) -> None:
        wait = self.by_key.take(key_id, cost)
        if wait > 0:
            seconds = math.ceil(wait)
            raise Refused(
                429,
                f"too many reads of your sources: try again in {seconds} s",
                f"demasiadas consultas seguidas de sus fuentes: espere {seconds} s y vuelva "
                "a intentarlo",
                {"Retry-After": str(seconds)},
            )
