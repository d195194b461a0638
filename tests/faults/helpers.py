"""Running ``abierto`` commands that are killed with SIGKILL, and checking what they left."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import tantivy

from config.settings import Settings
from indexer.stores.tantivy_store import TantivyStore
from tests.e2e.helpers import REPO

# a seed per test run, printed with every failure so a failing run can be replayed
SEED = int(os.environ.get("ABIERTO_FAULT_SEED") or random.randrange(1_000_000))


class Command:
    """``abierto ARGS`` running in its own process group (its extraction workers die with
    it), its output going to a file so a full pipe never stalls it."""

    def __init__(self, data: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.log = data.parent / f"{args[0]}-{time.monotonic_ns()}.log"
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cli.main", "--data-dir", str(data), *args],
                cwd=REPO,
                env=os.environ | (env or {}),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill9(self) -> bool:
        """SIGKILL the command and what it started; False if it had already finished."""
        finished = self.process.poll() is not None
        if not finished:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        return not finished

    def finish(self, timeout: float = 240) -> tuple[int, str]:
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill9()
            raise
        return self.process.returncode, self.output()

    def wait_until(self, condition: Callable[[], bool], limit: float) -> None:
        """Poll ``condition`` until it holds, the command ends or ``limit`` seconds pass."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and self.process.poll() is None and not condition():
            time.sleep(0.02)


def document_count(data: Path) -> int:
    path = data / "abierto.db"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the tables are not created yet
        return 0


def database_ids(data: Path) -> dict[str, tuple[str, str | None]]:
    """id → (content hash, indexed hash: None while the document waits in the index
    queue), read straight from the SQLite file."""
    with sqlite3.connect(data / "abierto.db") as connection:
        rows = connection.execute(
            "SELECT d.id, d.content_sha256,"
            " CASE WHEN q.doc_id IS NULL THEN d.content_sha256 END"
            " FROM documents d LEFT JOIN index_queue q ON q.doc_id = d.id"
        )
        return {doc_id: (content, indexed) for doc_id, content, indexed in rows}


def index_ids(data: Path) -> list[str]:
    """Every id the embedded index holds, once per indexed copy."""
    if not (Settings(data_dir=data).index_dir / "meta.json").exists():
        return []
    searcher = TantivyStore(Settings(data_dir=data).index_dir).index.searcher()
    if not searcher.num_docs:
        return []
    hits = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs).hits
    return [searcher.doc(address)["id"][0] for _score, address in hits]


def assert_consistent(data: Path, context: str) -> dict[str, tuple[str, str | None]]:
    """The database and the index hold the same documents, each once, none pending."""
    documents = database_ids(data)
    indexed = index_ids(data)
    where = f"{context} (ABIERTO_FAULT_SEED={SEED})"
    assert len(indexed) == len(set(indexed)), f"an id is indexed twice {where}"
    assert set(indexed) == set(documents), f"database and index disagree {where}"
    pending = [i for i, (content, done) in documents.items() if content != done]
    assert not pending, f"{len(pending)} documents left unindexed {where}"
    return documents


def assert_agree_or_pending(data: Path, context: str) -> None:
    """Right after a kill: every indexed id is a saved document, held once; saved ones
    not in the index are marked pending, for the next run to index."""
    if not (data / "abierto.db").exists():
        return
    documents = database_ids(data)
    indexed = index_ids(data)
    where = f"{context} (ABIERTO_FAULT_SEED={SEED})"
    assert len(indexed) == len(set(indexed)), f"an id is indexed twice {where}"
    assert set(indexed) <= set(documents), f"the index holds unsaved documents {where}"
    unmarked = [i for i in set(documents) - set(indexed) if documents[i][0] == documents[i][1]]
    assert not unmarked, f"{len(unmarked)} documents marked indexed but not in the index {where}"
