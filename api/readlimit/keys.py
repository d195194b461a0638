"""Who a presented key belongs to, remembered for ``key_cache_s`` so the read path does
not query the database on every request (a revoked key stops working on every process
within that time)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable

from indexer.db.reader_keys import KeyHolder, ReaderKeys

MAX_ENTRIES = 10_000


class KeyCache:
    def __init__(
        self, keys: ReaderKeys, ttl_s: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.keys = keys
        self.ttl_s = ttl_s
        self.clock = clock
        self._seen: dict[str, tuple[float, KeyHolder | None]] = {}
        self._lock = threading.Lock()

    def cached(self, presented: str) -> tuple[bool, KeyHolder | None]:
        """(known, holder): known is False when the database must be asked."""
        entry = self._seen.get(_fingerprint(presented))
        if entry is None or entry[0] <= self.clock():
            return False, None
        return True, entry[1]

    def lookup(self, presented: str) -> KeyHolder | None:
        """Ask the database (blocking) and remember the answer."""
        holder = self.keys.identify(presented)
        if self.ttl_s > 0:
            with self._lock:
                if len(self._seen) >= MAX_ENTRIES:
                    self._seen.clear()  # guessed keys cannot grow memory without bound
                self._seen[_fingerprint(presented)] = (self.clock() + self.ttl_s, holder)
        return holder


def _fingerprint(presented: str) -> str:
    return hashlib.sha256(presented.encode()).hexdigest()
