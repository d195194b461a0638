"""A writing process copies SQLite's log into the database in a thread of its own."""

from __future__ import annotations

import gc
import sqlite3
import threading
import time
from pathlib import Path

from indexer.db.checkpoints import WalCheckpoints
from indexer.db.database import Database


def _write(path: Path, rows: int) -> sqlite3.Connection:
    """A writer whose commits never checkpoint (as one that has not filled the log)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE t (x TEXT)")
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO t VALUES (?)", [("x" * 3000,) for _ in range(rows)])
    connection.execute("COMMIT")
    return connection


def test_the_log_is_copied_into_the_database_while_the_writer_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    writer = _write(path, 300)
    before = path.stat().st_size
    checkpoints = WalCheckpoints(str(path), interval_s=0.05)
    try:
        deadline = time.monotonic() + 10
        while path.stat().st_size < before + 300 * 3000 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert path.stat().st_size >= before + 300 * 3000
        # the writer was never blocked: it writes on meanwhile
        writer.execute("INSERT INTO t VALUES ('more')")
        assert writer.execute("SELECT count(*) FROM t").fetchone()[0] == 301
    finally:
        checkpoints.stop()
        writer.close()


def _checkpointing() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "wal-checkpoint"}


def test_closing_the_database_ends_its_checkpoint_thread(tmp_path: Path) -> None:
    before = _checkpointing()
    db = Database(f"sqlite:///{tmp_path / 'library.db'}")
    db.checkpoint_behind()
    started = _checkpointing() - before
    assert len(started) == 1
    db.close()
    assert not any(t.is_alive() for t in started)


def test_a_database_dropped_without_closing_ends_its_thread(tmp_path: Path) -> None:
    before = _checkpointing()
    db = Database(f"sqlite:///{tmp_path / 'library.db'}")
    db.checkpoint_behind()
    started = _checkpointing() - before
    assert len(started) == 1
    del db
    gc.collect()
    for thread in started:
        thread.join(timeout=10)
    assert not any(t.is_alive() for t in started)


def test_a_removed_database_is_not_made_again(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    _write(path, 1).close()
    checkpoints = WalCheckpoints(str(path), interval_s=0.05)
    try:
        for name in ("library.db", "library.db-wal", "library.db-shm"):
            (tmp_path / name).unlink(missing_ok=True)
        time.sleep(0.3)
        assert not path.exists()
    finally:
        checkpoints.stop()


def test_a_database_in_memory_has_none() -> None:
    before = _checkpointing()
    db = Database("sqlite://")
    db.checkpoint_behind()
    assert _checkpointing() - before == set()
    db.close()
