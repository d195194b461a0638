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
from dataclasses import asdict, dataclass

from config.settings import Settings
from indexer.archive import FileArchive
from indexer.db import Database, FileRow
from indexer.db.database import SaveOutcome
from indexer.extract import (
    ExtractionError,
    ExtractionLimits,
    OcrLimits,
    OcrPage,
    extract_text,
)
from indexer.models import FileRef, Legislativo, Sentencia, Sesion
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
    ocr_pages: tuple[OcrPage, ...] = ()


class Library:
    def __init__(self, db: Database, store: Store, archive: FileArchive, limits: ExtractionLimits):
        self.db = db
        self.store = store
        self.archive = archive
        self.limits = limits

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
            max_bytes=settings.max_file_bytes, timeout_s=settings.extract_timeout_s, ocr=ocr
        )
        db = Database(settings.database)
        store = open_store(settings, writer=writer)
        if getattr(store, "replaced", False):
            log.warning("the search index was built by another version: rebuilding it")
            db.mark_all_unindexed()
        return cls(db, store, FileArchive(settings.files_dir), limits)

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
            ocr = tuple(OcrPage(**page) for page in known.ocr_pages or ())
            return ArchivedFile(ref, known.text, known.error, reused=True, ocr_pages=ocr)
        text: str | None = None
        error: str | None = None
        pages: int | None = None
        method: str | None = None
        ocr_pages: tuple[OcrPage, ...] = ()
        try:
            extraction = extract_text(data, content_type, url.rsplit("/", 1)[-1], self.limits)
            text, pages, method = extraction.text, extraction.pages, extraction.method
            ocr_pages = extraction.ocr_pages
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
            )
        )
        ref = FileRef(
            url=url, sha256=sha256, content_type=content_type, size=len(data), pages=pages
        )
        return ArchivedFile(ref, text, error, ocr_pages=ocr_pages)

    def add_document(self, doc: AnyDocument) -> SaveOutcome:
        return self.db.save_document(doc)

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
        withheld = [doc for doc in batch if doc.privacy is not None and doc.privacy.withheld]
        if withheld:  # personal data held back for review: never in the index
            self.store.delete(doc.id for doc in withheld)
            self.db.mark_indexed(withheld)
            held = {doc.id for doc in withheld}
            batch = [doc for doc in batch if doc.id not in held]
        report = self.store.upsert(batch)
        for doc_id, error in report.errors.items():
            log.error("document %s could not be indexed: %s", doc_id, error)
        indexed = [doc for doc in batch if doc.id not in report.errors]
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
                read += 1
                if doc.privacy is None or not doc.privacy.withheld:
                    yield doc
                if progress and read % INDEX_BATCH == 0:
                    progress(read)

        report = self.store.rebuild(counted())
        for doc_id, error in report.errors.items():
            log.error("document %s could not be indexed: %s", doc_id, error)
        self.db.mark_rebuilt(began, failed=list(report.errors))
        if progress:
            progress(read)
        self.flush()
        return report.indexed

    def search(self, query: SearchQuery) -> SearchResult:
        return self.store.search(query)
