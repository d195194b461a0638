"""The embedded search store: a Tantivy index in the data folder, no server.

One writer at a time (Tantivy locks the index folder while a writer lives): a library
that indexes holds it from its first write to its ``release`` (the end of a waiting
flush), commits every ``COMMIT_SECONDS`` meanwhile, and lets merges finish before it
lets go. Any number of readers: each search first checks whether another process
committed and reloads its searcher if so.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import tantivy
from pydantic import TypeAdapter

from config.settings import PHRASE_WORK
from indexer.analysis import (
    FOLDED,
    STEMMED,
    fold_tokens,
    phrase_cover,
    stem_tokens,
    without_gaps,
)
from indexer.highlight import (
    LEAD_CHARS,
    MAX_CANDIDATES,
    PHRASE_SPAN,
    SNIPPET_CHARS,
    WINDOW_CHARS,
    PassageFinder,
    mark,
    passage_finder,
    plan,
    prefix_window,
    shown,
    spellings,
    whole_words_end,
)
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.query import (
    And,
    Field,
    MatchAll,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    QueryTooCostly,
    Term,
    parse_query,
)
from indexer.query.arrangements import (
    MAX_QUESTION_PHRASES,
    arranged_phrases,
    arrangements,
    repeats,
)
from indexer.query.names import NAME_FIELDS, VALUES_READ, NameBook, asks_names, book_version, using
from indexer.query.stem_prefix import leading_stems, shorter_stems
from indexer.query.values import case_phrases, keyword_value, keyword_values
from indexer.stores import phrase_rule, tantivy_entry
from indexer.stores.base import (
    FILTER_FIELDS,
    WORD_FILTERS,
    FacetCount,
    SearchHit,
    SearchQuery,
    SearchResult,
    StoreUnavailable,
    UpsertReport,
    decode_cursor_at,
    encode_cursor,
)
from indexer.stores.documents import citation_keys
from indexer.stores.held import HeldCommits
from indexer.stores.plain import PlainResult, plain_facets, plain_hits
from indexer.stores.query_kits import PLAN, Kit, Plan, TantivyKit, plan_text
from indexer.stores.stamped import Stamp, open_stamped, stamped_version, write_stamp
from indexer.stores.tantivy_entry import NO_VALUE, Prepared, prepare, to_tantivy
from indexer.stores.tantivy_entry import key_field as _key
from indexer.stores.tantivy_native import NativeReader, NativeSearch, open_native, takes_counts

AnyDocument = Sentencia | Sesion | Legislativo
# documents prepared elsewhere (or the error met), by id
Ready = dict[str, Prepared | str]
log = logging.getLogger(__name__)
V = TypeVar("V")
# a question's total and its facets
Counts = tuple[int, dict[str, list[FacetCount]]]
TITLE_BOOST = 2.0
# the native search makes the hits' highlights itself (``native/src/highlight.rs``); off,
# it hands their texts to Python's (what ``bench/highlight_cpu.py`` compares it with)
NATIVE_HIGHLIGHTS = True
MAX_SNIPPETS = 3
# Writes are published (committed) at most this often, or after this many documents:
# each commit is a new segment and an fsync; merges run while the writer lives.
COMMIT_SECONDS = 30.0
COMMIT_DOCS = 100_000
# A flush that leaves the queue empty with this few documents written since the last
# commit publishes them at once if no commit came in the last ``QUIET_SECONDS``: a quiet
# source's document is searchable within the flush that wrote it, not at the cadence. A
# crawl's steady flow writes more than this between two commits (a batch is 500), so it
# keeps the cadence; a trickle commits once every ``QUIET_SECONDS`` at most.
QUIET_DOCS = 50
QUIET_SECONDS = 5.0
WRITER_WAIT_S = 60.0
COUNT_CACHE_SIZE = 512
# whole answers (a page with its hits, snippets and counts), per index generation: a few
# hundred popular questions and the pages just read, as an engine's request cache does
PAGE_CACHE_SIZE = 256
# Searchers of the commits before the current one kept for the cursors made on them: a
# commit between two pages would shift the next one (a hit twice, one skipped). The last
# few, each for so long after it was replaced; a cursor older still reads the current one.
HELD_COMMITS = 4
HELD_SECONDS = 600.0
TOTAL_AGG = "__total"
# Buckets each segment hands over to be merged: all of them (a field has fewer values
# than this), so a value that ranks low in one segment and high in another is counted in
# both. Cut per segment (Tantivy keeps ten times the size asked), a facet would show
# a wrong count: a value ranked low in one segment would lose its documents there.
SEGMENT_BUCKETS = 1_000_000
LOCK_RETRY_S = 0.2
# A long phrase is counted without its positions (``compile_loose``) only when its terms
# are in about as many documents each: at most this many times as many as the rarest
LOOSE_SPREAD = 1.05
# a prefix question's page is looked for among the documents with it in both fields only
# when at most this many words begin so (each is one more list to merge)
PREFIX_WORDS = 64
# An index folder is written by the native writer (``native/src/writer.rs``) when the
# extension has it: the same analysers, each word's stem remembered by the indexing
# threads instead of Snowball run at every occurrence. Off, or without the extension
# (the Docker image), tantivy-py's writer writes the same index.
NATIVE_WRITES = True
# How many similar-sized segments the native writer merges together: None for its own
# (4; Tantivy's default, 8, left a 100k library in 7 segments, each one every search
# visits); tests comparing it with tantivy-py's writer, which never merges theirs, and
# benchmarks set others.
MERGE_AT: int | None = None
# The native writer makes the pair terms in its indexing threads (``Remembered``) from the
# fields' own texts; off, they are made here and handed to it, as before.
NATIVE_PAIRS = True


def _native_writer() -> Any | None:
    """``abierto_native.NativeWriter``, or None where the extension is not installed."""
    try:
        from abierto_native import NativeWriter  # type: ignore[attr-defined]
    except ImportError:
        return None
    return NativeWriter


NativeWriter = _native_writer()


def writer_makes_pairs() -> bool:
    """Whether the index's writer makes the pair terms itself (``native/src/writer.rs``):
    then they need not be prepared (a writer that does not makes up what is missing)."""
    return NATIVE_WRITES and NATIVE_PAIRS and hasattr(NativeWriter, "makes_pairs")


# the installed extension sorts ``most_cited`` by counts it is given
_NATIVE_COUNTS = takes_counts()


def _writer_budget() -> tuple[int, int]:
    """The writer's memory and threads: a sixteenth of the RAM (64 MB to 1 GB), one
    indexing thread per core but the one the writing Python takes (its main thread saves,
    prepares and hands the documents over, busy all along), at least one, up to four, each
    with at least 32 MB. On 2 cores one indexing thread: a second one only competed with
    the main thread for the cores (three busy threads on two), costing Tantivy a tenth to
    a quarter more CPU per document for the same documents (``bench/write_ab.py``, 3k
    crawl; issue 14)."""
    threads = max(1, min(4, (os.cpu_count() or 1) - 1))
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        ram = 2 << 30
    heap = min(1 << 30, max(64 << 20, ram // 16))
    return max(heap, threads * (32 << 20)), threads


WRITER_HEAP, WRITER_THREADS = _writer_budget()


# the full-text fields, each with its field of adjacent token pairs beside it
# (``indexer.analysis.pair_text``): exact phrases are looked up there
PAIRED = ("title", "meta", "text")
PAIR_TOKENIZER = "es_pair"
_PAIR_ANALYZER = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def _pairs(name: str) -> str:
    return f"{name}_pair"


def register_analyzers(index: tantivy.Index) -> None:
    """The analysers the schema's fields name (every index opened with ``build_schema``)."""
    index.register_tokenizer("es_stem", STEMMED)
    index.register_tokenizer("es_fold", FOLDED)
    index.register_tokenizer(PAIR_TOKENIZER, _PAIR_ANALYZER)


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name="es_stem")
    builder.add_text_field("text", stored=True, tokenizer_name="es_stem")
    builder.add_text_field("meta", tokenizer_name="es_stem")
    builder.add_text_field("title_fold", tokenizer_name="es_fold", index_option="freq")
    builder.add_text_field("text_fold", tokenizer_name="es_fold", index_option="freq")
    for name in PAIRED:
        builder.add_text_field(_pairs(name), tokenizer_name=PAIR_TOKENIZER)
    builder.add_date_field("date", stored=False, indexed=True, fast=True)
    # how many documents cite this one: the ``most_cited`` sort reads it from a fast field
    builder.add_unsigned_field("cited_by", stored=False, indexed=False, fast=True)
    for name in FILTER_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
        builder.add_text_field(_key(name), tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("payload", stored=True, indexed=False)
    return builder.build()


# How the index's texts are analysed beyond what its schema says (the schema's changes are
# found by tantivy itself): 1, no stamp, before a redaction holding no word left a gap
# (``analysis.with_gaps``); 2 before the characters no one sees were dropped from the
# texts and filter values (``analysis.indexed_text``: «am\u034fparo» was two words); 3
# before their compatibility characters were read plain (``analysis.compatible_text``:
# «𝐚𝐦𝐩𝐚𝐫𝐨» was a word of its own, not «amparo»); 4 before an ordinal's superscript
# letters were read as its indicator («1ᵒ» was not «1º»: ``analysis._superscript_ordinal``);
# 5 before an ordinal written with a period was read as one written without («1.º» was
# «1» and «º», not «1º»: ``analysis._plain_ordinals``); 6 since. Kept beside ``meta.json`` (a
# backup copies it). An index of another version is rebuilt by the first writer that
# opens it, as one of another schema is; readers search it as it is, with a warning.
ANALYSIS_VERSION = 6


def analysis_version(path: Path) -> int:
    """The version of the analysis the index folder ``path`` was written with."""
    return stamped_version(path)


def write_analysis_stamp(path: Path) -> None:
    write_stamp(path, ANALYSIS_VERSION)


def outdated_analysis(path: Path) -> str:
    return (
        f"el índice de búsqueda en {path} se escribió con el análisis de texto de una "
        "versión anterior (una frase puede encontrarse a través de un dato testado): "
        "ejecute `abierto reindex` para reconstruirlo desde la base de datos"
    )


_STAMP = Stamp(ANALYSIS_VERSION, "búsqueda", outdated_analysis)


class TantivyStore:
    """Implements ``Store`` on a Tantivy index folder (or in memory with ``path=None``)."""

    # what was written is kept only from the next commit on
    durable_writes = False
    # ``upsert``/``rebuild`` take entries prepared elsewhere (``indexer.preparation``)
    prepares = True
    # the ``most_cited`` sort reads the counts from ``cited_counts`` (``cited_counts``
    # below, set by the library), not from the entries: a sentence cited anew is never
    # indexed again for its count (``indexer.citations.records.counts_apart``)
    counts_apart = True

    def __init__(
        self,
        path: Path | None,
        replace_outdated: bool = False,
        native: bool = True,
        phrase_work: int = PHRASE_WORK,
    ) -> None:
        """``replace_outdated``: an index built with another schema (by an older version)
        is deleted and started empty; the caller re-indexes it from the database. Readers
        leave it alone and say what to do instead. ``native``: search an index folder
        with the native one-pass search when it is installed (``tantivy_native``).
        ``phrase_work``: the native search's budget for proximity phrases (settings'
        ``phrase_work``; 0: none)."""
        self.path = path
        self.phrase_work = phrase_work
        self._meta = str(path / "meta.json") if path is not None else None
        self.schema = build_schema()
        self.replaced = False
        if path is not None:
            path.mkdir(parents=True, exist_ok=True)
            self.index = self._open(path, replace_outdated)
        else:
            self.index = tantivy.Index(self.schema)
        register_analyzers(self.index)
        self._write_lock = threading.RLock()
        self._reload_lock = threading.Lock()
        # tantivy-py's writer, or the native one: the same methods
        self._writer: Any | None = None
        self._committed_at = time.monotonic()
        self._published_at = -QUIET_SECONDS  # the last commit (the cadence counts from the
        self._uncommitted = 0  # writer's taking too: ``_committed_at``)
        self._seen_meta = self._meta_mtime()
        self._generation = 0
        # the commit searches read (None: not known for sure) and its searcher, together;
        # those of the last few it replaced, held for the cursors made on them
        self._commits: HeldCommits[tantivy.Searcher] = HeldCommits(HELD_COMMITS, HELD_SECONDS)
        self._read_current()
        self._count_cache = _CountCache(COUNT_CACHE_SIZE)
        self._pages: _Lru[bytes | _KeptPage] = _Lru(PAGE_CACHE_SIZE)
        self._apart: _Lru[bool] = _Lru(COUNT_CACHE_SIZE)
        self._books: _Lru[NameBook] = _Lru(HELD_COMMITS + 2)
        self._native_wanted = native and path is not None
        self._native: NativeReader | None = None
        # every cited document's count (id, count), read where they are kept (the
        # library's database) once per commit searched; None: the entries' ``cited_by``
        self.cited_counts: Callable[[], list[tuple[str, int]]] | None = None
        self._cited: _Lru[list[tuple[str, int]]] = _Lru(HELD_COMMITS + 2)

    def _open(self, path: Path, replace_outdated: bool) -> tantivy.Index:
        index, self.replaced = open_stamped(self.schema, path, _STAMP, replace_outdated)
        return index

    # -- writing -----------------------------------------------------------------

    def acquire(self, timeout_s: float = 0.0) -> bool:
        """Hold the index writer (one per index folder, across processes) until
        ``release``; False if another holds it still after ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        with self._write_lock:
            while self._writer is None:
                try:
                    self._writer = self._new_writer()
                except ValueError as exc:
                    if "LockBusy" not in str(exc):
                        raise
                    if time.monotonic() >= deadline:
                        return False
                    time.sleep(LOCK_RETRY_S)
                    continue
                self._committed_at = time.monotonic()
                self._uncommitted = 0
            return True

    def _new_writer(self) -> Any:
        """The index folder's writer (its lock): native where it can be."""
        if NATIVE_WRITES and NativeWriter is not None and self.path is not None:
            if MERGE_AT is not None:
                return NativeWriter(
                    str(self.path), WRITER_HEAP, WRITER_THREADS, NATIVE_PAIRS, merge_at=MERGE_AT
                )
            if hasattr(NativeWriter, "makes_pairs"):
                return NativeWriter(str(self.path), WRITER_HEAP, WRITER_THREADS, NATIVE_PAIRS)
            return NativeWriter(str(self.path), WRITER_HEAP, WRITER_THREADS)
        return self.index.writer(WRITER_HEAP, WRITER_THREADS)

    def commit_due(self) -> bool:
        """Enough written, or long enough, since the last commit (``Library.flush``)."""
        return self._writer is not None and (
            self._uncommitted >= COMMIT_DOCS
            or time.monotonic() - self._committed_at >= COMMIT_SECONDS
        )

    def quiet_commit_due(self) -> bool:
        """A few documents written since the last commit, none for ``QUIET_SECONDS``
        (``Library.flush`` asks once the queue is empty)."""
        return (
            self._writer is not None
            and 0 < self._uncommitted <= QUIET_DOCS
            and time.monotonic() - self._published_at >= QUIET_SECONDS
        )

    def commit(self) -> None:
        """Make what was written durable and visible to every searcher."""
        with self._write_lock:
            if self._writer is None:
                return
            self._writer.commit()
            self._committed_at = self._published_at = time.monotonic()
            self._uncommitted = 0
            self._reload()

    def release(self) -> None:
        """Commit, let the segment merges finish, and let go of the writer."""
        with self._write_lock:
            if self._writer is None:
                return
            self.commit()
            writer, self._writer = self._writer, None
            writer.wait_merging_threads()
            self._reload()

    def abort(self) -> None:
        """Drop what was written since the last commit, and the writer."""
        with self._write_lock:
            if self._writer is None:
                return
            writer, self._writer = self._writer, None
            writer.rollback()
            del writer

    def upsert(
        self, docs: Iterable[AnyDocument], commit: bool = True, prepared: Ready | None = None
    ) -> UpsertReport:
        """Write ``docs``. With ``commit`` they are searchable on return; without, at the
        next ``commit`` (the caller holds the writer: ``acquire``/``release``).
        ``prepared``: documents' ``tantivy_entry.prepare`` done already (elsewhere), or
        the error it met, by id; each is taken out as its document is written."""
        return self._write(docs, replace_all=False, commit=commit, prepared=prepared)

    def rebuild(self, docs: Iterable[AnyDocument], prepared: Ready | None = None) -> UpsertReport:
        """Replace the whole index with ``docs`` in one commit: readers see the old index
        until the new one is complete, never an empty or half-built one."""
        return self._write(docs, replace_all=True, commit=True, prepared=prepared)

    def _write(
        self,
        docs: Iterable[AnyDocument],
        replace_all: bool,
        commit: bool,
        prepared: Ready | None = None,
    ) -> UpsertReport:
        ready: Ready = prepared if prepared is not None else {}
        report = UpsertReport()
        with self._write_lock:
            borrowed = self._writer is None
            if borrowed and not self.acquire(WRITER_WAIT_S):
                raise StoreUnavailable("another process is writing the search index")
            writer = self._writer
            native = not isinstance(writer, tantivy.IndexWriter)
            # the native writer makes the pair terms in its indexing threads
            makes_pairs = native and getattr(writer, "makes_pairs", False)
            # and takes a document in one call, its long texts once, with the delete of
            # its earlier version (a build of the extension from before takes them apart)
            replaces = makes_pairs and hasattr(writer, "replace_document")
            # a rebuild starts from an empty index and reads each document once: no
            # earlier version to delete. Tantivy keeps every delete until the commit (to
            # apply it to the segments flushed meanwhile), and a rebuild commits once, so
            # a delete per document held memory growing with the library (issue 14)
            replaces = replaces and not replace_all
            indexed = 0
            try:
                if replace_all:
                    writer.delete_all_documents()
                for doc in docs:
                    done = ready.pop(doc.id, None)
                    if isinstance(done, str):  # preparing it failed
                        report.errors[doc.id] = done
                        continue
                    try:
                        if replaces:
                            replacement = tantivy_entry.replacement(
                                doc,
                                done or prepare(doc, pairs=False),
                                citation_keys(doc),
                                doc.cited_by_count,
                            )
                        elif native:
                            entry = tantivy_entry.native_entry(
                                doc,
                                done or prepare(doc, pairs=not makes_pairs),
                                citation_keys(doc),
                                doc.cited_by_count,
                                makes_pairs,
                            )
                        elif done is None:
                            entry = self._to_tantivy(doc)
                        else:
                            keys = citation_keys(doc)
                            entry = tantivy_entry.entry(doc, done, keys, doc.cited_by_count)
                    except (ValueError, TypeError, OverflowError) as exc:
                        report.errors[doc.id] = str(exc)
                        continue
                    if replaces:
                        writer.replace_document(*replacement)
                        indexed += 1
                        continue
                    if not replace_all:
                        writer.delete_documents_by_term("id", doc.id)
                    if native:
                        writer.add_document(*entry)
                    else:
                        writer.add_document(entry)
                    indexed += 1
                # counted here, set once: a model's attribute set costs µs
                report.indexed = indexed
                self._uncommitted += report.indexed
                if commit or replace_all:
                    self.commit()
            except BaseException:
                self.abort()
                raise
            if borrowed or replace_all:
                self.release()
        return report

    def delete(self, ids: Iterable[str]) -> int:
        wanted = list(dict.fromkeys(ids))
        present = [doc_id for doc_id in wanted if self._exists(doc_id)]
        with self._write_lock:
            borrowed = self._writer is None
            if borrowed and not self.acquire(WRITER_WAIT_S):
                raise StoreUnavailable("another process is writing the search index")
            # a writer held already may hold some of them uncommitted (written since the
            # last commit, which the searcher does not see): those go too
            for doc_id in present if borrowed else wanted:
                self._writer.delete_documents_by_term("id", doc_id)
            self.commit()
            if borrowed:
                self.release()
        return len(present)

    def clear(self) -> None:
        self.rebuild([])

    def close(self) -> None:
        self.release()

    def _to_tantivy(self, doc: AnyDocument) -> tantivy.Document:
        return to_tantivy(doc)

    # -- reading -----------------------------------------------------------------

    def _meta_mtime(self) -> float:
        """When the index's last commit was published (0 in memory or before any):
        one ``stat``, asked by every search."""
        if self._meta is None:
            return 0.0
        try:
            return os.stat(self._meta).st_mtime
        except FileNotFoundError:
            return 0.0

    def _reload(self) -> None:
        self._read_current()
        self._seen_meta = self._meta_mtime()
        self._generation += 1

    def _read_current(self) -> None:
        """Reload, knowing which commit the new searcher reads (the same name in every
        process, ``commit_of``); the one it replaces is held for the cursors made on it
        if a search read it."""
        self._commits.renewed(self.path, self._reloaded, searched=False)

    def _reloaded(self) -> tantivy.Searcher:
        self.index.reload()
        return self.index.searcher()

    def _catch_up(self) -> tuple[str | None, tantivy.Searcher]:
        """The current commit and searcher, reloaded first unless another thread is
        reloading (the next search is then answered by the commit it reads). The commit
        counts as read: the page about to be read from it names it in its cursor, so it is
        held when the crawler replaces it."""
        if self._reload_lock.acquire(blocking=False):
            try:
                self._read_current()
            finally:
                self._reload_lock.release()
        return self._commits.read()

    def _refresh(self) -> None:
        """When another process committed, one request reloads the searcher while the
        others go on with the searcher they have."""
        if (
            self.path is not None
            and self._meta_mtime() != self._seen_meta
            and self._reload_lock.acquire(blocking=False)
        ):
            try:
                self._reload()
            finally:
                self._reload_lock.release()

    def _searcher(self) -> tantivy.Searcher:
        """The current searcher (``_refresh``-ed)."""
        self._refresh()
        return self.index.searcher()

    def generation(self) -> int:
        """How many times the searcher was renewed: a new number after every commit, by
        this process or another (what answers kept elsewhere are keyed by)."""
        self._refresh()
        return self._generation

    def _searcher_of_generation(self) -> tuple[tantivy.Searcher, int]:
        """The current searcher and the generation it is at least as new as (read first:
        ``_reload`` counts a generation after the index reloaded, so an answer may be
        kept under an older generation than its searcher's, never a newer one)."""
        self._refresh()
        generation = self._generation
        return self.index.searcher(), generation

    def _as_now(
        self,
        result: SearchResult,
        query: SearchQuery,
        searcher: tantivy.Searcher,
        native: NativeReader | None,
        generation: int,
    ) -> SearchResult:
        """A held commit's page with its hits as the library holds them now: the same
        question asked again of them alone, of the current commit (natively where the
        store searches natively: a question only the native search can ask). A document
        deleted since (withheld for the personal data a review found, removed by the
        operator) or re-indexed so that it no longer matches (the name searched for
        masked) is not shown; one re-indexed that still matches (masked, corrected) shows
        its current title, snippet and highlights. Else a cursor made before would show,
        for the minutes its commit is held, text the library has since masked. The page
        keeps the held commit's order, scores, total and next cursor."""
        if not result.hits:
            return result
        ids = list(dict.fromkeys(hit.id for hit in result.hits))
        if native is not None:
            now = self._now_native(ids, query, searcher, native, generation)
        else:
            now = self._now(ids, query, searcher)
        hits = [
            now[held.id].model_copy(update={"score": held.score})
            for held in result.hits
            if held.id in now
        ]
        return result.model_copy(update={"hits": hits})

    def _now_native(
        self,
        ids: list[str],
        query: SearchQuery,
        searcher: tantivy.Searcher,
        native: NativeReader,
        generation: int,
    ) -> dict[str, SearchHit]:
        """``_as_now``'s hits, by id, as the native search of the current commit finds
        them (``searcher``: tantivy-py's of that commit, for the highlights left to it)."""
        asked = _question(query.q)
        among = PLAN.boolean([("should", PLAN.term("id", i)) for i in ids])
        whole = PLAN.boolean([("must", json.loads(_plan_json(query, asked))), ("must", among)])
        _, _, found = native.search(
            generation,
            whole,
            len(ids),
            0,
            # all of them, in any order: no counts needed to sort them
            "date_desc" if query.effective_sort() == "most_cited" else query.effective_sort(),
            aggs=None,
            count=False,
            texts=query.highlight,
            marks=asked.marks if query.highlight and NATIVE_HIGHLIGHTS else None,
            work=self.phrase_work,
        )
        highlights = self._lit_up(found, asked, searcher) if query.highlight else None
        now: dict[str, SearchHit] = {}
        for n, (_, payload, _) in enumerate(found):
            hit = SearchHit.model_validate_json(payload)
            if highlights is not None:
                hit.highlights = highlights[n]
            now[hit.id] = hit
        return now

    def _now(
        self, ids: list[str], query: SearchQuery, searcher: tantivy.Searcher
    ) -> dict[str, SearchHit]:
        """``_as_now``'s hits, by id, as tantivy-py's ``searcher`` finds them."""
        tree = parse_query(query.q)
        among = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "id", i)) for i in ids]
        )
        with phrase_rule.checking(
            phrase_rule.PhraseRule(self.schema, searcher, most=phrase_rule.MAX_CANDIDATES)
        ):
            asked = with_filters(self.schema, compile_node(self.schema, tree), query)
        both = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, asked), (tantivy.Occur.Must, among)]
        )
        found = searcher.search(both, limit=len(ids))
        lit = shown(tree)
        finder = passage_finder(plan(lit))
        snippets = None
        if query.highlight and found.hits and _has_words(lit):
            with phrase_rule.checking(phrase_rule.words(self.schema)):  # the snippets' terms
                words = compile_node(self.schema, lit, pairs=False)
            snippets = tantivy.SnippetGenerator.create(searcher, words, self.schema, "text")
            snippets.set_max_num_chars(SNIPPET_CHARS)
        now: dict[str, SearchHit] = {}
        for _, address in found.hits:
            stored = searcher.doc(address)
            hit = SearchHit.model_validate_json(bytes(stored["payload"][0]))
            if query.highlight:
                hit.highlights = _highlights(snippets, stored.get_first("text") or "", finder)
            now[hit.id] = hit
        return now

    def matching_now(self, query: SearchQuery, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the current commit finds for ``query``'s question (words,
        filters, dates): one search of them alone, as a held commit's page is asked again
        (``_as_now``). An export reads a snapshot for as long as its download lasts; a
        document re-indexed since so that it no longer matches (the name searched for
        masked) or deleted is then not listed for text the library no longer has."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        asked = query.model_copy(update={"highlight": False, "facets": [], "cursor": None})
        return set(self._hits_now(asked, wanted))

    def found_among(self, query: SearchQuery, ids: Sequence[str]) -> dict[str, list[str]]:
        """Which of ``ids`` the current commit finds for ``query``, with the snippets a
        hit of them shows: a document whose name was masked since is found by it until
        the next commit, and its snippets tell (``api.index_lag``)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        asked = query.model_copy(update={"facets": [], "cursor": None})
        now = self._hits_now(asked, wanted)
        return {doc_id: list(hit.highlights or ()) for doc_id, hit in now.items()}

    def _hits_now(self, asked: SearchQuery, wanted: list[str]) -> dict[str, SearchHit]:
        """The hits among ``wanted`` the current commit gives ``asked``."""
        generation = self.generation()
        _, searcher = self._commits.read()  # read after the generation: at least as new
        native = self._native_reader(generation)
        book = None
        if asks_names(asked.filters, asked.q):
            book = self._name_book(searcher, generation)
        with using(book):
            if native is not None:
                return self._now_native(wanted, asked, searcher, native, generation)
            return self._now(wanted, asked, searcher)

    def facets_among(self, query: SearchQuery, ids: Sequence[str]) -> dict[str, list[FacetCount]]:
        """The facets ``query`` asks for, counted over ``ids`` alone as the current commit
        holds them (every value of theirs: ``facet_size`` at its most), whatever they
        match: what an answer counted of documents it must no longer count
        (``api.index_lag``)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted or not _facet_names(query):
            return {}
        among = tantivy.Query.term_set_query(self.schema, "id", wanted)
        wide = query.model_copy(update={"facet_size": 200})
        return self._counts(self._searcher(), among, wide)[1]

    def holding(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the current commit holds: one term-set search a thousand
        (usually none is held, and nothing more is read), then the hits' ids."""
        wanted = list(dict.fromkeys(ids))
        searcher = self._searcher()
        found: set[str] = set()
        for start in range(0, len(wanted), 1000):
            chunk = wanted[start : start + 1000]
            query = tantivy.Query.term_set_query(self.schema, "id", chunk)
            hits = searcher.search(query, limit=len(chunk)).hits
            found.update(str(searcher.doc(address).get_first("id")) for _, address in hits)
        return found

    def _exists(self, doc_id: str) -> bool:
        query = tantivy.Query.term_query(self.schema, "id", doc_id)
        return self._searcher().search(query, limit=1).count > 0

    def count(self) -> int:
        return self._searcher().num_docs

    def health(self) -> dict[str, object]:
        """What ``/healthz`` shows anyone: never where the index lies on the server."""
        return {"store": "tantivy", "documents": self.count(), "ok": True}

    def search(self, query: SearchQuery) -> SearchResult:
        """A page of hits with the counts. A question asked again before the next commit
        (a popular search, the page read again) is answered from the page cache; its
        following pages from the count cache and one top-k collection."""
        found = self._answer(query)
        return found.result() if isinstance(found, _KeptPage) else found

    def search_plain(self, query: SearchQuery) -> SearchResult | PlainResult:
        """``search``'s answer as plain data (``indexer.stores.plain``: the same values,
        written as the same JSON) when it is a native page, else as ``search`` gives it."""
        found = self._answer(query)
        if not isinstance(found, _KeptPage):
            return found
        plain = found.plain()
        return plain if plain is not None else found.result()

    def _answer(
        self, query: SearchQuery, pinned: Snapshot | None = None
    ) -> SearchResult | _KeptPage:
        """The page asked for: a native one as the page cache keeps it (the caller makes
        it its own), else the answer itself. ``pinned``: asked of that snapshot's commit,
        not the current one (its pages are not kept: nobody else asks them)."""
        if not asks_names(query.filters, query.q):
            return self._answer_of(query, pinned)
        if pinned is not None:
            book = self._name_book(pinned.searcher, pinned.key)
        else:
            # the book kept under a generation reads at least its values (a newer searcher's)
            book = self._name_book(*self._searcher_of_generation())
        with using(book):
            return self._answer_of(query, pinned)

    def name_book(self, query: SearchQuery) -> NameBook | None:
        """The book a search of ``query`` now compares names with (None: it names no
        ponente or court), for whoever matches documents itself (the export)."""
        if not asks_names(query.filters, query.q):
            return None
        return self._name_book(*self._searcher_of_generation())

    def _name_book(self, searcher: tantivy.Searcher, key: Hashable) -> NameBook:
        """The distinct ponentes and courts of a commit (``key``: its generation or its
        snapshot's), read from the keyword fields' term dictionaries: a name filter
        matches the stored values holding its words (``indexer.query.names``)."""
        book = self._books.get(key)
        if book is None:
            book = name_book(searcher)
            self._books.put(key, book)
        return book

    def _answer_of(
        self, query: SearchQuery, pinned: Snapshot | None = None
    ) -> SearchResult | _KeptPage:
        """``_answer`` with the names' book set, if the question needs one."""
        fingerprint = query.fingerprint()
        offset, made_on = decode_cursor_at(query, fingerprint)
        if pinned is not None:
            key = (fingerprint, pinned.key)
            if pinned.native is not None and self._native_answers(query):
                return self._search_native(pinned.native, pinned.searcher, query, offset, key)
            return self._search(pinned.searcher, query, offset, key)
        generation = self.generation()
        # read after the generation: its searcher is at least as new
        commit, searcher = self._commits.read()
        if made_on is not None and made_on != commit:
            # the cursor's page was read from an earlier commit: the next one from it too
            held = self._commits.held(made_on)
            if held is not None:
                key = (fingerprint, made_on)
                native = self._native_reader(generation) if self._native_answers(query) else None
                # natively where the native reader holds it too (as fast as a fresh page,
                # bounded alike), else by tantivy-py's
                pin = native.held(made_on) if native is not None else None
                if native is not None and pin is not None:
                    found = self._search_native(native, held, query, offset, key, made_on, pin)
                    if isinstance(found, _KeptPage):
                        found = found.result()
                else:
                    found = self._search(held, query, offset, key, made_on)
                return self._as_now(found, query, searcher, native, generation)
        page_key = (fingerprint, offset, query.limit, generation)
        cached = self._pages.get(page_key)
        if cached is not None:
            return cached if isinstance(cached, _KeptPage) else _unkept(cached)
        native = self._native_reader(generation) if self._native_answers(query) else None
        count_key = (fingerprint, generation)
        if native is not None:
            # its pages name their commit when the native reader is surely at that one
            native.at(generation)  # reloaded first when the generation is new
            if native.commit != commit and native.commit is not None:
                # a commit (or a merge) published between the two reloads: catch up once
                commit, searcher = self._catch_up()
            at = commit if native.commit == commit else None
            found = self._search_native(native, searcher, query, offset, count_key, at)
        else:
            found = self._search(searcher, query, offset, count_key, commit)
        self._pages.put(page_key, found if isinstance(found, _KeptPage) else _kept(found))
        return found

    def snapshot(self) -> Snapshot:
        """The index as last committed, searched as it is now for as long as the snapshot
        is kept (an export's pages, read while the crawler commits: a commit between two
        pages would otherwise shift the offsets, a document read twice or skipped). The
        native search gets a reader of its own that is never reloaded."""
        key = -next(_SNAPSHOTS)  # never a generation: counts kept under a key of its own
        searcher, generation = self._searcher_of_generation()
        native = None
        if self.path is not None and self._native_reader(generation) is not None:
            native = open_native(self.path, key)
        return Snapshot(self, searcher, native, key)

    def _native_reader(self, generation: int) -> NativeReader | None:
        """The native search of this index folder, opened on first use; None: not wanted
        (in memory, or asked so) or not installed."""
        if not self._native_wanted:
            return None
        if self._native is None:
            with self._reload_lock:
                if self._native is None and self._native_wanted:
                    self._native = open_native(self.path, generation, HELD_COMMITS, HELD_SECONDS)
                    self._native_wanted = self._native is not None
        return self._native

    def _counts_for(self, query: SearchQuery, key: Hashable) -> list[tuple[str, int]] | None:
        """The counts a ``most_cited`` page of the commit ``key`` orders by (read once for
        it: its pages agree), None for another sort or where none are kept apart."""
        if self.cited_counts is None or query.effective_sort() != "most_cited":
            return None
        counts = self._cited.get(key)
        if counts is None:
            counts = self.cited_counts()
            self._cited.put(key, counts)
        return counts

    def _native_answers(self, query: SearchQuery) -> bool:
        """Whether the native search can answer ``query``: not a ``most_cited`` one by
        counts kept apart when the extension predates them (``takes_counts``)."""
        return not (
            self.cited_counts is not None
            and query.effective_sort() == "most_cited"
            and not _NATIVE_COUNTS
        )

    def _search_native(
        self,
        native: NativeReader,
        searcher: tantivy.Searcher,
        query: SearchQuery,
        offset: int,
        count_key: tuple[str, Hashable],
        commit: str | None = None,
        held: NativeSearch | None = None,
    ) -> SearchResult | _KeptPage:
        """``_search`` in one native pass: the page with the total and the facets not
        kept yet (the very aggregations ``_counts`` asks tantivy-py for), the hits' stored
        fields read by the same searcher; tantivy-py's searcher only lights up the
        snippets. A following page, its counts kept, is a top-k collection alone. The
        page as the page cache keeps it, or an answer with no hits past the last.
        ``held``: the native searcher of the held commit ``searcher`` reads too."""
        asked = _question(query.q)
        names, spec = _facet_spec(query)
        counts_key = (query.counts_key(), count_key[1])
        counted = self._count_cache.kept(counts_key, names) if names else None
        if counted is not None and counted[0] <= offset:
            facets = _facet_values(counted[1])
            return SearchResult(total=counted[0], hits=[], facets=facets, next_cursor=None)
        sort = query.effective_sort()
        total, raw, found = native.search(
            count_key[1],
            _plan_json(query, asked),
            query.limit,
            offset,
            sort,
            aggs=spec if names and counted is None else None,
            count=counted is None,
            texts=query.highlight,
            marks=asked.marks if query.highlight and NATIVE_HIGHLIGHTS else None,
            work=self.phrase_work,
            held=held,
            counts=self._counts_for(query, count_key[1]),
        )
        if counted is not None:
            total, kept_facets = counted
        else:
            total = total or 0
            kept_facets = _kept_facets(raw, names, query)
            if names:
                self._count_cache.put_kept(counts_key, (total, kept_facets))
        highlights = self._lit_up(found, asked, searcher) if query.highlight else None
        next_offset = offset + len(found)
        cursor = None
        if next_offset < total and found:
            cursor = encode_cursor(query, next_offset, count_key[0], commit)
        return _KeptPage(
            total=total,
            facets=kept_facets,
            next_cursor=cursor,
            payloads=tuple(payload for _, payload, _ in found),
            scores=tuple(score for score, _, _ in found) if sort == "relevance" else None,
            highlights=None if highlights is None else tuple(map(tuple, highlights)),
        )

    def _lit_up(
        self,
        found: list[tuple[float | None, bytes, str | list[str] | None]],
        asked: _Question,
        searcher: tantivy.Searcher,
    ) -> list[list[str]]:
        """The highlights of a native page's hits: made natively, or by tantivy-py's
        ``searcher`` from the text the native highlighter leaves to Python (see
        ``highlight.rs``)."""
        snippets = None
        highlights = []
        for _, _, text in found:
            if isinstance(text, list):  # made natively from the indexed text
                highlights.append(list(map(without_gaps, text)))
                continue
            if snippets is None and _has_words(asked.tree):
                with phrase_rule.checking(phrase_rule.words(self.schema)):  # the snippets' terms
                    words = compile_node(self.schema, asked.tree, pairs=False)
                snippets = tantivy.SnippetGenerator.create(searcher, words, self.schema, "text")
                snippets.set_max_num_chars(SNIPPET_CHARS)
            highlights.append(_highlights(snippets, text or "", asked.finder))
        return highlights

    def _search(
        self,
        searcher: tantivy.Searcher,
        query: SearchQuery,
        offset: int,
        count_key: tuple[str, Hashable],
        commit: str | None = None,
    ) -> SearchResult:
        tree = arranged_within_bounds(parse_query(query.q))
        # a proximity phrase of too many arrangements: the documents holding it by the
        # rule, found among those holding its words (few, or refused: ``phrase_rule``)
        rule = phrase_rule.PhraseRule(self.schema, searcher, most=phrase_rule.MAX_CANDIDATES)
        with phrase_rule.checking(rule):
            text_query = compile_node(self.schema, tree)
        full = with_filters(self.schema, text_query, query)
        # a question whose phrases' terms were found apart once is counted exactly after
        # (its next pages, its other facets, the question written otherwise), until the
        # next commit
        counted_as = query.counts_key()
        apart_key = (counted_as[:4], count_key[1])
        apart = self._apart.get(apart_key)
        with phrase_rule.checking(rule):
            loose_text = None if apart else compile_loose(self.schema, tree, searcher)
        loose = with_filters(self.schema, loose_text, query) if loose_text is not None else None
        counts_key = (counted_as, count_key[1])
        counting = self._counting(searcher, full, loose, query, counts_key)
        # the loose question's counts hold only once the page's own count agrees
        checking = counting is not None and counting.loose
        counted = counting.done() if counting is not None and not checking else None
        if counted is not None and counted[0] <= offset:
            # nothing (more) to show: the counting pass said so, no second pass
            self._count_cache.put(counts_key, counted)
            return SearchResult(total=counted[0], hits=[], facets=counted[1], next_cursor=None)
        # the counts come from one aggregation pass (or the cache): the page itself is a
        # top-k collection that skips what cannot make it, not a count of every match
        sort = query.effective_sort()
        count = counting is None or checking
        if sort == "relevance":
            result = None
            if not count and full is text_query:
                result = _top_of_a_prefix(self.schema, searcher, tree, query.limit, offset)
            if result is None:
                result = searcher.search(full, limit=query.limit, offset=offset, count=count)
        elif sort == "most_cited" and (counts := self._counts_for(query, count_key[1])) is not None:
            result = _most_cited(self.schema, searcher, full, counts, query.limit, offset, count)
        else:
            order = tantivy.Order.Asc if sort == "date_asc" else tantivy.Order.Desc
            result = searcher.search(
                full,
                limit=query.limit,
                offset=offset,
                count=count,
                order_by_field="cited_by" if sort == "most_cited" else "date",
                order=order,
            )
        snippets = None
        lit = shown(tree)
        finder = passage_finder(plan(lit))
        if query.highlight and result.hits and _has_words(lit):
            # the generator lights up the terms of the words' own field, not of the pairs
            # (a prefix is none of them: a question of prefixes alone would light nothing)
            with phrase_rule.checking(phrase_rule.words(self.schema)):  # the snippets' terms
                words = compile_node(self.schema, lit, pairs=False)
            snippets = tantivy.SnippetGenerator.create(searcher, words, self.schema, "text")
            snippets.set_max_num_chars(SNIPPET_CHARS)
        hits = []
        for key, address in result.hits:
            stored = searcher.doc(address)
            hit = SearchHit.model_validate_json(bytes(stored["payload"][0]))
            if sort == "relevance":
                hit.score = float(key)
            if query.highlight:
                hit.highlights = _highlights(snippets, stored.get_first("text") or "", finder)
            hits.append(hit)
        if counting is None:
            total, facets = result.count or 0, {}
        else:
            total, facets = counting.future.result()
            if checking and total != result.count:
                # some document holds a phrase's terms apart: count the exact question
                self._apart.put(apart_key, True)
                total, facets = self._counts(searcher, full, query)
            self._count_cache.put(counts_key, (total, facets))
        next_offset = offset + len(hits)
        next_cursor = (
            encode_cursor(query, next_offset, count_key[0], commit)
            if next_offset < total and hits
            else None
        )
        return SearchResult(total=total, hits=hits, facets=facets, next_cursor=next_cursor)

    def _counting(
        self,
        searcher: tantivy.Searcher,
        full: tantivy.Query,
        loose: tantivy.Query | None,
        query: SearchQuery,
        key: tuple[Hashable, Hashable],
    ) -> _Counting | None:
        """The counts, on their way: kept ones at once; otherwise counted by a helper
        thread while this one collects the page and its snippets (Tantivy lets go of the
        interpreter while it counts: a lone search uses a second core), or here and now
        when every helper is busy (under load there is no idle core to give it).
        ``loose``: the question without its phrases' positions (``compile_loose``),
        counted instead of ``full`` when there is one: matching a long phrase's positions
        is most of a pass, and the page's own pass (which matches them) counts the exact
        total; the same total means the same documents, so the same facets.
        None: no facets asked, the page's own search counts."""
        if not any(name in FILTER_FIELDS for name in query.facets):
            return None
        cached = self._count_cache.get(key, _facet_names(query))
        if cached is not None:
            return _Counting(_done(cached), loose=False)
        counted = loose if loose is not None else full
        helpers = counting_helpers()
        if not helpers.free.acquire(blocking=False):
            return _Counting(_done(self._counts(searcher, counted, query)), loose is not None)

        def count() -> Counts:
            try:
                return self._counts(searcher, counted, query)
            finally:
                helpers.free.release()

        return _Counting(helpers.pool.submit(count), loose is not None)

    def _counts(
        self, searcher: tantivy.Searcher, counted: tantivy.Query, query: SearchQuery
    ) -> Counts:
        """The total and the facets asked for, of the documents ``counted`` matches, in
        one aggregation pass over the fast fields (kept per question and index
        generation by ``_search``: the next pages, the same search again, the empty
        query's counts until the next commit)."""
        names, spec = _facet_spec(query)
        # every document has one kind: its buckets (and the rest) add up to the total, so
        # the kind facet counts it when it is asked for, a count of its own otherwise
        counter = "kind" if "kind" in names else TOTAL_AGG
        if counter == TOTAL_AGG:
            spec[TOTAL_AGG] = {"terms": {"field": "kind", "size": 16}}
        raw = searcher.aggregate(counted, spec)
        everything = raw.get(counter, {})
        total = sum(int(b["doc_count"]) for b in everything.get("buckets", []))
        total += int(everything.get("sum_other_doc_count", 0))
        facets = {name: _facet(raw.get(name, {}), query.facet_size_of(name)) for name in names}
        return total, facets


@dataclass(frozen=True)
class _Found:
    """A page found in more than one search: its (key, address) hits and the count."""

    hits: list[tuple[int, tantivy.DocAddress]]
    count: int | None


def _most_cited(
    schema: tantivy.Schema,
    searcher: tantivy.Searcher,
    full: tantivy.Query,
    counts: list[tuple[str, int]],
    limit: int,
    offset: int,
    count: bool,
) -> _Found:
    """A ``most_cited`` page by tantivy-py (the native search sorts in one pass): the
    cited documents matching, by their count (ties by address, as a sort by a fast field
    breaks them), then the others."""
    by_id = dict(counts)
    cited = tantivy.Query.term_set_query(schema, "id", list(by_id))
    among = tantivy.Query.boolean_query([(tantivy.Occur.Must, full), (tantivy.Occur.Must, cited)])
    found = searcher.search(among, limit=len(by_id)).hits if by_id else []
    ranked = sorted(
        ((by_id[searcher.doc(address).get_first("id")], address) for _, address in found),
        key=lambda hit: (-hit[0], hit[1].segment_ord, hit[1].doc),
    )
    hits = ranked[offset : offset + limit]
    rest = limit - len(hits)
    if rest > 0:
        others = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, full), (tantivy.Occur.MustNot, cited)]
        )
        tail = searcher.search(others, limit=rest, offset=max(0, offset - len(ranked)))
        hits += [(0, address) for _, address in tail.hits]
    total = searcher.search(full, limit=1, count=True).count if count else None
    return _Found(hits=hits, count=total)


