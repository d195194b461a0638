"""Whether a failure is a full disk (or a database that cannot grow): the operator's to
fix, not a bug, and nothing was written by the failed call (SQLite and PostgreSQL roll its
transaction back; files are written aside and renamed). The API answers it as a 507, the
commands as one Spanish line."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from pathlib import Path

# how SQLite, the OS and Rust (tantivy) word it; PostgreSQL's SQLSTATE 53100 is disk_full
_WORDS = ("no space left on device", "database or disk is full", "os error 28")
_PG_DISK_FULL = "53100"
# tantivy's writer, when one of its threads failed to write a segment, says only this
# (the thread's error is lost): on a disk left with no room, that was the cause
_WRITER_KILLED = "index writer was killed"
NO_ROOM_BYTES = 16 * 1024 * 1024


def error_chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and every error it was raised from or while handling, each once."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def disk_full(error: BaseException) -> bool:
    """Whether ``error``, or any error it was raised from, says the disk is full."""
    for cause in error_chain(error):
        if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
            return True
        if getattr(cause, "sqlstate", None) == _PG_DISK_FULL:
            return True
        if any(words in str(cause).lower() for words in _WORDS):
            return True
    return False


def disk_full_at(error: BaseException, folder: Path) -> bool:
    """``disk_full``, or the index writer's killed thread on a disk ``folder`` shares
    that has (next to) no room left."""
    if disk_full(error):
        return True
    if not any(_WRITER_KILLED in str(cause).lower() for cause in error_chain(error)):
        return False
    try:
        return shutil.disk_usage(folder).free < NO_ROOM_BYTES
    except OSError:
        return False
