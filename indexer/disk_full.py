"""Whether a failure is a full disk (or a database that cannot grow): the operator's to
fix, not a bug, and nothing was written by the failed call (SQLite and PostgreSQL roll its
transaction back; files are written aside and renamed). The API answers it as a 507, the
commands as one Spanish line."""

from __future__ import annotations

import errno
from collections.abc import Iterator

# how SQLite, the OS and Rust (tantivy) word it; PostgreSQL's SQLSTATE 53100 is disk_full
_WORDS = ("no space left on device", "database or disk is full", "os error 28")
_PG_DISK_FULL = "53100"


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
