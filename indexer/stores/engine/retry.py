"""Retry with exponential backoff for what an engine answers when it is busy or away.

Retried: 429 (the engine sheds load: bulk queue full, circuit breaker), 5xx (a node
restarting, a shard relocating) and connection errors. Anything else (a bad request, a
mapping conflict) is the caller's to see at once.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class EngineError(RuntimeError):
    """The engine answered with an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class EngineUnavailable(EngineError):
    """The engine could not be reached (refused, reset, timed out)."""

    def __init__(self, message: str) -> None:
        super().__init__(0, message)


class DeleteRefused(EngineError):
    """The engine answered a delete request but refused to delete some of its documents:
    ``failed`` is id → (the engine's status for it, its reason). ``status`` is theirs
    when they agree; else the first that no wait mends (a conflict, a bad request), or
    the highest. A document the engine no longer holds (404) is deleted: never here."""

    def __init__(self, failed: dict[str, tuple[int, str]]) -> None:
        statuses = [status for status, _ in failed.values()]
        lasting = [status for status in statuses if not retryable(status)]
        status = statuses[0] if len(set(statuses)) == 1 else (lasting or [max(statuses)])[0]
        shown = "; ".join(f"{doc_id}: {status} {reason}" for doc_id, (status, reason) in
                          list(failed.items())[:5])  # fmt: skip
        more = f" (y {len(failed) - 5} más)" if len(failed) > 5 else ""
        count = "1 documento" if len(failed) == 1 else f"{len(failed)} documentos"
        super().__init__(status, f"el motor no borró {count} del índice: {shown}{more}")
        self.failed = failed


def retryable(status: int) -> bool:
    return status == 0 or status == 429 or status >= 500


@dataclass(frozen=True)
class Backoff:
    """``attempts`` tries in all; waits base, 2·base, 4·base… (capped), with ±20% jitter."""

    attempts: int = 6
    base_s: float = 0.5
    cap_s: float = 20.0

    def delay(self, attempt: int) -> float:
        raw = min(self.cap_s, self.base_s * (2**attempt))
        return raw * random.uniform(0.8, 1.2)

    def call(self, action: Callable[[], T], what: str = "request") -> T:
        for attempt in range(self.attempts):
            try:
                return action()
            except EngineError as exc:
                if not retryable(exc.status) or attempt == self.attempts - 1:
                    raise
                wait = self.delay(attempt)
                log.warning("%s failed (%s); retrying in %.2f s", what, exc, wait)
                time.sleep(wait)
        raise AssertionError("unreachable")


NO_RETRY = Backoff(attempts=1)


def not_answering(kind: str, exc: Exception) -> str:
    """What a person reads when the engine fails: in Spanish, with the engine's own
    words (its first line) after it for whoever operates it."""
    said = (str(exc).splitlines() or [""])[0][:200]
    return f"el motor de búsqueda ({kind}) no responde: {said}"
