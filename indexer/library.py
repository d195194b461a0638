"""The library: the database (truth), the search store (derived) and the file archive,
and the few operations that keep them consistent.

Documents are written to the database first; the search index is brought up to date
from it by ``flush`` (documents whose indexed hash differs from their content hash), so
a crash between the two loses nothing: the next flush, or ``reindex``, catches up.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from config.settings import Settings
from indexer.archive import FileArchive
from indexer.db import Database, FileRow
from indexer.db.database import SaveOutcome
from indexer.extract import ExtractionError, ExtractionLimits, extract_text
from indexer.models import FileRef, Legislativo, Sentencia, Sesion, SourceLink
from indexer.shared import save_shared
from indexer.speeches.service import (
    SpeechIndex,
    link_legislative,
    open_speech_index,
    process_sessions,
    rebuild_index,
)
from indexer.stores import SearchQuery, SearchResult, Store
from indexer.stores.factory import open_store

AnyDocument = Sentencia | Sesion | Legislativo
INDEX_BATCH = 200
# documents saved up to this long before a rebuild began are indexed again after it
REINDEX_MARGIN = dt.timedelta(seconds=60)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArchivedFile:
    """A file kept in the archive, with its text (or why there is none)."""

    ref: FileRef
    text: str | None
    error: str | None = None
    reused: bool = False


class Library:
    def __init__(
        self,
        db: Database,
        store: Store,
        archive: FileArchive,
        limits: ExtractionLimits,
        speech_index: SpeechIndex | None = None,
    ):
        self.db = db
        self.store = store
        self.archive = archive
        self.limits = limits
        self.speech_index = speech_index

    @classmethod
    def open(cls, settings: Settings, writer: bool = False) -> Library:
        """The library of ``settings``. A ``writer`` (crawl, index, reindex) that finds
        the embedded index built by another version starts it anew and re-indexes every
        document from the database at its next flush; readers (the API) refuse to serve
        it and say so."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        limits = ExtractionLimits(
            max_bytes=settings.max_file_bytes, timeout_s=settings.extract_timeout_s
        )
        db = Database(settings.database)
        store = open_store(settings, writer=writer)
        if getattr(store, "replaced", False):
            log.warning("the search index was built by another version: rebuilding it")
            db.mark_all_unindexed()
        speech_index = open_speech_index(settings.data_dir, store, writer)
        return cls(db, store, FileArchive(settings.files_dir), limits, speech_index)

    def close(self) -> None:
        self.db.close()
        close_store = getattr(self.store, "close", None)
        if close_store is not None:
            close_store()

    def add_file(self, data: bytes, url: str, content_type: str | None = None) -> ArchivedFile:
        """Archive a file and extract its text, once per distinct content."""
        sha256 = self.archive.put(data)
        known = self.db.get_file(sha256)
        if known is not None:
            ref = FileRef(
                url=url,
                sha256=sha256,
                content_type=known.content_type,
                size=known.size,
                pages=known.pages,
            )
            return ArchivedFile(ref, known.text, known.error, reused=True)
        text: str | None = None
        error: str | None = None
        pages: int | None = None
        method: str | None = None
        try:
            extraction = extract_text(data, content_type, url.rsplit("/", 1)[-1], self.limits)
            text, pages, method = extraction.text, extraction.pages, extraction.method
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
            )
        )
        ref = FileRef(
            url=url, sha256=sha256, content_type=content_type, size=len(data), pages=pages
        )
        return ArchivedFile(ref, text, error)

    def add_document(self, doc: AnyDocument, published_by: SourceLink | None = None) -> SaveOutcome:
        """Save a document; one another source already published is listed once.
        ``published_by``: the source and address it was read from, when ``doc`` is
        already merged into another source's document."""
        return save_shared(self.db, doc, published_by)

    def flush(self, progress: Callable[[int], None] | None = None) -> int:
        """Index every document whose indexed copy is missing or stale; return how many."""
        done = 0
        batch: list[AnyDocument] = []
        for doc in self.db.iter_documents(pending_only=True):
            batch.append(doc)
            if len(batch) >= INDEX_BATCH:
                done += self._index(batch)
                batch = []
                if progress:
                    progress(done)
        if batch:
            done += self._index(batch)
            if progress:
                progress(done)
        return done

    def _index(self, batch: list[AnyDocument]) -> int:
        report = self.store.upsert(batch)
        for doc_id, error in report.errors.items():
            log.error("document %s could not be indexed: %s", doc_id, error)
        indexed = [doc for doc in batch if doc.id not in report.errors]
        process_sessions(self.db, self.speech_index, [d for d in indexed if isinstance(d, Sesion)])
        link_legislative(self.db, [d for d in indexed if isinstance(d, Legislativo)])
        self.db.mark_indexed(indexed)
        return len(indexed)

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the search index from the database; searches keep answering meanwhile.

        The store builds a complete new index and only then replaces the old one. Documents
        saved while it was being built are caught up afterwards: everything not changed
        since the rebuild began is marked indexed, the rest is indexed again by ``flush``.
        """
        began = dt.datetime.now(dt.UTC) - REINDEX_MARGIN
        read = 0

        def counted() -> Iterator[AnyDocument]:
            nonlocal read
            for doc in self.db.iter_documents():
                yield doc
                read += 1
                if progress and read % INDEX_BATCH == 0:
                    progress(read)

        report = self.store.rebuild(counted())
        for doc_id, error in report.errors.items():
            log.error("document %s could not be indexed: %s", doc_id, error)
        self.db.mark_rebuilt(began, failed=list(report.errors))
        rebuild_index(self.db, self.speech_index)
        if progress:
            progress(read)
        self.flush()
        return report.indexed

    def search(self, query: SearchQuery) -> SearchResult:
        return self.store.search(query)
