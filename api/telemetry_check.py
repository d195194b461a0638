"""FastAPI's own OpenTelemetry, asked about once a second instead of at every request.

FastAPI (0.16x) asks at every request whether OpenTelemetry has been configured in the
process: three providers looked up, each reading ``os.environ``, about 18 µs of the
event loop's CPU for every answer (5% of an answer replayed from the answer cache)
although this project configures none. The answer is kept here for a second while it
is "no" (a provider set later, say by ``opentelemetry-instrument``, is seen within a
second) and for good once it is "yes" (OpenTelemetry's global providers are set once).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

RECHECK_S = 1.0


def kept_check(
    enabled: Callable[[], bool], clock: Callable[[], float] = time.monotonic
) -> Callable[[], bool]:
    """``enabled``, asked again at most every ``RECHECK_S`` while it says no."""
    asked_at = -RECHECK_S
    answer = False

    def check() -> bool:
        nonlocal asked_at, answer
        if answer:
            return True
        now = clock()
        if now - asked_at >= RECHECK_S:
            answer, asked_at = bool(enabled()), now
        return answer

    return check


def keep_telemetry_check(app: Any) -> None:
    """Make ``app``'s telemetry check a kept one (a FastAPI without it: nothing to do)."""
    native = getattr(app, "_native_telemetry", None)
    enabled = getattr(native, "enabled", None)
    if callable(enabled):
        native.enabled = kept_check(enabled)