def name_book(searcher: tantivy.Searcher, capped: bool = True) -> NameBook:
    """The distinct ponentes and courts ``searcher`` reads, from the keyword fields'
    term dictionaries (``indexer.query.names``; ``capped``: see ``NameBook``)."""
    found = {
        name: [
            term
            for term, _ in searcher.terms_with_prefix(_key(name), "", limit=VALUES_READ)
            if term != NO_VALUE
        ]
        for name in NAME_FIELDS
    }
    return NameBook(found, capped)


def _facet_names(query: SearchQuery) -> list[str]:
    """The facets counted, each once, in the order asked (the answer's order)."""
    return [name for name in dict.fromkeys(query.facets) if name in FILTER_FIELDS]


def _facet_spec(query: SearchQuery) -> tuple[list[str], dict[str, Any]]:
    """The facets asked for, and the terms aggregations that count them."""
    names = _facet_names(query)
    # a facet no kind the filters leave can hold a value of is empty: not counted
    held = held_fields(query)
    # one bucket more than asked: the documents without a value (``NO_VALUE``) never
    # take a real value's place
    spec = {
        name: {
            "terms": {
                "field": name,
                "size": query.facet_size_of(name) + 1,
                "segment_size": SEGMENT_BUCKETS,
            }
        }
        for name in names
        if name in held or name == "kind"
    }
    return names, spec


