"""The searchers of an index folder's last few commits, held for the cursors made on them.

A page's cursor names the commit it was read from (``commit_of``: a digest of
``meta.json``, the same in every process); its next page is read from that commit while
it is held, so a commit between two pages neither repeats a hit nor skips one. Each held
searcher keeps its segments' files (merged away since) on disk: a few, for minutes. The
store holds tantivy-py's searchers so and its native reader its own (``NativeReader``):
at most ``count`` earlier commits each, the same ones but for a race (a held commit's
files are kept once, whichever holds them), each dropped at the first search, reload or
held page ``seconds`` after a commit replaced it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from indexer.stores.base import commit_of

Searcher = TypeVar("Searcher")


class HeldCommits(Generic[Searcher]):
    """The current commit's searcher and those of the last ``count`` commits it replaced
    that a search read (each for ``seconds`` after it was replaced)."""

    def __init__(self, count: int, seconds: float) -> None:
        self.count = count
        self.seconds = seconds
        self._current: tuple[str | None, Searcher] | None = None
        self._held: OrderedDict[str, tuple[float, Searcher]] = OrderedDict()
        # the last commit a search read: one never searched (a crawler's) is not held
        self._searched: str | None = None
        self._lock = threading.Lock()

    def renewed(
        self, path: Path | None, reload: Callable[[], Searcher], searched: bool = True
    ) -> tuple[str | None, Searcher]:
        """The commit ``reload`` reads now and its searcher (the commit None: not known
        for sure, or an index in memory); the one it replaces is held if a search read
        it. ``searched``: a search reads the new one now (a writer's reload does not:
        ``read`` names it searched when one does)."""
        before = read_meta(path) if path is not None else b""
        searcher = reload()
        after = read_meta(path) if path is not None else b""
        current = (commit_named(before, after), searcher)
        with self._lock:
            previous, self._current = self._current, current
            replaced = None if previous is None else previous[0]
            if (
                previous is not None
                and replaced is not None
                and replaced == self._searched
                and replaced != current[0]
            ):
                self._held[replaced] = (time.monotonic(), previous[1])
                self._held.move_to_end(replaced)
            while len(self._held) > self.count:
                self._held.popitem(last=False)
            self._expire()
            if searched:
                self._searched = current[0]
        return current

    def read(self) -> tuple[str | None, Searcher]:
        """The commit the last renewal read and its searcher, for a search: named
        searched at once, so it is held when a commit replaces it."""
        return self.current(searched=True)

    def current(self, searched: bool = False) -> tuple[str | None, Searcher]:
        """The commit the last renewal read and its searcher (``renewed`` first)."""
        with self._lock:
            if self._current is None:
                raise RuntimeError("HeldCommits.current before renewed")
            self._expire()  # at every search: an expired commit's files are let go
            if searched:
                self._searched = self._current[0]
            return self._current

    def held(self, commit: str) -> Searcher | None:
        """The searcher of an earlier commit, while it is held."""
        with self._lock:
            self._expire()
            found = self._held.get(commit)
        return None if found is None else found[1]

    def _expire(self) -> None:
        limit = time.monotonic() - self.seconds
        for name in [name for name, (at, _) in self._held.items() if at < limit]:
            del self._held[name]


def read_meta(path: Path) -> bytes:
    """The index's ``meta.json`` as it is now (empty before the first commit)."""
    try:
        return (path / "meta.json").read_bytes()
    except FileNotFoundError:
        return b""


def commit_named(before: bytes, after: bytes) -> str | None:
    """The name of the commit a reader reloaded between reading ``before`` and ``after``
    (``meta.json``, the writer replaces it whole at each commit): None when a commit was
    published meanwhile (which one it read is not known) or there is none."""
    return commit_of(after) if after and before == after else None
