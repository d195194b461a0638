"""The library: the database (truth), the search store (derived) and the file archive,
and the few operations that keep them consistent.

Documents are written to the database first, and queued there for the index; the search
index is brought up to date from the queue by ``flush``, and a document leaves the queue
only once an index holding its content is committed, so a crash anywhere loses nothing:
the next flush, or ``reindex``, catches up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import islice
from typing import TypeVar

from config.settings import Settings
from indexer.alerts.book import seal_old_secrets
from indexer.alerts.late import LateMatches
from indexer.alerts.links import MissingLinksKey, links_key
from indexer.alerts.matching import AlertMatcher
from indexer.archive import FileArchive
from indexer.citations import Citation
from indexer.citations.fragments import cited_fragments
from indexer.citations.records import (
    cited_by_counts,
    count_only,
    counts_apart,
    record_citations,
    recount_stale,
    recounts,
    stored_counts,
)
from indexer.db import Database, FileRow
from indexer.db.database import SaveOutcome
from indexer.db.locks import across_processes, free_across_processes
from indexer.extract import (
    EXTRACTOR_VERSION,
    ExtractionError,
    ExtractionLimits,
    OcrLimits,
    OcrPage,
    extract_text,
)
from indexer.extract.sniff import kept_content_type
from indexer.inflight import Pending, Sent, cited_cases, keys_of
from indexer.models import FileRef, Legislativo, Sentencia, Sesion, SourceLink
from indexer.preparation import Batch, Preparer
from indexer.retirement import retire_rows
from indexer.shared import save_shared, save_shared_many
from indexer.speeches.deferred import DeferredSpeeches
from indexer.speeches.service import (
    ReferenceKeys,
    SpeechIndex,
    SpeechWrites,
    forget_sessions,
    link_legislative,
    open_speech_index,
    process_sessions,
    rebuild_index,
)
from indexer.speeches.store import save_sessions
from indexer.stores import SearchQuery, SearchResult, Store
from indexer.stores.base import FacetCount, Searching, StoreUnavailable, UpsertReport
from indexer.stores.factory import open_store
from indexer.stores.plain import PlainResult
from indexer.stores.tantivy_entry import Prepared

AnyDocument = Sentencia | Sesion | Legislativo
INDEX_BATCH = 500
# batches a background store (an engine) writes while the next one is prepared
IN_FLIGHT = 1
# a flush without waiting (a crawl's) that writes more than this many documents to an
# engine is part of a flow: the engine refreshes seldom (``EngineStore.loading``) until a
# flush writes this many or fewer (the flow stopped) or a waiting one ends it, as the
# embedded index commits at its cadence while documents flow and at once for a few
FLOW_DOCS = 50
REBUILD_BATCH = 1000
WRITER_WAIT_S = 60.0
# how long the legislative reference keys are trusted when other processes may index
REFERENCE_KEYS_S = 60.0
FLUSH_PASSES = 3
# held by a rebuild on an engine while the pending documents it read stay claimed
REBUILD_LOCK = "index-rebuild"
# an engine's rebuild re-indexes what other machines saved since it began, give or take
CLOCK_SKEW = dt.timedelta(seconds=60)
_Result = TypeVar("_Result", SearchResult, PlainResult)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArchivedFile:
    """A file kept in the archive, with its text (or why there is none)."""

    ref: FileRef
    text: str | None
    error: str | None = None
    reused: bool = False
    ocr_pages: tuple[OcrPage, ...] = ()
    # (pages OCR reached, pages without a text layer) when its page or time limit left
    # some unread; from the extraction itself: the stored text cannot tell a page left
    # unread from a scanned page OCR found no words in, so a reused file has None
    ocr_unread: tuple[int, int] | None = None
    # pages left unread because their forms make them too costly to load (``.forms``);
    # from the extraction itself, so a reused file has 0
    costly_pages: int = 0
    garbled_pages: int = 0  # pages whose text layer is not text, OCR did not read them
    scans_unread: int = 0  # scans under a sliver of text (a footer), with no OCR to read them

    @property
    def pages_read(self) -> int | None:
        """How many pages of a PDF gave their text, when fewer than it has (the page
        limit, or pages past a run of unloadable ones); None when all were read. Derived
        from the stored text (one form feed between pages), so a file read in an
        earlier crawl says it too."""
        pages, text = self.ref.pages, self.text
        if not pages or text is None or text.count("\f") + 1 >= pages:
            return None
        return text.count("\f") + 1


def _our_failure(error: str | None) -> bool:
    """A stored reading our own code failed (cause ``internal``): the file is not at
    fault, so its bytes are read again rather than the bug's answer reused."""
    return bool(error) and error.startswith("internal:")


def _failed_before(known: FileRow) -> bool:
    """A stored reading that failed under an older extractor: a newer one may read the
    file (the bytes are read again rather than the old failure reused)."""
    return known.text is None and (known.extractor or 0) < EXTRACTOR_VERSION


def _ocr_unread(warnings: tuple[str, ...]) -> tuple[int, int] | None:
    """``ocr_incomplete:K/N`` as (K, N): OCR reached K of the N pages without text."""
    for warning in warnings:
        if warning.startswith("ocr_incomplete:"):
            reached, _, wanted = warning.partition(":")[2].partition("/")
            return int(reached), int(wanted)
    return None


def _pages_counted(warnings: tuple[str, ...], name: str) -> int:
    """``NAME:K`` as K (``forms_too_costly``, ``garbled_pages``: pages left unread)."""
    for warning in warnings:
        if warning.startswith(f"{name}:"):
            return int(warning.partition(":")[2])
    return 0


