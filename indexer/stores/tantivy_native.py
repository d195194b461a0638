"""The native search (``abierto_native``, built from ``native/`` by ``make install``): one
pass over the matches gives the page, the exact total and the facets together, each
segment on its own core; tantivy-py needs two (a count and aggregations, then the page).
Without the extension the store searches with tantivy-py, as before (said once)."""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any, Protocol

from indexer.query import QueryTooCostly
from indexer.stores.held import HeldCommits

log = logging.getLogger(__name__)
_missing_said = False
# the most documents one thread collects at a time; None: the index shared among the
# cores (a single merged segment too); a test sets a few to cut its small segments
PIECE_DOCS: int | None = None
# decompressed doc-store blocks each segment keeps: a large document is a block of its
# own, so Tantivy's 100 kept a page of 100 texts of a megabyte (100 MB) after it was
# answered; 10 cost no CPU measured (bench/doc_store_blocks.py)
DOC_STORE_BLOCKS = 10
# a proximity phrase's window steps allowed per position of its words read, beyond which
# the budget (``work``) is spent: the phrases users ask take under 3 (2 to 4 before the
# walk kept to the rarest word's windows), so this never refuses them at any size;
# ``"de la de la de la de la"~10`` takes 12 (bench/phrase_budget.py)
PHRASE_STEPS_PER_POSITION = 8
# and the window steps a question may take in all, whatever its positions: a phrase of
# common words only (``"de la de la"~5``) stays within 8 per position, yet reads most of
# the index's positions (42M steps, ~0.5 s of CPU at 100k documents, ten times that at a
# million); the phrases users ask take under 2M at 100k (bench/phrase_budget.py), so
# 2**26 answers them up to some 3M documents and stops the others within ~0.7 s
PHRASE_MAX_STEPS = 1 << 26
# the steps in all grow with the library: ordinary phrases take some 18 a document, the
# phrase of common words some 420, so at 10M documents the cap is 1.3G steps, not 67M
PHRASE_STEPS_PER_DOCUMENT = 128
_TOO_COSTLY = (
    "a proximity phrase needs too much work to search here: its words are too frequent or too many",
    "una frase con proximidad de esta búsqueda exige demasiado trabajo (sus palabras son "
    "muy frecuentes o demasiadas): acorte la frase o reduzca la proximidad",
)


class NativeSearch(Protocol):
    """A native searcher of one commit: ``abierto_native.NativeIndex`` (the last one
    it reloaded) or ``abierto_native.HeldSearcher`` (one it read, kept)."""

    def num_docs(self) -> int: ...

    def search(
        self,
        plan: str,
        limit: int,
        offset: int,
        sort: str,
        count: bool,
        facets: list[tuple[str, int]] | None = None,
        texts: bool = False,
        marks: str | None = None,
        work: tuple[int, int, int] | None = None,
        counts: list[tuple[str, int]] | None = None,
    ) -> tuple[
        int | None,
        list[tuple[str, list[tuple[str, int]]]] | None,
        list[tuple[float | None, bytes, str | list[str] | None]],
    ]: ...


class NativeIndex(NativeSearch, Protocol):
    """``abierto_native.NativeIndex``: an index folder opened for reading only."""

    def reload(self) -> None: ...

    def held(self) -> NativeSearch: ...


