"""A test run killed before its teardown (a deadline, a Ctrl-C twice) leaves its PostgreSQL
running, since ``pg_ctl`` detaches the server from its test process. The next cluster
started stops and removes those, and leaves alone the ones whose test process still runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.services.postgres import PostgresUnavailable, reap_orphans, server_bin, start

ROOT = Path(__file__).resolve().parents[2]

# a test process that starts a cluster and dies without stopping it
ABANDON = """
import os
from tests.services.postgres import start
server = start()
print(server.home, flush=True)
os._exit(0)
"""


def _server_pid(home: Path) -> int:
    return int((home / "data" / "postmaster.pid").read_text().split()[0])


def _alive(pid: int) -> bool:
    """Running: neither gone nor a zombie waiting for its new parent to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _ends(pid: int, within: float = 10.0) -> bool:
    """Whether the process is gone within a few seconds (a fast stop lets it finish)."""
    deadline = time.monotonic() + within
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_cluster_left_by_a_dead_test_process_is_stopped_and_removed() -> None:
    try:
        binaries = server_bin()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))
    abandoned = subprocess.run(
        [sys.executable, "-c", ABANDON], cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    orphan = Path(abandoned.stdout.strip())
    orphan_pid = _server_pid(orphan)
    assert _alive(orphan_pid), "the abandoned cluster should still be running"
    mine = start()  # this process lives on: its cluster is no orphan
    try:
        assert not orphan.exists()
        assert _ends(orphan_pid)
        assert mine.home not in reap_orphans(binaries)
        assert _alive(_server_pid(mine.home))
    finally:
        mine.stop()