# the filter fields each kind of document has (the rest are none of its values); year,
# the citations and whether it is a redacted public version come from every kind
_EVERY_KIND = frozenset(("year", "cita", "redacted"))
_KIND_FIELDS = {
    model.model_fields["kind"].default: frozenset(
        name for name in FILTER_FIELDS if name in model.model_fields or name in _EVERY_KIND
    )
    for model in (Sentencia, Sesion, Legislativo)
}


def held_fields(query: SearchQuery) -> frozenset[str]:
    """The filter fields a document the filters let through may hold a value of: those
    of the kinds that have every field filtered on (``matter`` is a sentencia's) and
    are among the kinds asked for, if they are."""
    kinds = set(_KIND_FIELDS)
    for name, values in query.filters.items():
        wanted = [v for v in values if v.strip()]
        if not wanted:
            continue
        if name == "kind":
            kinds &= {keyword_value("kind", v) for v in wanted}
        else:
            kinds = {kind for kind in kinds if name in _KIND_FIELDS[kind]}
    return frozenset().union(*(_KIND_FIELDS[kind] for kind in kinds))


@dataclass(frozen=True, slots=True)
class _Counting:
    """Counts on their way; ``loose``: of the loose question, to be checked."""

    future: Future[Counts]
    loose: bool

    def done(self) -> Counts | None:
        return self.future.result() if self.future.done() else None


