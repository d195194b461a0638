"""The real ``abierto`` command in a subprocess, with a hard bound on its wall time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HARD_BOUND_S = 120  # generous: a case that needs this long is hanging


def abierto(
    data: Path,
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = HARD_BOUND_S,
    unset: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """Run ``abierto --data-dir DATA ARGS…``; a hang fails the test instead of stalling it.
    ``unset`` names variables of this environment the command must not see (a
    PostgreSQL ``ABIERTO_DATABASE_URL`` for a case that reads the folder's SQLite)."""
    environment = os.environ | (env or {})
    for name in unset:
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(data), *args],
        cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False,
        env=environment,
    )  # fmt: skip
