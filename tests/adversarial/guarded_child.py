"""Python code run against this checkout in a subprocess under a hang guard: a reader
that never stops fails its test instead of stalling the suite (the guard is no
performance target)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys

import pytest

from tests.adversarial.abierto import REPO

WALL_S = 600.0  # a backstop alone: the guard is on the child's CPU time


def guarded_output(code: str, guard_s: float, what: str) -> str:
    """What ``python -c CODE`` wrote; a run that spent ``guard_s`` seconds of CPU fails the
    test, with ``what`` as its message (say what was still running). CPU time, not the
    wall clock: on a loaded machine a child's start and imports alone took longer than
    the guard, and a second of work ten and more."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    seconds = int(guard_s + 0.999)

    def limit_cpu() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))

    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=WALL_S,
            preexec_fn=limit_cpu,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} after {WALL_S:.0f} s (a hang)")
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        pytest.fail(f"{what} after {seconds} s of CPU (a hang)")
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, done.args, done.stdout, done.stderr)
    return done.stdout