def _done(counts: Counts) -> Future[Counts]:
    done: Future[Counts] = Future()
    done.set_result(counts)
    return done


class _Helpers:
    """The counting threads of a process, one per core, shared by all its stores."""

    def __init__(self) -> None:
        cores = max(1, os.cpu_count() or 1)
        self.pid = os.getpid()
        self.free = threading.BoundedSemaphore(cores)
        self.pool = ThreadPoolExecutor(max_workers=cores, thread_name_prefix="count")


_helpers: _Helpers | None = None


def counting_helpers() -> _Helpers:
    """This process's helpers (a forked child makes its own: the parent's threads are not
    in it)."""
    global _helpers
    if _helpers is None or _helpers.pid != os.getpid():
        _helpers = _Helpers()
    return _helpers


def _facet(raw: dict, size: int) -> list[FacetCount]:
    """A terms aggregation's buckets as the facet's values, those without one left out."""
    buckets = [b for b in raw.get("buckets", []) if b["key"] != NO_VALUE]
    return [FacetCount(value=str(b["key"]), count=int(b["doc_count"])) for b in buckets[:size]]


# every facet's values validated in one call: a third of the time of one call per
# value, and a fifth less than one call per facet
_FACETS = TypeAdapter(dict[str, list[FacetCount]])
_HITS = TypeAdapter(list[SearchHit])