class NativeReader:
    """The native index kept at the store's searcher generation: reloaded when the store
    reloads its own searcher, so both read the same commit (or the native one a newer).
    The commits it replaces that a search read are held as the store holds its own
    (``held``: at most ``held_count``, each for ``held_seconds``), so a cursor's next page
    is read natively from its commit. A forked child opens its own: the parent's search
    threads are not in it."""

    def __init__(
        self, path: Path, generation: int, held_count: int = 0, held_seconds: float = 0.0
    ) -> None:
        self.path = path
        self._held = (held_count, held_seconds)
        self._commits: HeldCommits[NativeSearch | None] = HeldCommits(*self._held)
        self.index = _open(path)
        self._commits.renewed(path, self._pinned, searched=False)
        self._pid = os.getpid()
        self._generation = generation
        self._lock = threading.Lock()
        self._parents: list[tuple[NativeIndex, HeldCommits[NativeSearch | None]]] = []

    @property
    def commit(self) -> str | None:
        """The commit it reads (``commit_of``), when known for sure."""
        return self._commits.current()[0]

    def _pinned(self) -> NativeSearch | None:
        """The commit the index reads now, kept as it is (None: an extension built
        before ``held``, whose held pages tantivy-py reads)."""
        pin = getattr(self.index, "held", None)
        return None if pin is None else pin()

    def _reloaded(self) -> NativeSearch | None:
        self.index.reload()
        return self._pinned()

    def at(self, generation: int) -> NativeIndex:
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    # the parent's are kept, never dropped here: their threads are not ours
                    self._parents.append((self.index, self._commits))
                    self._commits = HeldCommits(*self._held)
                    self.index = _open(self.path)
                    self._commits.renewed(self.path, self._pinned, searched=False)
                    self._pid = os.getpid()
                    self._generation = generation
        if generation != self._generation:
            with self._lock:
                if generation != self._generation:
                    self._commits.renewed(self.path, self._reloaded, searched=False)
                    self._generation = generation
        return self.index

    def held(self, commit: str) -> NativeSearch | None:
        """The native searcher of ``commit`` while it is held (or still read), None when
        it is not (tantivy-py's held searcher reads it, as before)."""
        if self._pid != os.getpid():
            return None
        current, searcher = self._commits.current()
        if current == commit:
            return searcher
        return self._commits.held(commit)

    def search(
        self,
        generation: int,
        plan: list[Any] | str,
        limit: int,
        offset: int,
        sort: str,
        aggs: dict[str, Any] | None,
        count: bool,
        texts: bool,
        marks: str | None = None,
        work: int = 0,
        held: NativeSearch | None = None,
        counts: list[tuple[str, int]] | None = None,
    ) -> tuple[
        int | None,
        dict[str, list[tuple[str, int]]],
        list[tuple[float | None, bytes, str | list[str] | None]],
    ]:
        """The page, the total (when ``count``) and the terms aggregations asked, from
        one pass: the native facet counter gives their buckets (the aggregations' own, as
        (value, count) pairs, by field) at a fraction of their cost.
        ``marks`` (``tantivy_store.marking``): each hit's highlights made natively, a
        list, in place of its text (the text still, where Python must make them).
        ``plan``: the plan, or its JSON already written (a question asked before).
        ``work``: the steps its proximity phrases may take beyond those their positions
        allow (``native/src/plan/budget.rs``; 0: no limit); past it ``QueryTooCostly``,
        never a part of the answer. ``held``: read from that held commit (``held``), not
        the current one. ``counts``: ``most_cited``'s counts (id, count), kept apart from
        the index (``takes_counts``); None: the index's own ``cited_by``."""
        import abierto_native

        index: NativeSearch
        if held is not None:
            index = held
        else:
            index = self.at(generation)
            self._commits.current(searched=True)  # held when a reload replaces it
        asked = (
            [(name, int(spec["terms"]["size"])) for name, spec in aggs.items()] if aggs else None
        )
        try:
            total, counted, hits = index.search(
                plan if isinstance(plan, str) else json.dumps(plan),
                limit,
                offset,
                sort,
                count,
                asked,
                texts,
                marks,
                (work, PHRASE_STEPS_PER_POSITION, _max_steps(index)) if work else None,
                **({"counts": counts} if counts is not None else {}),
            )
        except abierto_native.TooMuchWork as exc:
            raise QueryTooCostly(*_TOO_COSTLY) from exc
        return total, dict(counted or ()), hits


def takes_counts() -> bool:
    """Whether the installed extension sorts ``most_cited`` by counts it is given (an
    older one reads only the index's ``cited_by``: tantivy-py's search is asked then)."""
    try:
        import abierto_native
    except ImportError:
        return False
    signature = getattr(abierto_native.NativeIndex.search, "__text_signature__", None) or ""
    return "counts" in signature


def _max_steps(index: NativeSearch) -> int:
    """The window steps a question may take in all on ``index``: fixed for small
    libraries, in proportion to the documents for large ones."""
    return max(PHRASE_MAX_STEPS, PHRASE_STEPS_PER_DOCUMENT * index.num_docs())


def _open(path: Path) -> NativeIndex:
    import abierto_native

    threads = max(1, os.cpu_count() or 1)
    return abierto_native.NativeIndex(str(path), threads, PIECE_DOCS, DOC_STORE_BLOCKS)


def open_native(
    path: Path, generation: int, held_count: int = 0, held_seconds: float = 0.0
) -> NativeReader | None:
    """The native reader of the index in ``path`` (holding the commits it replaces as
    ``NativeReader`` says); None (said once per process) when the extension is not
    installed or cannot open it."""
    global _missing_said
    try:
        return NativeReader(path, generation, held_count, held_seconds)
    except (ImportError, OSError, ValueError) as exc:
        if not _missing_said:
            _missing_said = True
            log.warning("native search unavailable (%s): searching with tantivy-py", exc)
        return None
