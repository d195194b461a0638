"""Sessions whose speeches the engine may hold stale: a write of them failed after the
database had committed their new speeches. The database no longer knows the ids the
engine still holds (a session that got shorter leaves its extra turns there), so the
next write of such a session asks the engine itself which ids it holds. Kept in a file
of the data folder, one session id a line, so a restart still catches up."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterable, Iterator
from pathlib import Path


class Unsettled:
    """A set of session ids, in memory and (with ``path``) in a file shared by the
    processes writing the same index (read and rewritten under a lock)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._ids: set[str] = set()
        self._seen: int | None = None  # the file's change time when last read

    def among(self, session_ids: Iterable[str]) -> list[str]:
        """Those of ``session_ids`` marked (the file read again when it changed)."""
        marked = self._read()
        return [s for s in dict.fromkeys(session_ids) if s in marked]

    def add(self, session_ids: Iterable[str]) -> None:
        with self._changing() as ids:
            ids.update(session_ids)

    def discard(self, session_ids: Iterable[str]) -> None:
        wanted = set(session_ids)
        if wanted & self._read():
            with self._changing() as ids:
                ids.difference_update(wanted)

    def _read(self) -> set[str]:
        if self.path is not None:
            try:
                changed = self.path.stat().st_mtime_ns
            except FileNotFoundError:
                changed = None
            if changed != self._seen:
                self._ids, self._seen = _load(self.path), changed
        return self._ids

    @contextlib.contextmanager
    def _changing(self) -> Iterator[set[str]]:
        if self.path is None:
            yield self._read()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another process may mark meanwhile
            ids = _load(self.path)
            yield ids
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text("".join(f"{i}\n" for i in sorted(ids)), encoding="utf-8")
            with open(temporary, "rb") as written:
                os.fsync(written.fileno())
            temporary.replace(self.path)
            self._ids, self._seen = ids, self.path.stat().st_mtime_ns


def _load(path: Path) -> set[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {line for line in text.splitlines() if line}