def _kept_facets(
    counted: dict[str, Iterable[tuple[str, int]]], names: list[str], size: int | SearchQuery
) -> KeptFacets:
    """``_facet`` of each of ``names`` from the native counter's (value, count) pairs, in
    the order of ``names`` (a name not counted: no values), without the aggregation's
    bucket dicts between, as the count cache keeps them (``_facet_values`` makes them
    the answer's). ``size``: the values each keeps, or the query that says it per facet."""
    kept = []
    for name in names:
        # one list made and sliced: a third less than a filter and an islice of it
        row = tuple([p for p in counted.get(name, ()) if p[0] != NO_VALUE])
        n = size if isinstance(size, int) else size.facet_size_of(name)
        kept.append((name, row[:n] if len(row) > n else row))
    return tuple(kept)


def _facets_of(
    counted: dict[str, Iterable[tuple[str, int]]], names: list[str], size: int
) -> dict[str, list[FacetCount]]:
    """The answer's facets of the native counter's pairs (``_kept_facets``, made)."""
    return _facet_values(_kept_facets(counted, names, size))


def _facet_values(kept: KeptFacets) -> dict[str, list[FacetCount]]:
    """Kept facets as the answer's values, every facet's validated in one call."""
    values = {name: [{"value": value, "count": n} for value, n in pairs] for name, pairs in kept}
    return _FACETS.validate_python(values)


