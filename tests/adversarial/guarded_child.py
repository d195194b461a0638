"""Python code run against this checkout in a subprocess under a hang guard: a reader
that never stops fails its test instead of stalling the suite (the guard is no
performance target)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.adversarial.abierto import REPO


def guarded_output(code: str, guard_s: float, what: str) -> str:
    """What ``python -c CODE`` wrote; a run still going after ``guard_s`` fails the test,
    with ``what`` as its message (say what was still running)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=guard_s,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} after {guard_s:.0f} s (a hang)")
    return done.stdout