class Library:
    def __init__(
        self,
        db: Database,
        store: Store,
        archive: FileArchive,
        limits: ExtractionLimits,
        speech_index: SpeechIndex | None = None,
        alerts: AlertMatcher | None = None,
        index_workers: int = 0,
    ):
        """``index_workers``: processes preparing documents for the embedded index while
        this one writes it (``indexer.preparation``); 0: prepared here."""
        self.db = db
        self.alerts = alerts
        # the alerts made while a batch waited for the commit that publishes it
        self._late = LateMatches(db) if alerts is not None else None
        # when the alerts were first read for the batches the next commit publishes
        self._matched_from: dt.datetime | None = None
        # the documents written into the embedded index since its last commit: what the
        # next one publishes (one saved again meanwhile too, as it was written)
        self._written: list[str] = []
        self.store = store
        self.archive = archive
        self.limits = limits
        self.speech_index = speech_index
        self.reference_keys = ReferenceKeys(db)
        self.preparer = Preparer(index_workers if getattr(store, "prepares", False) else 0)
        if getattr(store, "counts_apart", False):
            # its ``most_cited`` sort reads the counts from the database as it answers: a
            # sentence cited anew is counted there, never indexed again for its count
            counts_apart(db)
            store.cited_counts = functools.partial(stored_counts, db)  # type: ignore[attr-defined]
        # the embedded speech index's writes, kept while this library holds the index's
        # writer and written when it commits
        self._speeches = (
            DeferredSpeeches(speech_index)
            if hasattr(speech_index, "replace_many") and hasattr(store, "acquire")
            else None
        )
        self._flushing = threading.Lock()
        # a pass of the flush queued documents again (written over by another indexer)
        self._requeued = False
        self._holding = False
        self._unpublished = False
        self._elsewhere = False  # another process indexes this one's saves (``hand_over``)
        # an engine's load while a crawl's flushes without waiting write a flow (``_follow``)
        self._flow: contextlib.ExitStack | None = None
        # retired, still indexed: id → a session's former speeches' ids (None: no session)
        self._retired: dict[str, list[str] | None] = {}
        # why the last removal of retired documents from the index failed (they wait in
        # ``_retired`` for the next flush), or None
        self.unindex_failure: str | None = None
        # the tombstones swept into the index up to here (``_sweep_retired``); None: none
        # yet by this process, and its first sweep reads them all
        self._swept_since: dt.datetime | None = None
        self._swept: set[int] = set()  # the tombstones (seq) of the last sweep's window
        # the embedded index's commit running beside the main thread (``_commit`` with
        # ``behind``), and what it raised: awaited before anything else claims, commits,
        # lets go of the writer or gives up its writes (``_joined``)
        self._committing: threading.Thread | None = None
        self._commit_failed: BaseException | None = None

    @classmethod
    def open(cls, settings: Settings, writer: bool = False) -> Library:
        """The library of ``settings``. A ``writer`` (crawl, index, reindex) that finds
        the embedded index built by another version starts it anew and re-indexes every
        document from the database at its next flush; readers (the API) refuse to serve
        it and say so."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        ocr = OcrLimits(
            enabled=settings.ocr_enabled,
            dpi=settings.ocr_dpi,
            page_timeout_s=settings.ocr_page_timeout_s,
            file_timeout_s=settings.ocr_file_timeout_s,
            max_pages=settings.ocr_max_pages,
            min_confidence=settings.ocr_min_confidence,
        )
        limits = ExtractionLimits(
            max_bytes=settings.max_file_bytes,
            max_pages=settings.extract_max_pages,
            timeout_s=settings.extract_timeout_s,
            ocr=ocr,
        )
        db = Database(settings.database)
        if writer:  # its saves' commits leave the log's copying to a thread
            db.checkpoint_behind()
        try:
            seal_old_secrets(db, links_key(settings.data_dir, db))
        except MissingLinksKey as exc:  # searches are served; alerts say why they fail
            log.error("%s", exc)
        store = open_store(settings, writer=writer)
        if getattr(store, "replaced", False):
            log.warning(
                "el índice de búsqueda lo escribió otra versión del programa: se empieza "
                "de nuevo y se vuelven a indexar todos los documentos"
            )
            db.mark_all_unindexed()
        speech_index = open_speech_index(settings.data_dir, store, writer)
        if getattr(speech_index, "replaced", False) and not getattr(store, "replaced", False):
            # its speeches come back as their sessions are indexed again
            log.warning(
                "el índice de discursos lo escribió otra versión del programa: se empieza "
                "de nuevo y se vuelven a indexar todas las sesiones"
            )
            db.mark_all_unindexed()
        archive = FileArchive(settings.files_dir)
        alerts = AlertMatcher(db)
        workers = settings.index_workers
        return cls(db, store, archive, limits, speech_index, alerts, index_workers=workers)

    def close(self) -> None:
        """Publish what was indexed (``flush`` without waiting), then close."""
        with self._flushing:
            self._let_go()
        self.preparer.close()
        self.db.close()
        # the speech index first: on an engine it shares the store's client
        close_speeches = getattr(self.speech_index, "close", None)
        if close_speeches is not None:
            close_speeches()
        close_store = getattr(self.store, "close", None)
        if close_store is not None:
            close_store()

    def add_file(self, data: bytes, url: str, content_type: str | None = None) -> ArchivedFile:
        """Archive a file and extract its text, once per distinct content."""
        content_type = kept_content_type(content_type)
        sha256 = self.archive.put(data)
        known = self.db.get_file(sha256)
        if known is not None and not _our_failure(known.error) and not _failed_before(known):
            ref = FileRef(
                url=url,
                sha256=sha256,
                content_type=known.content_type,
                size=known.size,
                pages=known.pages,
            )
            ocr = tuple(OcrPage(**page) for page in known.ocr_pages or ())
            return ArchivedFile(ref, known.text, known.error, reused=True, ocr_pages=ocr)
        text: str | None = None
        error: str | None = None
        pages: int | None = None
        method: str | None = None
        ocr_pages: tuple[OcrPage, ...] = ()
        ocr_unread: tuple[int, int] | None = None
        costly = garbled = scans = 0
        try:
            extraction = extract_text(data, content_type, url.rsplit("/", 1)[-1], self.limits)
            text, pages, method = extraction.text, extraction.pages, extraction.method
            ocr_pages = extraction.ocr_pages
            ocr_unread = _ocr_unread(extraction.warnings)
            costly = _pages_counted(extraction.warnings, "forms_too_costly")
            garbled = _pages_counted(extraction.warnings, "garbled_pages")
            scans = _pages_counted(extraction.warnings, "scans_unread")
        except ExtractionError as exc:
            error = f"{exc.cause}: {exc}"
            log.warning("extraction failed for %s: %s", url, error)
        self.db.save_file(
            FileRow(
                sha256=sha256,
                size=len(data),
                content_type=content_type,
                first_url=url,
                pages=pages,
                text=text,
                method=method,
                error=error,
                archived_at=dt.datetime.now(dt.UTC),
                ocr_pages=[asdict(page) for page in ocr_pages] or None,
                extractor=EXTRACTOR_VERSION,
            ),
            replace=known is not None,
        )
        ref = FileRef(
            url=url, sha256=sha256, content_type=content_type, size=len(data), pages=pages
        )
        return ArchivedFile(
            ref,
            text,
            error,
            ocr_pages=ocr_pages,
            ocr_unread=ocr_unread,
            costly_pages=costly,
            garbled_pages=garbled,
            scans_unread=scans,
        )

    def add_document(self, doc: AnyDocument, published_by: SourceLink | None = None) -> SaveOutcome:
        """Save a document; one another source already published is listed once.
        ``published_by``: the source and address it was read from, when ``doc`` is
        already merged into another source's document."""
        return save_shared(self.db, doc, published_by)

    def add_documents(
        self,
        docs: list[AnyDocument],
        published_by: list[SourceLink | None] | None = None,
        formerly: list[SourceLink | None] | None = None,
    ) -> list[SaveOutcome]:
        """``add_document`` for many, in order, in as few transactions as they allow (one,
        unless a document depends on another of the batch): the bulk writer's path.
        ``formerly``: each one's publication at the address it had before it was made
        clean, dropped (``save_shared_many``)."""
        return save_shared_many(self.db, docs, published_by, formerly)

    def flush(self, progress: Callable[[int], None] | None = None, wait: bool = True) -> int:
        """Index every document waiting in the queue; return how many were written.

        With ``wait`` they are searchable on return and the embedded index's writer is let
        go. Without (a crawl saving as it goes) the store publishes when its commit is due
        (every ``COMMIT_SECONDS`` for the embedded index; within a second for an engine)
        and at the next waiting flush or ``close``. A flush that finds another process
        indexing leaves the queue to it (after waiting a while, with ``wait``).
        """
        if not self._flushing.acquire(blocking=wait):
            return 0
        try:
            if self._elsewhere and not wait:
                return 0
            if not wait and self._behind():
                # the index's commit still runs: what was saved since waits in the queue
                # for the next flush, the crawl saving meanwhile instead of waiting for it
                return 0
            if not self._hold_writer(WRITER_WAIT_S if wait else 0.0):
                if wait:
                    log.warning("another process is indexing: it indexes the pending documents")
                return 0
            self._unindex_retired()
            self._sweep_retired()
            if wait:
                self._release_dead_claims()
            done = 0
            try:
                self._joined()  # a commit it raised in is given up here (``_abandon``)
                # a waiting flush of several batches is a load: an engine refreshes
                # seldom until it ends (``EngineStore.loading``), then once, below
                with contextlib.ExitStack() as load:
                    # a crawl's flow ends with its waiting flush: its load is this one's
                    flow = self._flow if wait else None
                    if flow is not None:
                        self._flow = None
                        load.enter_context(flow)
                    # a waiting flush also catches what others saved while it was busy
                    for _ in range(FLUSH_PASSES if wait else 1):
                        self._requeued = False
                        written = self._index_pending(
                            progress, done, load if wait and flow is None else None, full=wait
                        )
                        done += written
                        if not written and not self._requeued:
                            break
                if not wait:
                    self._follow(done)
                if wait:
                    self._let_go()
            except BaseException:
                self._abandon()
                raise
            return done
        finally:
            self._flushing.release()

    def hand_over(self) -> None:
        """Another process (a crawl's indexer) indexes from now on: publish what this one
        indexed, let go of the writer, and make ``flush(wait=False)`` leave the queue to
        it until ``take_back``."""
        with self._flushing:
            self._let_go()
            self._elsewhere = True
            # its flushes read what this one saves: nothing kept here for them
            self.db.recent.enabled = False
            self.db.recent.clear()

    def take_back(self) -> None:
        """That process ended: this one's flushes index again."""
        with self._flushing:
            self._elsewhere = False
            self.db.recent.enabled = True

    def _loads(self, stack: contextlib.ExitStack) -> None:
        """The engine's documents and its speech index refresh seldom until ``stack``
        ends (``EngineStore.loading``)."""
        for loading in (
            getattr(self.store, "loading", None),
            getattr(self.speech_index, "loading", None),
        ):
            if loading is not None:
                stack.enter_context(loading())

    def _follow(self, written: int) -> None:
        """After a flush without waiting on an engine: more than ``FLOW_DOCS`` written
        starts a load (a crawl's flow: searchable within ``LOAD_REFRESH``, 30 s, as the
        embedded index publishes a crawl's documents, instead of a small segment every
        second that the engine merges again), as many or fewer ends it (a quiet source's
        few documents searchable within a second). The load is an economy: an engine
        that refuses its settings is written to as before."""
        if getattr(self.store, "loading", None) is None:
            return
        if written > FLOW_DOCS and self._flow is None:
            flow = contextlib.ExitStack()
            try:
                self._loads(flow)
            except Exception as exc:
                log.warning("el índice de búsqueda se refresca cada segundo: %s", exc)
                self._end(flow)
                return
            self._flow = flow
        elif written <= FLOW_DOCS:
            self._end_flow()

    def _end_flow(self) -> None:
        """The engine refreshes as before the flow (``_follow``)."""
        flow, self._flow = self._flow, None
        if flow is not None:
            self._end(flow)

    @staticmethod
    def _end(flow: contextlib.ExitStack) -> None:
        try:
            flow.close()
        except Exception as exc:  # the next load puts it back (``refreshing_seldom``)
            log.warning("el índice de búsqueda sigue refrescándose cada 30 s: %s", exc)

    def _index_pending(
        self,
        progress: Callable[[int], None] | None,
        before: int,
        load: contextlib.ExitStack | None = None,
        full: bool = True,
    ) -> int:
        """Index the pending documents; a flush that is not ``full`` (a crawl's, without
        waiting) before the commit is due leaves the sentences queued for their count
        alone (``_recount_later``) to the flush that publishes, and publishes nothing."""
        if getattr(self.store, "submit", None) is not None:
            # an engine indexes every queued sentence at each flush: none is left for later
            recounts(self.db).clear()
            return self._index_pipelined(progress, before, load)
        done = 0
        numbers: dict[str, int] = {}  # read with the rows (``reindex``)
        later = self._recount_later(full)
        pending = self.db.iter_documents(
            batch=INDEX_BATCH, pending_only=True, numbers=numbers, later=later
        )
        for batch in self.preparer.stream(self.db, _batches(pending, INDEX_BATCH), numbers):
            done += self._index(batch, numbers)
            if progress:
                progress(before + done)
            # a commit still running behind is the one that was due
            due = not self._behind() and self.store.commit_due()  # type: ignore[attr-defined]
            if self._holding and not later and due:
                self._commit(behind=True)
        # the queue is empty: what little a flush without waiting wrote (a quiet source's
        # document) is published now, not at the cadence (a waiting flush publishes anyway)
        quiet = getattr(self.store, "quiet_commit_due", None)
        # (a few documents: published by this flush, as its caller expects)
        if not full and done and self._holding and not later and quiet is not None and quiet():
            self._commit()
        return done

    def _recount_later(self, full: bool) -> frozenset[str]:
        """The sentences queued only for a new count (``recounts``) that this flush leaves
        in the queue: none if it is ``full`` or the commit is due, when all are indexed
        (and the set emptied). A cited sentence is then indexed once a commit window, not
        once a flush; what a commit publishes is the same: every count is indexed before
        it (a flush that leaves some commits nothing), and a waiting flush leaves none."""
        recount = recounts(self.db)
        due = getattr(self.store, "commit_due", None)
        if full or not self._holding or due is None or due():
            recount.clear()
            return frozenset()
        return frozenset(recount)

    def _index_pipelined(
        self,
        progress: Callable[[int], None] | None,
        before: int,
        load: contextlib.ExitStack | None = None,
    ) -> int:
        """A store that writes in the background (an engine): the next batch is read and
        prepared while the store indexes this one, ``IN_FLIGHT`` batches at most; each is
        settled (its reports, speeches, alerts, the queue) in order. Every batch sent is
        awaited before this returns or raises. From a second batch on, a waiting flush
        (``load``) is a load for the store until it ends."""
        done = 0
        in_flight: deque[Sent] = deque()
        numbers: dict[str, int] = {}  # read with the rows (``reindex``)
        # the sentences whose count alone changed (an engine that takes counts): read
        # without their text, never prepared (``_counted``), sent as their count
        counts = getattr(self.store, "updates_counts", False)
        light = count_only(self.db.engine) if counts else None
        unread: set[str] | None = set() if counts else None
        try:
            pending = self.db.iter_documents(
                batch=INDEX_BATCH, pending_only=True, numbers=numbers, light=light, unread=unread
            )
            for number, batch in enumerate(_batches(pending, INDEX_BATCH)):
                if number == 1 and load is not None and not before:
                    self._loads(load)
                watched = any(sent.holders for sent in in_flight)
                cited = cited_cases(self.db, [d.id for d in batch]) if watched else set()
                counted = self._counted(batch, unread, numbers) if unread is not None else []
                ids = {doc.id for doc in counted}
                if ids:
                    batch = [doc for doc in batch if doc.id not in ids]
                prepared = self._prepare(batch, read=numbers)
                for sent in in_flight if watched else ():
                    sent.cited(cited | keys_of(prepared))
                written = self._submit(prepared, counted)
                in_flight.append(Sent(prepared + counted, written, counted=ids))
                while len(in_flight) > IN_FLIGHT:
                    done += self._settle_sent(in_flight.popleft())
                    if progress:
                        progress(before + done)
            while in_flight:
                done += self._settle_sent(in_flight.popleft())
                if progress:
                    progress(before + done)
        finally:
            for sent in in_flight:  # a failure: the others are awaited, and stay queued
                with contextlib.suppress(Exception):
                    sent.written.result()
        return done

    def _counted(
        self, batch: list[AnyDocument], unread: set[str], numbers: dict[str, int]
    ) -> list[AnyDocument]:
        """The documents of ``batch`` read without their text (``unread``: their count
        alone changed), carrying their count; one withheld meanwhile is prepared as the
        others are (it leaves the index)."""
        counted = [
            doc
            for doc in batch
            if doc.id in unread and not (doc.privacy is not None and doc.privacy.withheld)
        ]
        for doc in batch:
            unread.discard(doc.id)
        if not counted:
            return []
        counts = cited_by_counts(self.db, [doc.id for doc in counted])
        for doc in counted:
            numbers.pop(doc.id, None)
            doc.with_citations([], counts.get(doc.id, 0), in_place=True)
        return counted

    def _whole(self, doc_id: str) -> AnyDocument | None:
        """A document sent as its count alone, read whole again and prepared: the engine
        lacked it (``EngineStore.submit``'s ``whole``). None: its row left the database
        meanwhile (retired: that is why the engine lacks it), and it is not written back;
        one withheld meanwhile neither (it leaves the index at its next flush)."""
        doc = self.db.get_document(doc_id)
        if doc is None or (doc.privacy is not None and doc.privacy.withheld):
            return None
        return record_citations(self.db, [doc], owned=True)[0]

    def _submit(self, batch: list[AnyDocument], counted: Sequence[AnyDocument] = ()) -> Pending:
        """``batch`` handed to a store that writes in the background; those of its
        documents whose count alone changed since they were indexed (``count_only``: the
        same content) are written as their count, where the store can (an engine), as are
        ``counted`` (read without their text: one the engine lacks is read whole then)."""
        submit = self.store.submit  # type: ignore[attr-defined]
        if not getattr(self.store, "updates_counts", False):
            return submit(batch)
        only = count_only(self.db.engine)
        counts = {doc.id for doc in batch if only.get(doc.id, "") == doc.content_sha256}
        counts |= {doc.id for doc in counted}
        if not counts:
            return submit(batch)
        # one the engine lacks is read again from the database, never written from the
        # copy read for this batch: retired since, it must not come back
        return submit([*batch, *counted], counts_only=counts, whole=self._whole)

    def _settle_sent(self, sent: Sent) -> int:
        report = sent.written.result()
        if report.rewritten:
            log.warning(
                "%d documentos cuya cuenta de citas cambió no estaban en el motor de "
                "búsqueda: se enviaron completos",
                report.rewritten,
            )
        batch = self._recounted(self._checked(sent.batch, report), report, sent.counted)
        written = self._settle(batch, report, sent.counted)
        only = count_only(self.db.engine)
        for doc in sent.batch:  # written with that content: its count alone is no news
            if doc.id not in report.errors and only.get(doc.id) == doc.content_sha256:
                del only[doc.id]
        if sent.stale:  # cited anew while in flight: indexed again with the new count
            self.db.requeue(sorted(sent.stale))
            if getattr(self.store, "updates_counts", False):  # its count alone, as written
                only.update(
                    (doc.id, doc.content_sha256)
                    for doc in sent.batch
                    if doc.id in sent.stale and doc.id not in report.errors and doc.content_sha256
                )
        return written

    def _recounted(
        self, batch: list[AnyDocument], report: UpsertReport, counted: Collection[str]
    ) -> list[AnyDocument]:
        """The documents sent as their count alone (``counted``), counted again once
        written: one cited anew meanwhile, whose newer count another indexer may have
        written before this older one landed, is queued again and left out of the batch
        settled (its queue row holds the same content: settling it would dequeue it)."""
        sent = [doc for doc in batch if doc.id in counted and doc.id not in report.errors]
        if not sent:
            return batch
        now = cited_by_counts(self.db, [doc.id for doc in sent])
        moved = {doc.id for doc in sent if now.get(doc.id, 0) != max(0, doc.cited_by_count)}
        if not moved:
            return batch
        self.db.requeue(sorted(moved))
        self._requeued = True  # a waiting flush's next pass writes them again
        return [doc for doc in batch if doc.id not in moved]

    def _index(self, prepared: Batch, read: dict[str, int] | None = None) -> int:
        batch = self._prepare(prepared.docs, prepared.citations, read)
        ready = {"prepared": prepared.ready} if prepared.ready else {}
        report = self.store.upsert(batch, commit=False, **ready)
        return self._settle(self._checked(batch, report), report)

    def _checked(self, batch: list[AnyDocument], report: UpsertReport) -> list[AnyDocument]:
        """After the store wrote ``batch`` (read a while before): the rows asked again.
        One retired meanwhile leaves the index now (its retirement's own delete may
        have come before this write, which would bring it back) and is settled as
        nothing; one saved anew meanwhile is queued again with its new content (another
        indexer of an engine may have written that before this one wrote the older; the
        embedded index has one writer). A retirement
        after this read deletes from the index after this write: nothing comes back."""
        if not batch:
            return batch
        # an embedded index has one writer across processes, this one: no other can
        # have written a newer version meanwhile, only which rows remain is asked
        several = getattr(self.store, "acquire", None) is None
        now = self.db.current_contents([doc.id for doc in batch], hashes=several)
        gone = sorted({doc.id for doc in batch if doc.id not in now} | set(report.gone))
        if gone:
            log.warning(
                "%d documentos retirados mientras se indexaban: fuera del índice", len(gone)
            )
            self.store.delete(gone)
        older = [
            doc.id
            for doc in batch
            if several
            and doc.id in now
            and doc.id not in report.errors
            and now[doc.id] != doc.content_sha256
        ]
        if older:
            self.db.requeue(older)
            self._requeued = True
        left = set(gone)
        return [doc for doc in batch if doc.id not in left] if left else batch

    def _prepare(
        self,
        batch: list[AnyDocument],
        citations: dict[str, list[Citation]] | None = None,
        read: dict[str, int] | None = None,
    ) -> list[AnyDocument]:
        """What each cites (``citations``: read already, by a worker), read once and
        written; the documents withheld for review taken out of the index (and the queue):
        what remains goes to the store. ``read``: the numbers read with the rows, given
        up here once used."""
        # the batch's documents were read for this flush: they carry their citations
        batch = record_citations(self.db, batch, citations, owned=True, read=read)
        for doc in batch if read is not None else ():
            read.pop(doc.id, None)
        withheld = [doc for doc in batch if doc.privacy is not None and doc.privacy.withheld]
        if withheld:  # personal data held back for review: never in the index
            self.store.delete(doc.id for doc in withheld)
            sessions = [doc.id for doc in withheld if isinstance(doc, Sesion)]
            if self._speeches is not None:  # the speeches kept go first, in order
                self._speeches.publish()
            # and the withheld ones leave the speech index now, as they leave the index
            withheld_sessions = [doc for doc in withheld if isinstance(doc, Sesion)]
            forget_sessions(self.db, self.speech_index, sessions, withheld_sessions)
            self.db.dequeue([(d.id, d.content_sha256) for d in withheld], searchable=False)
            held = {doc.id for doc in withheld}
            if self._written:  # written before, out of the index the next commit publishes
                self._written = [doc_id for doc_id in self._written if doc_id not in held]
            batch = [doc for doc in batch if doc.id not in held]
        return batch

    def _settle(
        self, batch: list[AnyDocument], report: UpsertReport, counted: Collection[str] = ()
    ) -> int:
        """After the store wrote ``batch``: what depends on it being indexed, then the
        queue. ``counted``: those written as their count alone, their content as the
        index held it (matched, linked, their speeches kept then): only dequeued."""
        for doc_id, error in report.errors.items():
            log.error("document %s could not be indexed: %s", doc_id, error)
        done = [doc for doc in batch if doc.id not in report.errors]
        indexed = [doc for doc in done if doc.id not in counted]
        legislative = [d for d in indexed if isinstance(d, Legislativo)]
        self.reference_keys.indexed(legislative)
        sessions = [d for d in indexed if isinstance(d, Sesion)]
        process_sessions(self.db, self._speech_writes(), sessions, self.reference_keys)
        link_legislative(self.db, legislative)
        written = [(doc.id, doc.content_sha256) for doc in done]
        # matched against the alerts in the transaction that marks them written: a crash
        # before it loses no match (they are indexed and matched again), one after it
        # cannot match them twice (one row per alert and document, ever)
        matches = self.alerts.match(indexed) if self.alerts is not None else []
        self._unpublished = True
        if self.store.durable_writes:
            self.db.dequeue(written, matches)
        else:
            self._joined()  # a commit behind settles its own claims first, never these
            self.db.claim(written, matches)
            self._written.extend(doc_id for doc_id, _ in written)
            if self.alerts is not None and self._matched_from is None:
                self._matched_from = self.alerts.read_at
        return len(written)

    def _speech_writes(self) -> SpeechWrites | None:
        """Where a batch's speeches go: kept until the commit while the writer is held."""
        if self._speeches is not None and self._holding:
            return self._speeches
        return self.speech_index

    # -- the store's writer ------------------------------------------------------------

    def _hold_writer(self, timeout_s: float) -> bool:
        """The embedded index has one writer across processes: take it (engines need not)."""
        acquire = getattr(self.store, "acquire", None)
        if acquire is None:  # others may index at the same time: trust what they read a while
            self.reference_keys.forget(older_than_s=REFERENCE_KEYS_S)
            return True
        if self._holding:
            return True
        if not acquire(timeout_s):
            return False
        self._holding = True
        # others may have indexed documents since this process last held the writer
        self.reference_keys.forget()
        # the writer is ours: claims left in the queue are from a writer that died
        released = self.db.release_claims()
        if released:
            log.warning("%d documents an interrupted indexer wrote are pending again", released)
        return True

    def _release_dead_claims(self) -> None:
        """A rebuild on an engine claims the pending documents it reads (``reindex``),
        and flushes skip claimed documents; one that died (killed, its machine lost) left
        them claimed for good, never indexed: released here when no rebuild runs (its
        lock is free). The embedded store's writer does so when it is taken."""
        if getattr(self.store, "acquire", None) is not None:
            return
        with free_across_processes(self.db.engine, REBUILD_LOCK) as free:
            released = self.db.release_claims() if free else 0
        if released:
            log.warning(
                "%d documentos que una reconstrucción interrumpida había leído vuelven a "
                "estar pendientes",
                released,
            )

    def _commit(self, behind: bool = False) -> None:
        """Publish what was written; claimed documents are then done. The speeches kept
        are written first: should that fail, the documents are indexed again.

        ``behind`` (a flush's commit when due): the embedded index commits in a thread of
        its own while this one goes on (a crawl saves, a flush reads and prepares the next
        batch; the writer takes no document until the commit ends), and settles the
        claims it found as it began, those alone (``Database.claimed``). A process that
        dies before they are settled leaves them claimed, pending again for the next
        writer (``_hold_writer``): indexed twice, never lost."""
        self._joined()
        if self._speeches is not None:
            self._speeches.publish()
        if getattr(self.store, "counts_apart", False):
            recount_stale(self.db)  # what the commit publishes is sorted by exact counts
        matched_from, self._matched_from = self._matched_from, None
        published, self._written = self._written, []
        if behind and self._holding and not self.store.durable_writes:
            claimed = self.db.claimed()  # every one written to the writer, none after
            thread = threading.Thread(
                target=self._commit_behind,
                args=(claimed, published, matched_from),
                name="index-commit",
            )
            self._committing = thread
            thread.start()
            return
        self.store.commit()
        # an engine's speech index is not refreshed by each batch's speeches: here, once
        refresh_speeches = getattr(self.speech_index, "refresh", None)
        if refresh_speeches is not None:
            refresh_speeches()
        if not self.store.durable_writes:
            self._settle_commit(None, published, matched_from)

    def _commit_behind(
        self, claimed: list[tuple[str, str]], published: list[str], matched_from: dt.datetime | None
    ) -> None:
        """``_commit``'s thread: the store's commit, then the claims it publishes."""
        try:
            self.store.commit()
            self._settle_commit(claimed, published, matched_from)
        except BaseException as exc:  # raised in the main thread (``_joined``)
            self._commit_failed = exc

    def _settle_commit(
        self,
        claimed: list[tuple[str, str]] | None,
        published: list[str] | None,
        matched_from: dt.datetime | None,
    ) -> None:
        """The commit just made published ``published`` (None: the claims): those never
        searchable before are so from now, and are matched against the alerts made since
        their batches were (``matched_from``; None: every alert), in the transaction that
        settles the claims (``indexer.alerts.late``)."""
        at = dt.datetime.now(dt.UTC)  # the commit is visible to every search begun since
        matches: list[tuple[str, str]] = []
        if self._late is not None:
            new = self.db.never_searchable(published)
            matches = self._late.matches(new, matched_from, until=at)
        self.db.settle_claims(claimed, published, at=at, matches=matches)

    def _behind(self) -> bool:
        """A commit runs behind now."""
        return self._committing is not None and self._committing.is_alive()

    def _joined(self) -> None:
        """Wait for the commit running behind, if any; raise what it raised."""
        thread, self._committing = self._committing, None
        if thread is None:
            return
        thread.join()
        failed, self._commit_failed = self._commit_failed, None
        if failed is not None:
            raise failed

    def _let_go(self) -> None:
        self._end_flow()  # before the commit: it publishes what the flow wrote
        if self._holding or self._unpublished:
            self._commit()
            self._unpublished = False
        if self._holding:
            self.store.release()  # type: ignore[attr-defined]
            self._holding = False

    def _abandon(self) -> None:
        with contextlib.suppress(Exception):  # given up with the rest
            self._joined()
        self._written = []  # never published
        if self._speeches is not None:
            self._speeches.drop()
        if self._holding:
            self.store.abort()  # type: ignore[attr-defined]
            self._holding = False
            self.db.release_claims()

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the search index from the database; searches keep answering meanwhile.

        The store builds a complete new index and only then replaces the old one. Each
        document read for it is claimed in the index queue with the content read; saving
        it again unclaims it. After the swap the claims are settled, so exactly the
        documents changed after being read (or that failed) are indexed again by
        ``flush``. An engine takes writes from other processes during the rebuild (into
        the old index): what was saved since the rebuild began (or since the oldest write
        transaction then open: ``Database.oldest_open_write``) is indexed again too,
        unless the rebuild read it with the content it has now (a rebuild right after a
        bulk save would otherwise write each of those documents twice).
        """
        began = dt.datetime.now(dt.UTC)
        # a write another process had begun and not committed carries the time it was
        # made, however late its commit lands (a batch waiting on a lock, a long
        # transaction): what was saved since the oldest of them is indexed again too
        open_since = self.db.oldest_open_write()
        since = min(began, open_since or began) - CLOCK_SKEW
        # documents saved lately, id → the content the rebuild read (few: those saved
        # in the minute before it began or while it runs)
        read_lately: dict[str, str | None] = {}
        # an engine's rebuild holds a lock while its claims live: a flush that finds it
        # free releases the claims a dead one left (``_release_dead_claims``)
        alive = (
            across_processes(self.db.engine, REBUILD_LOCK)
            if getattr(self.store, "acquire", None) is None
            else contextlib.nullcontext()
        )
        with self._flushing, alive:
            self._joined()  # a crawl's commit behind settles its claims before these
            if not self._hold_writer(WRITER_WAIT_S):
                raise StoreUnavailable(
                    "otro proceso está escribiendo en el índice de búsqueda (un rastreo o "
                    "`abierto index`); repita la orden cuando termine"
                )
            read = 0
            ready: dict[str, Prepared | str] = {}
            # the documents' numbers, read with their rows (by id alone, each read walks
            # the text again): held from the read until their citations are written
            numbers: dict[str, int] = {}

            def streamed() -> Iterator[AnyDocument]:
                nonlocal read
                rows = self.db.iter_documents(batch=REBUILD_BATCH, numbers=numbers)
                every = _batches(rows, REBUILD_BATCH)
                for prepared in self.preparer.stream(self.db, every, numbers):
                    batch = prepared.docs
                    held = [d for d in batch if d.privacy is not None and d.privacy.withheld]
                    if held:  # never in the index it builds: out of the queue, not searchable
                        self.db.dequeue([(d.id, d.content_sha256) for d in held], searchable=False)
                    self.db.claim(
                        [
                            (d.id, d.content_sha256)
                            for d in batch
                            if d.privacy is None or not d.privacy.withheld
                        ]
                    )
                    read_lately.update(
                        (doc.id, doc.content_sha256) for doc in batch if _saved_since(doc, since)
                    )
                    batch = record_citations(
                        self.db, batch, prepared.citations, owned=True, read=numbers
                    )
                    for doc in batch:
                        numbers.pop(doc.id, None)
                    ready.update(prepared.ready)  # taken out by the store as it writes
                    # personal data held back for review: never in the index
                    yield from (d for d in batch if d.privacy is None or not d.privacy.withheld)
                    read += len(batch)
                    if progress:
                        progress(read)

            try:
                # the lock is ours: an index a killed rebuild left half-built is no one's
                for index in (self.store, self.speech_index):
                    leftovers = getattr(index, "drop_leftovers", None)
                    if leftovers is not None:
                        leftovers()
                kept = {"prepared": ready} if self.preparer.workers else {}
                report = self.store.rebuild(streamed(), **kept)
            except BaseException:
                self._abandon()
                self.db.release_claims()
                raise
            for doc_id, error in report.errors.items():
                log.error("document %s could not be indexed: %s", doc_id, error)
            # retired while the rebuild read them: their deletion went to the index the
            # rebuild replaced (an engine's alias) or could not be written (the embedded
            # writer was the rebuild's); out of the new one now
            gone = self.db.deleted_since(since)
            if gone:
                self.store.delete(gone)
            # the pending documents it wrote are searchable now, never matched: every alert
            self._settle_commit(None, None, None)
            self.db.requeue(list(report.errors))
            if self._speeches is not None:  # the rebuild writes every session's speeches
                self._speeches.drop()
            rebuild_index(self.db, self.speech_index)
            if self.store.durable_writes:
                self.db.requeue_updated_since(since, unchanged=read_lately)
            self._holding = False
        self.flush()
        return report.indexed

    def retire(self, heirs: Mapping[str, str | None]) -> int:
        """Take documents out of the library for good (id → the document that adopted
        it, whose page its old address leads to, or None: Gone): the database first
        (``indexer.retirement``), then both search indexes and the files no other
        document lists; how many were retired. The retirement stands once the database
        holds it, whatever the index answers: while another process indexes
        (``hand_over``), or when the index cannot be written now (away, busy, refusing:
        ``unindex_failure`` says why, ``still_indexed`` which), they leave the index at
        this process's next flush, or, should it die first, at any process's next flush
        (their tombstones, ``_sweep_retired``); their pages answer already."""
        with self._flushing:
            found = self.db.get_documents([i for i, heir in heirs.items() if heir != i])
            # their speeches first: a crash between leaves a session with none, not
            # speeches of no session
            sessions = [doc.id for doc in found.values() if isinstance(doc, Sesion)]
            spoken: list[str] = []
            if sessions:
                save_sessions(self.db, [(i, [], []) for i in sessions], replaced=spoken)
            retired = retire_rows(self.db, heirs)
            for doc in retired.documents:
                self._retired[doc.id] = spoken if isinstance(doc, Sesion) else None
            if not self._elsewhere:
                self._unindex_retired()
            for sha256 in retired.unshared_files:
                self.archive.remove(sha256)
            return len(retired.documents)

    def still_indexed(self) -> list[str]:
        """The documents this process retired whose removal from the index waits (an
        index that failed, or another process's writer): done at the next flush."""
        return sorted(self._retired)

    def _unindex_retired(self) -> None:
        """The retired documents (and their sessions' speeches) out of both indexes.
        An index that fails (away, busy, refusing some: any cause) keeps them here for
        the next flush, and ``unindex_failure`` says why: their retirement stands."""
        if not self._retired:
            return
        retired = dict(self._retired)
        ids = list(retired)
        sessions = [doc_id for doc_id, spoken in retired.items() if spoken is not None]
        spoken = list({i for said in retired.values() for i in said or ()})
        try:
            if sessions:
                if self._speeches is not None and self._holding:
                    self._speeches.publish()  # the speeches kept go first, in order
                if self.speech_index is not None:
                    self.speech_index.replace_sessions(sessions, [], spoken)
            self.store.delete(ids)
            if self._holding:
                self._commit()
        except Exception as exc:  # whatever the index said: retried later
            self.unindex_failure = str(exc)
            one = len(ids) == 1
            log.warning(
                "retirado%s de la base de datos, el índice de búsqueda aún tiene %s (no "
                "pudo quitarlo%s: %s); se reintenta en el próximo volcado del índice",
                "" if one else "s",
                "1 documento" if one else f"{len(ids)} documentos",
                "" if one else "s",
                exc,
            )
            return
        for doc_id in ids:  # retired again meanwhile (another thread): kept
            if self._retired.get(doc_id, ...) is retired[doc_id]:
                del self._retired[doc_id]
        self.unindex_failure = None

    def _sweep_retired(self) -> None:
        """Retired documents an index still holds, out of it: their removal was put off
        (another process's writer, an index that failed) by a process that died before
        doing it. Read from their tombstones: every one at a process's first flush,
        then those since its last sweep (less ``CLOCK_SKEW``: a retirement committed
        late), but those that sweep saw already; only the ones the index holds are
        deleted. Failing, it is tried again at the next flush, from the same point."""
        holding = getattr(self.store, "holding", None)
        if holding is None:
            return
        began = dt.datetime.now(dt.UTC)
        try:
            found = self.db.tombstones(self._swept_since)
            gone = {
                i: kind
                for seq, i, kind in found
                if seq not in self._swept and i not in self._retired
            }
            held = sorted(holding(sorted(gone))) if gone else []
            if held:
                log.warning(
                    "%d documentos retirados seguían en el índice de búsqueda: se quitan",
                    len(held),
                )
                # a session's speeches with it (both indexes delete them by session)
                sessions = [i for i in held if gone[i] == "sesion"]
                if sessions and self.speech_index is not None:
                    if self._speeches is not None and self._holding:
                        self._speeches.publish()  # the speeches kept go first, in order
                    self.speech_index.replace_sessions(sessions, [], None)
                self.store.delete(held)
                if self._holding:
                    self._commit()
        except Exception as exc:  # tried again from the same point
            log.warning(
                "no se pudo comprobar si el índice de búsqueda aún tiene documentos "
                "retirados (%s): se reintenta en el próximo volcado",
                exc,
            )
            return
        self._swept_since = began - CLOCK_SKEW
        self._swept = {seq for seq, _, _ in found}

    def search(self, query: SearchQuery) -> SearchResult:
        return self._cited_shown(query, self.store.search(query))

    def snapshot(self) -> Searching:
        """Searches that all read the index as it is now, whatever is committed while they
        are asked (an export's pages); a store that cannot pin its index (OpenSearch, which
        pages by ``search_after``) is searched as it is."""
        pin = getattr(self.store, "snapshot", None)
        return pin() if pin is not None else self

    def matching_now(self, query: SearchQuery, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the index finds now for ``query``'s question (words, filters,
        dates): what a snapshot listed is asked again of the index as it is (see the
        stores' ``matching_now``)."""
        return self.store.matching_now(query, ids)

    def found_among(self, query: SearchQuery, ids: Sequence[str]) -> dict[str, list[str]]:
        """Which of ``ids`` the index finds now for ``query``'s question, with their
        snippets (``query.highlight``): what a hit of them would show (see the stores'
        ``found_among``)."""
        return self.store.found_among(query, ids)

    def facets_among(self, query: SearchQuery, ids: Sequence[str]) -> dict[str, list[FacetCount]]:
        """The facets ``query`` asks for, counted over ``ids`` alone as the index holds
        them (see the stores' ``facets_among``)."""
        return self.store.facets_among(query, ids)

    def holding(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the index holds now."""
        return self.store.holding(ids)

    def search_plain(self, query: SearchQuery) -> SearchResult | PlainResult:
        """``search``'s answer for a caller that only writes it as JSON: plain data when
        the store gives it so (see ``indexer.stores.plain``)."""
        plain = getattr(self.store, "search_plain", None)
        if plain is None:
            return self.search(query)
        return self._cited_shown(query, plain(query))

    def _cited_shown(self, query: SearchQuery, result: _Result) -> _Result:
        """``result`` with each hit of a ``cita:`` search whose fragments mark nothing
        showing where it writes the citation instead (``indexer.citations.fragments``)."""
        if not (query.highlight and query.q and "cita" in query.q.lower()):
            return result
        plain = isinstance(result, PlainResult)
        unlit = {
            (hit["id"] if plain else hit.id): hit
            for hit in result.hits
            if not _lit(hit.get("highlights") or () if plain else hit.highlights)
        }
        for doc_id, shown in cited_fragments(self.db, query.q, list(unlit)).items():
            if plain:
                unlit[doc_id]["highlights"] = [shown]
            else:
                unlit[doc_id].highlights = [shown]
        return result


def _lit(highlights: Iterable[str]) -> bool:
    """Whether a hit's fragments mark anything (else a ``cita:`` search shows where the
    document writes the citation, ``indexer.citations.fragments``)."""
    return any("<mark>" in fragment for fragment in highlights)


def _saved_since(doc: AnyDocument, since: dt.datetime) -> bool:
    saved = doc.updated_at
    return saved is not None and saved.tzinfo is not None and saved >= since


def _batches(docs: Iterable[AnyDocument], size: int) -> Iterator[list[AnyDocument]]:
    items = iter(docs)
    while batch := list(islice(items, size)):
        yield batch