def with_filters(
    schema: tantivy.Schema, text_query: Any, query: SearchQuery, kit: Kit | None = None
) -> Any:
    """``text_query`` restricted by the search's filters and date range (``kit``: the
    form of the question, tantivy-py's queries by default)."""
    kit = kit if kit is not None else TantivyKit(schema)
    clauses: list[tuple[str, Any]] = [("must", text_query)]
    for name, values in query.filters.items():
        if name not in FILTER_FIELDS:
            raise ValueError(f"unknown filter field {name!r}")
        wanted = [v for v in values if v.strip()]
        if not wanted:
            continue
        options = [("should", _field(kit, name, v)) for v in wanted]
        options = [(occur, q) for occur, q in options if q is not None]
        if not options:
            clauses.append(("must", kit.empty()))
            continue
        clauses.append(("must", kit.boolean(options)))
    if query.date_from or query.date_to:
        clauses.append(("must", _date_range(kit, query.date_from, query.date_to)))
    if len(clauses) == 1:
        return text_query
    return kit.boolean(clauses)


def _date_range(kit: Kit, start: dt.date | None, end: dt.date | None) -> Any:
    def at(day: dt.date | None) -> dt.datetime | None:
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None

    return kit.date_range("date", at(start), at(end))


def compile_search(schema: tantivy.Schema, query: SearchQuery) -> tantivy.Query:
    """The whole question of a search (words, filters, dates) as one Tantivy query (an
    alert's, as its matcher asks it: ``arranged_within_bounds``). A proximity phrase
    of too many arrangements is asked of ``phrase_rule.current()``'s documents (refused
    without one)."""
    tree = arranged_within_bounds(parse_query(query.q))
    return with_filters(schema, compile_node(schema, tree), query)


def arranged_within_bounds(tree: Node) -> Node:
    """``tree``, if its proximity phrases asked as their arrangements (tantivy-py's path:
    three words or more, or a word twice) are no more than ``MAX_QUESTION_PHRASES``
    exact phrases in all; else ``QueryTooCostly``. The native search walks them by the
    rule, its work counted (``native/src/plan/sloppy.rs``), and needs no such bound."""
    if arranged_phrases(tree) > MAX_QUESTION_PHRASES:
        raise QueryTooCostly(*_PHRASES_TOO_COSTLY)
    return tree


_PHRASES_TOO_COSTLY = (
    "too many proximity phrases of three words or more: each is searched as every way "
    "its words may stand; ask fewer of them, shorten the phrase or reduce the proximity",
    "la búsqueda tiene demasiadas frases con proximidad de tres palabras o más, y cada "
    "una se busca en todas las posiciones posibles de sus palabras: use menos frases con "
    "proximidad, acorte la frase o reduzca la proximidad",
)


def search_plan(query: SearchQuery) -> Plan:
    """The whole question of a search as the native search's plan: the very queries
    ``compile_search`` builds, as data."""
    text_plan = compile_node(None, parse_query(query.q), kit=PLAN)
    return with_filters(None, text_plan, query, kit=PLAN)


_SNAPSHOTS = itertools.count(1)


@dataclass(frozen=True)
class Snapshot:
    """One commit of a ``TantivyStore``: every search of it reads that commit, whatever
    is committed meanwhile (``TantivyStore.snapshot``)."""

    store: TantivyStore
    searcher: tantivy.Searcher
    native: NativeReader | None
    key: int

    def search(self, query: SearchQuery) -> SearchResult:
        found = self.store._answer(query, self)
        return found.result() if isinstance(found, _KeptPage) else found


class _Lru(Generic[V]):
    """A small least-recently-used map shared by a worker's request threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@dataclass(frozen=True, slots=True)
class _Question:
    """What a query text compiles to, whatever the filters, page, facets and index: its
    syntax tree as the highlights read it (``shown``), its words' plan, where its
    passages are found and the native highlighter's spec."""

    tree: Node
    text_plan: Plan
    finder: PassageFinder
    marks: str


