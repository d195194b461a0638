"""A rebuild of the embedded speech index killed (``kill -9``) while it writes: the
index it was replacing still answers whole (one commit makes the new one), the writer's
lock is no one's (the kernel lets the dead process's go), and the segment files the
killed writer left are gone after the next commit, as the documents' rebuild's leftovers
are after its next rebuild: nothing half-built is kept, nothing locked for good."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from indexer.speeches.model import Speech
from indexer.speeches.search.shapes import SpeechQuery
from indexer.speeches.search.tantivy_index import TantivySpeechIndex

REPO = Path(__file__).resolve().parents[2]
KILLED = """
import sys, time
from pathlib import Path
from indexer.speeches.model import Speech
from indexer.speeches.search.tantivy_index import TantivySpeechIndex

def speeches():
    for n in range(50_000):
        if n == 3_000:  # written, not committed: the parent kills the process now
            print("escribiendo", flush=True)
            time.sleep(600)
        yield Speech(id=f"n{n}", session_id=f"s{n // 40}", order=n,
                     text=f"intervención nueva {n} " + "sobre el presupuesto " * 30)

TantivySpeechIndex(Path(sys.argv[1])).rebuild(speeches())
"""


def _speech(n: int, word: str) -> Speech:
    return Speech(id=f"v{n}", session_id=f"s{n // 40}", order=n, text=f"{word} {n} del pleno")


def _segments(path: Path) -> set[str]:
    return {p.stem for p in path.iterdir() if not p.name.startswith(".") and p.suffix}


def test_a_killed_speech_rebuild_leaves_the_old_index_whole_and_nothing_for_good(
    tmp_path: Path,
) -> None:
    path = tmp_path / "speeches-index"
    TantivySpeechIndex(path).rebuild(_speech(n, "zarzaparrilla") for n in range(200))
    kept = _segments(path)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(path)],
        env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline() == "escribiendo\n"
        left = _segments(path) - kept
        deadline = time.monotonic() + 30
        while not left and time.monotonic() < deadline:  # its first segment is on disk
            time.sleep(0.2)
            left = _segments(path) - kept
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert left, "the killed writer left no segment: the test did not kill it mid-write"
    index = TantivySpeechIndex(path)
    assert index.count() == 200  # the old index, whole
    assert index.search(SpeechQuery(q="zarzaparrilla", limit=5)).total == 200
    # its lock was the dead process's: the next rebuild writes, and drops what it left
    assert index.rebuild(_speech(n, "alcachofa") for n in range(10)) == 10
    assert not (_segments(path) & left), _segments(path) & left
    assert index.search(SpeechQuery(q="alcachofa", limit=5)).total == 10
