"""Host-name lookups bounded in time and in number. The system resolver waits as long as
its own configuration says (seconds per server, times attempts, times servers), and a
name whose DNS server never answers would hold the caller's thread that long: an API
request, a crawl's event loop. Here each lookup runs on a thread of a small pool of its
own and the caller waits only until its deadline; a lookup left running past it keeps
its place in the pool until the resolver gives up, so at most ``limit`` are ever in
flight, ``per_owner`` of them for one institution, and past that the caller is told
the server is busy at once instead of waiting in a queue.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

DEFAULT_TIMEOUT_S = 3.0
DEFAULT_LIMIT = 32
DEFAULT_PER_OWNER = 10

Target = tuple[str, int]


class LookupTooSlow(Exception):
    """No answer for ``host`` before the deadline."""

    def __init__(self, host: str, seconds: float) -> None:
        super().__init__(f"no answer from its DNS within {seconds:g} s")
        self.host, self.seconds = host, seconds


class LookupsBusy(Exception):
    """Every place for a lookup is taken (server-wide, or the owner's share)."""

    def __init__(self, host: str, own: bool) -> None:
        whose = "this institution's share of the" if own else "the server's"
        super().__init__(f"{whose} host-name lookups are all in use")
        self.host, self.own = host, own


@dataclass
class Lookups:
    """A bounded pool of ``getaddrinfo`` calls; ``owner`` names who asked (an
    institution) so that one cannot take every place."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    limit: int = DEFAULT_LIMIT
    per_owner: int = DEFAULT_PER_OWNER

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._in_flight = 0
        self._owners: Counter[str] = Counter()
        self._pool = ThreadPoolExecutor(self.limit, thread_name_prefix="dns")

    def resolve_all(
        self, targets: Iterable[Target], owner: str = "", timeout_s: float | None = None
    ) -> dict[Target, list[str] | Exception]:
        """Each target's addresses, or why it has none (the resolver's OSError,
        LookupTooSlow, LookupsBusy), all looked up at once within one deadline."""
        seconds = self.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + seconds
        started: dict[Target, Future[list[str]] | Exception] = {}
        for target in dict.fromkeys(targets):
            try:
                started[target] = self._start(target, owner)
            except LookupsBusy as exc:
                started[target] = exc
        results: dict[Target, list[str] | Exception] = {}
        for target, running in started.items():
            if isinstance(running, Exception):
                results[target] = running
                continue
            try:
                results[target] = running.result(max(0.0, deadline - time.monotonic()))
            except FutureTimeout:
                results[target] = LookupTooSlow(target[0], seconds)
            except (OSError, UnicodeError) as exc:
                results[target] = exc
        return results

    def _start(self, target: Target, owner: str) -> Future[list[str]]:
        with self._lock:
            if self._in_flight >= self.limit:
                raise LookupsBusy(target[0], own=False)
            if owner and self._owners[owner] >= self.per_owner:
                raise LookupsBusy(target[0], own=True)
            self._in_flight += 1
            if owner:
                self._owners[owner] += 1
        future = self._pool.submit(_getaddrinfo, *target)
        future.add_done_callback(lambda _: self._release(owner))
        return future

    def _release(self, owner: str) -> None:
        with self._lock:
            self._in_flight -= 1
            if owner:
                self._owners[owner] -= 1
                if self._owners[owner] <= 0:
                    del self._owners[owner]


def _getaddrinfo(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))


LOOKUPS = Lookups()


def configure(timeout_s: float, limit: int, per_owner: int) -> None:
    """This process's bounds (the API's settings); lookups under way keep the old pool."""
    global LOOKUPS
    current = LOOKUPS
    if (current.timeout_s, current.limit, current.per_owner) != (timeout_s, limit, per_owner):
        LOOKUPS = Lookups(timeout_s, limit, per_owner)


def _renew_after_fork() -> None:
    """A forked child has none of its parent's pool threads, only their records (which
    would keep its lookups waiting for ever): it starts a pool of its own."""
    global LOOKUPS
    LOOKUPS = Lookups(LOOKUPS.timeout_s, LOOKUPS.limit, LOOKUPS.per_owner)


os.register_at_fork(after_in_child=_renew_after_fork)