# The same words come back with another page, sort, facet or filter (a reader narrowing
# a search), and popular searches are asked by many: each text is parsed and compiled
# once (about a fifth of a millisecond), its plan with the filters written once.
QUESTION_CACHE_SIZE = 1024
_questions: _Lru[_Question] = _Lru(QUESTION_CACHE_SIZE)
_plans: _Lru[str] = _Lru(QUESTION_CACHE_SIZE)


def _question(text: str) -> _Question:
    """The compiled pieces of a query text (a text that does not parse raises, and is
    parsed again when asked again)."""
    key = (text, book_version())  # a ponente or court names the values of one commit
    kept = _questions.get(key)
    if kept is None:
        tree = parse_query(text)
        lit = shown(tree)
        finder = passage_finder(plan(lit))
        text_plan = compile_node(None, tree, kit=PLAN)
        kept = _Question(lit, text_plan, finder, marking(lit, finder))
        _questions.put(key, kept)
    return kept


def _plan_json(query: SearchQuery, asked: _Question) -> str:
    """The native plan of the whole question (words, filters, dates), as JSON."""
    filters = tuple((name, tuple(values)) for name, values in query.filters.items())
    key = (query.q, filters, query.date_from, query.date_to, book_version())
    kept = _plans.get(key)
    if kept is None:
        kept = plan_text(with_filters(None, asked.text_plan, query, PLAN))
        _plans.put(key, kept)
    return kept


# Kept answers and counts are held as bytes and tuples, no model objects: the garbage
# collector walks every object that lives on, a few hundred per answer kept (its hits,
# its facets' values) many times over; a bytes object or a tuple of strings and numbers
# it walks not at all. A fresh answer kept so costs less than its models copied, and is
# the caller's own; one read from the cache is made anew for its caller.


def _kept(result: SearchResult) -> bytes:
    """An answer as kept in the page cache: its JSON, of the fields it was given only (so
    ``_unkept`` gives the very answer back, what it was given included)."""
    return SearchResult.__pydantic_serializer__.to_json(result, exclude_unset=True)


def _unkept(kept: bytes) -> SearchResult:
    """A kept answer, made anew for one caller (the caller may change it)."""
    return SearchResult.model_validate_json(kept)


# a question's total and its facets' (value, count) pairs, by facet
KeptFacets = tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
KeptCounts = tuple[int, KeptFacets]


@dataclass(frozen=True, slots=True)
class _KeptPage:
    """A native answer as the page cache keeps it: what it was made of (its hits' stored
    payloads, scores and highlights, its counts), made again the same way for each
    reader; keeping costs nothing more than the answer (no JSON written for it)."""

    total: int
    facets: KeptFacets
    next_cursor: str | None
    payloads: tuple[bytes, ...]
    scores: tuple[float | None, ...] | None  # sorted by relevance only
    highlights: tuple[tuple[str, ...], ...] | None  # asked for only

    def result(self) -> SearchResult:
        """The answer, made anew."""
        # the page's stored hits read in one call: a third less than one call per hit
        hits = _HITS.validate_json(b"[" + b",".join(self.payloads) + b"]")
        if self.scores is not None:
            for hit, score in zip(hits, self.scores, strict=True):
                hit.score = score
        if self.highlights is not None:
            for hit, lit in zip(hits, self.highlights, strict=True):
                hit.highlights = list(lit)
        return SearchResult(
            total=self.total,
            hits=hits,
            facets=_facet_values(self.facets),
            next_cursor=self.next_cursor,
        )

    def plain(self) -> PlainResult | None:
        """The answer as plain data, made anew; None when a payload is refused (``result``
        refuses it the same way)."""
        hits = plain_hits(self.payloads, self.scores, self.highlights)
        if hits is None:
            return None
        return PlainResult(
            total=self.total,
            hits=hits,
            facets=plain_facets(self.facets),
            next_cursor=self.next_cursor,
        )


class _CountCache:
    """The count cache: ``Counts`` kept as tuples, made anew for each reader, their
    facets in the order the reader asks them (the key holds them as a set:
    ``SearchQuery.counts_key``)."""

    def __init__(self, size: int) -> None:
        self._kept: _Lru[KeptCounts] = _Lru(size)

    def get(self, key: Hashable, names: list[str]) -> Counts | None:
        kept = self.kept(key, names)
        if kept is None:
            return None
        total, facets = kept
        return total, _facet_values(facets)

    def kept(self, key: Hashable, names: list[str]) -> KeptCounts | None:
        """The counts as kept (immutable: shared as they are), the facets ``names``."""
        kept = self._kept.get(key)
        if kept is None:
            return None
        total, facets = kept
        if tuple(name for name, _ in facets) != tuple(names):
            by_name = dict(facets)
            facets = tuple((name, by_name.get(name, ())) for name in names)
        return total, facets

    def put_kept(self, key: Hashable, counts: KeptCounts) -> None:
        self._kept.put(key, counts)

    def put(self, key: Hashable, counts: Counts) -> None:
        total, facets = counts
        kept = tuple(
            (name, tuple((f.value, f.count) for f in values)) for name, values in facets.items()
        )
        self._kept.put(key, (total, kept))


def _highlights(
    generator: tantivy.SnippetGenerator | None, text: str, finder: PassageFinder
) -> list[str]:
    """The best fragment of the passage where the query's words are densest (Tantivy's
    generator re-analyses what it is given: a passage, not the whole document), shown as
    the document writes it (``text`` is the indexed text: its gaps go)."""
    return list(map(without_gaps, _fragments(generator, text, finder)))


def _fragments(
    generator: tantivy.SnippetGenerator | None, text: str, finder: PassageFinder
) -> list[str]:
    window = finder.window(text)
    if window is not None and generator is not None:
        passage = tantivy.Document()
        passage.add_text("text", text[window[0] : window[1]])
        snippet = generator.snippet_from_doc(passage)
        fragment = snippet.fragment()
        if fragment:
            ranges = [(r.start, r.end) for r in snippet.highlighted()]
            return [mark(fragment, ranges, finder.match_plan)]
    if finder.match_plan.prefixes:
        # a prefix is no term the snippet generator knows: find the words ourselves
        where = text[window[0] : window[1]] if window is not None else text
        found = prefix_window(where, finder.match_plan, SNIPPET_CHARS)
        if found:
            return [mark(found, [], finder.match_plan)]
    start = " ".join(text[: whole_words_end(text, 0, SNIPPET_CHARS)].split())
    return [html.escape(start)] if start else []


def marking(tree: Node, finder: PassageFinder) -> str:
    """The native highlighter's spec of a question (``native/src/highlight.rs``): what
    ``_highlights`` reads of its finder and plan, the snippet generator's question (the
    one ``compile_node(..., pairs=False)`` gives, as a plan) and the constants."""
    match_plan = finder.match_plan
    words = compile_node(None, tree, pairs=False, kit=PLAN) if _has_words(tree) else None
    return json.dumps(
        {
            "plan": words,
            "forms": finder.forms,
            "spellings": spellings(finder.forms),
            "stems": sorted(finder.stems),
            # the order Python tries them in (a word may begin with two)
            "finder_prefixes": list(finder.prefixes),
            "standalone": sorted(match_plan.standalone),
            "phrases": match_plan.phrases,
            "near": match_plan.near,
            "prefixes": match_plan.prefixes,
            "window_chars": WINDOW_CHARS,
            "lead_chars": LEAD_CHARS,
            "max_candidates": MAX_CANDIDATES,
            "joined": finder.joined,
            "phrase_span": PHRASE_SPAN,
            "snippet_chars": SNIPPET_CHARS,
            # ``PassageFinder.short``: every word's finder, tried where no telling word is
            "short": None
            if finder.short is None
            else {
                "forms": finder.short.forms,
                "spellings": spellings(finder.short.forms),
                "stems": sorted(finder.short.stems),
                "joined": finder.short.joined,
            },
        }
    )


def _has_words(node: Node) -> bool:
    """Whether a question has words or phrases to light up (not only prefixes or NOTs)."""
    match node:
        case Term() | Phrase() | Field():
            return True
        case And(items) | Or(items):
            return any(_has_words(item) for item in items)
    return False


# -- compiling the syntax tree --------------------------------------------------------


def compile_node(
    schema: tantivy.Schema | None, node: Node, pairs: bool = True, kit: Kit | None = None
) -> Any:
    """Turn a parsed query into Tantivy query objects (never through Tantivy's parser),
    or with ``kit=PLAN`` into the native search's plan of the same queries.
    ``pairs``: exact phrases are looked up in the pair fields (the search); without, in
    the positions of the words themselves (what the snippet generator reads terms from)."""
    kit = kit if kit is not None else TantivyKit(schema)
    compiled = _Compiler(kit, pairs).compile(node)
    return compiled if compiled is not None else kit.empty()


def compile_loose(
    schema: tantivy.Schema, node: Node, searcher: tantivy.Searcher
) -> tantivy.Query | None:
    """The question with its long phrases asked as their terms anywhere in a document,
    where they decide what matches (not under a NOT): it finds every document the
    question finds, and more only where some document holds a phrase's terms apart.
    Only phrases that read positions (three words or more, or a slop) and whose terms
    the index finds in about as many documents each (``LOOSE_SPREAD``: a set phrase,
    its words rarely apart; otherwise the check would fail, and the exact count follow
    the loose one). None: no such phrase in it."""
    kit = TantivyKit(schema)
    compiler = _Compiler(kit, pairs=True, loose=searcher)
    compiled = compiler.compile(node)
    if not compiler.loosened:
        return None
    return compiled if compiled is not None else kit.empty()


