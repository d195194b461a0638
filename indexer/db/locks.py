"""One writer at a time for a check-then-insert (a count against a quota) or a
read-then-write: without it, two writers racing each act on what the other is about to
change (both see room for one more; both merge into the same old copy)."""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session


def hold(session: Session, name: str) -> None:
    """Serialise, until the session's transaction ends, every transaction that holds
    ``name``: an advisory lock on PostgreSQL (other names are not held up); on SQLite,
    its write lock, taken now by a write that changes nothing (a transaction that only
    reads first holds nothing, and its snapshot may be stale when it writes)."""
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
    else:
        session.execute(text("DELETE FROM sources WHERE 0"))


@contextmanager
def across_processes(engine: Engine, name: str) -> Iterator[None]:
    """Hold ``name`` against every other process writing to ``engine``'s database, for
    work that spans several transactions (a read, then a write that depends on it).
    PostgreSQL: a session advisory lock on a connection kept for the while (processes
    on any machine); SQLite: an exclusive ``flock`` on a file beside the database (its
    processes share one machine). An in-memory database has one process: nothing."""
    key = hashlib.sha256(name.encode()).digest()[:8]
    if engine.dialect.name == "postgresql":
        number = int.from_bytes(key, "big", signed=True)
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": number})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": number})
                connection.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    folder = Path(f"{database}.locks")
    folder.mkdir(exist_ok=True)
    with open(folder / key.hex(), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def free_across_processes(engine: Engine, name: str) -> Iterator[bool]:
    """``across_processes`` without waiting: yields True holding ``name`` (no other
    process holds it: whatever such a holder leaves behind was left by one that died),
    False at once when another process holds it."""
    key = hashlib.sha256(name.encode()).digest()[:8]
    if engine.dialect.name == "postgresql":
        number = int.from_bytes(key, "big", signed=True)
        with engine.connect() as connection:
            taken = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": number})
            held = bool(taken.scalar())
            connection.commit()
            try:
                yield held
            finally:
                if held:
                    connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": number})
                    connection.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield True
        return
    folder = Path(f"{database}.locks")
    folder.mkdir(exist_ok=True)
    with open(folder / key.hex(), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
