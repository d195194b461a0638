"""Running the real ``abierto crawl`` against sites served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def run_crawl(
    data_dir: Path,
    samples_url: str,
    *sources: str,
    sources_dir: Path | None = None,
    allow_loopback: bool = True,
    database_url: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``abierto crawl`` in its own process, as an operator runs it."""
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(data_dir),
        "ABIERTO_SAMPLES_URL": samples_url,
        "ABIERTO_ALLOW_LOOPBACK": "true" if allow_loopback else "false",
        "ABIERTO_CRAWL_DELAY_S": "0",
    }
    if database_url is not None:
        env["ABIERTO_DATABASE_URL"] = database_url
    if sources_dir is not None:
        env["ABIERTO_SOURCES_DIR"] = str(sources_dir)
    args = [sys.executable, "-m", "cli.main", "crawl"]
    for source in sources:
        args += ["--source", source]
    return subprocess.run(
        args, env=env, cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )


def client_for(data_dir: Path) -> TestClient:
    return TestClient(create_app(settings=Settings(data_dir=data_dir)))


def _direct_children(pid: int) -> set[int] | None:
    """The children of ``pid`` as its threads list them (``/proc/PID/task/TID/children``),
    or None on a kernel without those files. Tests poll this every few milliseconds while
    a crawl runs: a walk over all of /proc each time took a third of a core from it."""
    tasks = Path(f"/proc/{pid}/task")
    if not Path(f"/proc/self/task/{os.getpid()}/children").exists():
        return None
    found: set[int] = set()
    try:
        for task in tasks.iterdir():
            with contextlib.suppress(OSError):
                found.update(int(child) for child in (task / "children").read_text().split())
    except OSError:  # the process has ended
        pass
    return found


def children_of(pid: int, marker: bytes) -> list[int]:
    """The processes ``pid`` started whose command line holds ``marker``."""
    direct = _direct_children(pid)
    if direct is not None:
        found = []
        for child in sorted(direct):
            with contextlib.suppress(OSError):
                if marker in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(child)
        return found
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and marker in command:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper is gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