class _Compiler:
    def __init__(self, kit: Kit, pairs: bool, loose: tantivy.Searcher | None = None) -> None:
        self.kit = kit
        self.pairs = pairs
        self.loose = loose
        self.loosened = False

    def _exactly(self, node: Node) -> Any:
        """``node`` compiled with its phrases whole (what a NOT leaves out must be exact:
        a loose phrase there would leave out more, not less)."""
        loose, self.loose = self.loose, None
        try:
            return self.compile(node)
        finally:
            self.loose = loose

    def _words(self, text: str, fields: tuple[str, ...], slop: int = 0) -> Any:
        if self.loose is not None:
            found = _loose_words(self.kit, self.loose, text, fields, slop, self.pairs)
            if found is not None:
                self.loosened = True
                return found
        return _words(self.kit, text, fields, slop, self.pairs)

    def compile(self, node: Node) -> Any:
        kit = self.kit
        match node:
            case MatchAll():
                return kit.all()
            case Term(text):
                return self._words(text, PAIRED)
            case Phrase(text, slop):
                return self._words(text, PAIRED, slop)
            case Prefix(text):
                return _prefix(kit, text)
            case Field(name, value, _, slop):
                if name in ("title", "text"):
                    return self._words(value, (name,), slop)
                return _field(kit, name, value, slop, self.pairs)
            case Not(item):
                inner = self._exactly(item)
                if inner is None:
                    return None
                return kit.boolean([("must", kit.all()), ("must_not", inner)])
            case And(items):
                return self._and(items)
            case Or(items):
                options = [q for q in map(self.compile, items) if q is not None]
                if not options:
                    return None
                return kit.boolean([("should", q) for q in options])
        raise TypeError(f"unknown query node {node!r}")

    def _and(self, items: tuple[Node, ...]) -> Any:
        clauses = []
        for item in items:
            if isinstance(item, Not):
                inner = self._exactly(item.item)
                if inner is not None:
                    clauses.append(("must_not", inner))
            else:
                compiled = self.compile(item)
                if compiled is not None:
                    clauses.append(("must", compiled))
        if not any(occur == "must" for occur, _ in clauses):
            if not clauses:
                return None
            clauses.append(("must", self.kit.all()))
        return self.kit.boolean(clauses)


def _words(
    kit: Kit,
    text: str,
    fields: tuple[str, ...],
    slop: int = 0,
    pairs: bool = True,
) -> Any:
    """A word, or a phrase, in any of ``fields``. An exact phrase is looked up in the
    fields' pair fields: ``"daño moral"`` is the one term ``dan_moral``, a longer phrase
    the fewest of its pairs that hold every word, each at its offset; with a slop
    (``"a b"~5``) the words' own positions, each word at a position of its own."""
    tokens = stem_tokens(text)
    if not tokens:
        return None
    exact = pairs and slop == 0 and len(tokens) > 1
    cover = phrase_cover(tokens) if exact else []
    # each word at a position of its own (``indexer.query.arrangements``): two copies of
    # one word, or three words or more, where the kit's sloppy phrase is Tantivy's own.
    # The native one matches them by the rule in one walk of the positions, its work
    # counted in the question's budget: ``"de de"~50`` asked as its 51 arrangements read
    # «de»'s positions 51 times in nearly every document, uncounted (2.2 s of CPU at 100k)
    arrange = not kit.exact_sloppy and (len(tokens) > 2 or repeats(tokens))
    arranged = (arrangements(tokens, slop) if slop and len(tokens) > 1 and arrange else None) or []
    ruled = slop and len(tokens) > 2 and arrange and not arranged
    rule = phrase_rule.current() if ruled else None
    if ruled and rule is None:
        # Tantivy's own sloppy phrase is no answer here: wrong, and on a long phrase of
        # common words it asked for gigabytes (one search took 22 GB at 100k documents).
        # Matched by the rule where the candidates are few (``phrase_rule``: an alert's
        # batch, the index-lag check); the whole library is searched natively
        raise QueryTooCostly(
            f"a proximity phrase of {len(tokens)} words with ~{slop} has too many "
            "arrangements to search here",
            f"la frase de {len(tokens)} palabras con proximidad ~{slop} admite demasiadas "
            "combinaciones para esta búsqueda: acorte la frase o reduzca la proximidad",
        )
    options = []
    for field in fields:
        if len(tokens) == 1:
            query = kit.term(field, tokens[0])
        elif rule is not None:
            query = rule.query(field, tokens, slop)
        elif arranged:
            query = kit.boolean([("should", kit.phrase(field, list(a))) for a in arranged])
        elif not exact:
            query = kit.phrase(field, tokens, slop)
        elif len(cover) == 1:
            query = kit.term(_pairs(field), cover[0][1])
        else:
            query = kit.phrase(_pairs(field), cover)
        if field == "title":
            query = kit.boost(query, TITLE_BOOST)
        options.append(("should", query))
    return options[0][1] if len(options) == 1 else kit.boolean(options)


def _loose_words(
    kit: Kit,
    searcher: tantivy.Searcher,
    text: str,
    fields: tuple[str, ...],
    slop: int,
    pairs: bool,
) -> Any:
    """``_words``' phrase without its positions: the pairs the exact question reads, or
    with a slop its words, all in one document of a field. None: nothing to loosen (a
    word, a phrase that is a single pair already), or terms of unlike frequencies."""
    tokens = stem_tokens(text)
    if len(tokens) < 2:
        return None
    if pairs and slop == 0:
        terms = [pair for _, pair in phrase_cover(tokens)]
        if len(terms) < 2:
            return None
        suffix = _pairs
    else:
        terms, suffix = list(dict.fromkeys(tokens)), (lambda field: field)
    options = []
    for field in fields:
        found = [searcher.doc_freq(suffix(field), term) for term in terms]
        if min(found) and max(found) > min(found) * LOOSE_SPREAD:
            return None
        every = [("must", kit.term(suffix(field), term)) for term in terms]
        options.append(("should", kit.boolean(every)))
    return options[0][1] if len(options) == 1 else kit.boolean(options)


def _top_of_a_prefix(
    schema: tantivy.Schema, searcher: tantivy.Searcher, tree: Node, limit: int, offset: int
) -> tantivy.SearchResult | None:
    """The page of a question that is one prefix alone (``constitu*``), found among the
    documents that have it in the title and the text. Such a question scores each
    document 1 per field the prefix is in: those with both come first (in the index's
    order, as the whole question ranks them), so when they fill the page they are the
    page, without scoring every document that has the prefix in its text. None: another
    question, too many words begin so, or not a page's worth of them."""
    if not isinstance(tree, Prefix):
        return None
    tokens = fold_tokens(tree.text)
    if len(tokens) != 1:
        return None
    both = []
    for field in ("title_fold", "text_fold"):
        words = [word for word, _ in searcher.terms_with_prefix(field, tokens[0])]
        if not words or len(words) > PREFIX_WORDS:
            return None
        either = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, field, w)) for w in words]
        )
        # the score the prefix's own query gives a field it is in
        both.append((tantivy.Occur.Must, tantivy.Query.const_score_query(either, 1.0)))
    found = searcher.search(tantivy.Query.boolean_query(both), limit=limit, offset=offset)
    return found if found.count is not None and found.count >= offset + limit else None


def _prefix(kit: Kit, text: str) -> Any:
    tokens = fold_tokens(text)
    if not tokens:
        return None
    *leading, last = tokens
    options = []
    for field in ("title_fold", "text_fold"):
        parts = [("must", kit.term(field, t)) for t in leading]
        parts.append(("must", kit.prefix(field, last)))
        options.append(("should", kit.boolean(parts)))
    meta = _meta_prefix(kit, leading, last)
    if meta is not None:
        # found as a word is (a court, a ponente), scored nothing: the ranking of the
        # title and text, and ``_top_of_a_prefix``'s page, stay what they were
        options.append(("should", kit.const(meta, 0.0)))
    return kit.boolean(options)


def _meta_prefix(kit: Kit, leading: list[str], last: str) -> Any:
    """The prefix among the metadata's stemmed words (``indexer.query.stem_prefix``)."""
    stems = leading_stems(leading)
    if stems is None:
        return None
    words = [("should", kit.prefix("meta", last))]
    words += [("should", kit.term("meta", stem)) for stem in shorter_stems(last)]
    parts = [("must", kit.term("meta", stem)) for stem in stems]
    parts.append(("must", kit.boolean(words)))
    return kit.boolean(parts)


def _field(kit: Kit, name: str, value: str, slop: int = 0, pairs: bool = True) -> Any:
    """``name:value`` in a query, or one value of a filter (the same rule for both)."""
    if name in ("title", "text"):
        return _words(kit, value, (name,), slop, pairs)
    if name in WORD_FILTERS:
        phrases = case_phrases(value)
        forms = [q for q in (_words(kit, f, ("meta",), pairs=pairs) for f in phrases) if q]
        if len(forms) < 2:
            return forms[0] if forms else None
        return kit.boolean([("should", q) for q in forms])
    keys = keyword_values(name, value)  # a ruling's forms of one meaning: any of them
    if len(keys) == 1:
        return kit.term(_key(name), keys[0])
    return kit.boolean([("should", kit.term(_key(name), key)) for key in keys])
