"""Item pipeline: a crawled draft becomes a document in the library."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import LoopingCall
from twisted.internet.threads import deferToThread

from config.spec_shapes import Identity
from config.specs import SourceSpec, read_specs
from crawlers.backlog import waiting_for_builds
from crawlers.building import Builders, BuildOrder, Refusal
from crawlers.causas import (
    FILE_UNPUBLISHED,
    LEGISLATURE_CONTRADICTED,
    OCR_INCOMPLETE,
    PAGES_GARBLED,
    PAGES_TOO_COSTLY,
    PAGES_TRUNCATED,
    SAME_FILE,
    SCANS_UNREAD,
    legislature_contradicted,
    ocr_incomplete,
    pages_garbled,
    pages_too_costly,
    pages_truncated,
    same_file,
    scans_unread,
)
from crawlers.items import DocumentDraft
from crawlers.links import without_credentials
from crawlers.middlewares import forget_fetch
from crawlers.moves import Move, moved, published_videos
from crawlers.tenancy import (
    FOREIGN_DOCUMENT,
    FOREIGN_NAME,
    Tenant,
    catalogue_claim_message,
    foreign_name_message,
    may_overwrite,
    own_document,
    own_fields,
    tenant_of,
)
from crawlers.window import Window
from indexer.build import AnyDocument, MissingField
from indexer.db.locks import across_processes
from indexer.extract import has_words
from indexer.extract.forms import MAX_DRAWN_BYTES
from indexer.linking import (
    FORMER_SESSION_TYPES,
    another_session,
    identity_id,
    merge_documents,
    numbers_compared,
    sibling_ids,
)
from indexer.models import SourceLink, document_id
from indexer.readers.legislatures import contradicts
from indexer.readers.plausibility import plausible_fields
from indexer.retirement import adopt_publications, release_publication
from indexer.shared import SaveInterrupted, joined_by_file
from indexer.textsource import text_origin

# Built documents are saved in batches of this many (or every this many seconds), one
# transaction each, then handed to the index; the index publishes them at its own commit
# cadence, and the crawl's end waits for them.
SAVE_EVERY = 500
SAVE_SECONDS = 5.0
BACKLOG_CHECK_S = 0.25  # how often the reactor looks whether the crawl waits for builds
# Reading, merging and writing a shared document is one step (threads of all spiders).
MERGE_LOCK = threading.Lock()
DEFAULT_SESSION_KEY = ["date", "session_type"]
log = logging.getLogger(__name__)

# a retyped session's fields its type decides (see ``_retyped``)
_TYPED_FIELDS = ("session_type", "chamber")


class ForeignDocument(Exception):
    """The document's id is another institution's document: not written."""


@contextmanager
def merging(spec: SourceSpec, library: Any) -> Iterator[None]:
    """Hold the merge of ``spec``'s documents: ``MERGE_LOCK`` among this process's
    threads and, when its documents merge with other sources' (an identity), its scope's
    lock among processes, so that a crawl of the same scope elsewhere (a congress's
    pages in one worker, its video channel in another) cannot read a document between
    this one's read and its write and save a merge without it."""
    identity = identity_of(spec)
    with MERGE_LOCK:
        if identity is None:
            yield
            return
        with across_processes(library.db.engine, f"merge:{identity.scope or spec.id}"):
            yield


def identity_of(spec: SourceSpec) -> Identity | None:
    """The spec's identity; a video channel always files videos under their session."""
    if spec.identity is not None:
        return spec.identity
    if spec.shape == "video_channel":
        return Identity(scope=spec.id, key=DEFAULT_SESSION_KEY)
    return None


def count_findings(run: Any, doc: AnyDocument) -> None:
    """Personal data found, by kind, on the run's record (the source's health)."""
    if doc.privacy is None:
        return
    for kind, n in doc.privacy.counts().items():
        run.count(f"privacy_{kind}", n)
    if doc.privacy.findings:
        run.count("privacy_documents")
    if doc.privacy.withheld:
        run.count("privacy_withheld")


def in_window(doc: AnyDocument, window: Window | None) -> bool:
    """The document's own date (resolution date for a sentence) within the backfill window."""
    day = getattr(doc, "resolution_date", None) or doc.date
    return window is None or window.contains(day)


@dataclass
class Pending:
    """A built document waiting in the pipeline's buffer, with what its run must count."""

    doc: AnyDocument
    url: str
    settled: bool = False  # saved or refused, and counted
    move: Move | None = None  # the address earlier versions stored it under
    retiring: list[str] = field(default_factory=list)  # stored apart before: retired into it


@dataclass
class Prepared:
    """A document ready to save: its final id (identity), merged, and who published it."""

    doc: AnyDocument
    published_by: SourceLink | None
    pending: Pending
    formerly: SourceLink | None = None  # its publication at its former address, dropped


EMPTY_TEXT = "empty_text"
EMPTY_TEXT_MESSAGE = (
    "ni la página ni sus archivos dieron texto (página vacía, solo espacios o signos): el "
    "documento se guardó con los datos del listado, pero no se encontrará por su contenido"
)


def unpublished_message(names: list[str], with_text: bool = False) -> str:
    """``file_unpublished``'s message: the record's empty values that name its file, and
    whether the record itself gave the document a text (a summary the spec reads)."""
    said = ", ".join(dict.fromkeys(names))
    kept = "and the text the record gives" if with_text else "and no text"
    return (
        f"the source published the record without its file ({said} is empty): it was kept "
        f"with the record's data {kept}; it is read when the file appears"
    )


def _fixed_legislature(spec: SourceSpec, doc: AnyDocument) -> str | None:
    """The spec's fixed legislature, when the document was left without one (the builder
    drops a constant its date contradicts: ``indexer.build``)."""
    fixed = spec.constants.get("legislature")
    if not isinstance(fixed, str) or getattr(doc, "legislature", "") is not None:
        return None
    return fixed


def _asks_text(spec: Any, item: DocumentDraft) -> bool:
    """Whether the document was meant to have text: a page read for it, a file, or an
    API spec that names a text or files (an API of metadata only never has any)."""
    if item.page is not None or item.files:
        return True
    rules = getattr(spec, "json_api", None)
    return bool(
        rules is not None and (getattr(rules, "text", None) or getattr(rules, "files", None))
    )


def _without_text(doc: Any, files: list[Any]) -> bool:
    """A document saved with no text from any of its parts, and no counted cause yet: a
    file whose extraction failed is already its ``extraction_failed`` (one that could not
    be fetched, its download error), and a video's content is the video."""
    if has_words(doc.text or "") or getattr(doc, "video_urls", None):
        return False
    return not any(archived.error for archived in files)


class LibraryPipeline:
    """Archive the files, extract their text, build the document; save documents in
    batches (every ``SAVE_EVERY`` or ``SAVE_SECONDS``, and at the crawl's end), each batch
    in one transaction, and hand them to the index so readers see them as a long crawl
    goes on. An item is counted when its batch is saved, or as a ``save_failed`` error
    with its cause: none is dropped unseen."""

    def __init__(self, crawler: Any, workers: int = 0, build_timeout_s: float = 0) -> None:
        self.crawler = crawler
        self.builders = Builders(workers, build_timeout_s)
        self.lock = threading.Lock()
        self.saving = threading.Lock()  # one batch at a time, in the order they filled
        self.buffer: list[Pending] = []
        self.buffered_at = time.monotonic()
        self.ticker: LoopingCall | None = None
        self.watcher: LoopingCall | None = None
        self._tenant: Tenant | None = None

    def tenant(self, spec: SourceSpec, library: Any) -> Tenant:
        """Looked up once per crawl: who this source writes for."""
        with self.lock:
            if self._tenant is None:
                self._tenant = tenant_of(library, spec, self._catalogue())
            return self._tenant

    def _catalogue(self) -> list[SourceSpec]:
        """The operator's catalogue, as the API reads it (``ABIERTO_SOURCES_DIR``)."""
        folder = self.crawler.settings.get("ABIERTO_SOURCES_DIR") or None
        return read_specs(Path(folder) if folder else None)[0]

    @classmethod
    def from_crawler(cls, crawler: Any) -> LibraryPipeline:
        settings = crawler.settings
        return cls(
            crawler,
            settings.getint("ABIERTO_CRAWL_WORKERS", 0),
            settings.getfloat("ABIERTO_BUILD_TIMEOUT_S", 0),
        )

    def open_spider(self) -> None:
        """A slow crawl still saves what it has every ``SAVE_SECONDS``; the builders'
        pool starts while the first pages are fetched, and takes another worker once
        nothing is downloading while pages wait for their builds (``crawlers.backlog``)."""
        self.ticker = LoopingCall(self._tick)
        self.ticker.start(SAVE_SECONDS, now=False)
        self.builders.start()
        self.watcher = LoopingCall(self._watch)
        self.watcher.start(BACKLOG_CHECK_S, now=False)

    def _watch(self) -> None:
        engine = getattr(self.crawler, "engine", None)
        if engine is None or not waiting_for_builds(engine) or not self.builders.boost():
            return
        log.info("nothing to download and pages waiting: one more worker builds documents")
        if self.watcher is not None and self.watcher.running:
            self.watcher.stop()

    def _tick(self) -> Any:
        if self.buffer and time.monotonic() - self.buffered_at >= SAVE_SECONDS:
            return deferToThread(self.drain)
        return None

    async def process_item(self, item: Any) -> Any:
        """Extraction and database writes run on a thread, so a slow PDF never stalls
        the downloads of the reactor."""
        if not isinstance(item, DocumentDraft):
            return item
        return await maybe_deferred_to_future(deferToThread(self._store, item))

    def _store(self, item: DocumentDraft) -> DocumentDraft:
        spider = self.crawler.spider
        spec, run, library = spider.spec, spider.run, spider.library
        file_texts: list[str] = []
        refs = []
        archived_files = []
        for download in item.files:
            address = without_credentials(download.url, run.secrets)  # published with it
            archived = library.add_file(download.body, address, download.content_type)
            run.count("files_reused" if archived.reused else "files")
            run.count("ocr_pages", len(archived.ocr_pages))
            refs.append(archived.ref)
            archived_files.append(archived)
            if archived.text:
                file_texts.append(archived.text)
                if (read := archived.pages_read) is not None:  # the rest, past the limit
                    said = pages_truncated(archived.ref.pages or read, read)
                    run.error(PAGES_TRUNCATED, download.url, said)
                if (unread := archived.ocr_unread) is not None:  # scanned pages left unread
                    reached, scanned = unread
                    run.error(OCR_INCOMPLETE, download.url, ocr_incomplete(scanned, reached))
                if archived.costly_pages:  # pages whose forms pdfium would read for minutes
                    said = pages_too_costly(archived.costly_pages, MAX_DRAWN_BYTES >> 20)
                    run.error(PAGES_TOO_COSTLY, download.url, said)
                if archived.garbled_pages:  # a text layer in a broken font, OCR did not read
                    said = pages_garbled(archived.garbled_pages)
                    run.error(PAGES_GARBLED, download.url, said)
                if archived.scans_unread:  # a footer over a scan, no OCR to read the scan
                    run.error(SCANS_UNREAD, download.url, scans_unread(archived.scans_unread))
            elif archived.error:
                run.error("extraction_failed", download.url, archived.error)
                # a file the site may mend: fetched again whole, not handed back by a 304
                forget_fetch(spider, download.url)
        address = without_credentials(item.url, run.secrets)
        tenant = self.tenant(spec, library)
        fields, foreign = own_fields(tenant, dict(spec.constants) | self._plausible(item, run))
        ocr_pages, text_source = text_origin(archived_files)
        order = BuildOrder(
            kind=spec.kind,
            source_id=spec.id,
            institution=tenant.institution_name or spec.institution,
            jurisdiction=tenant.jurisdiction or spec.jurisdiction,
            url=address,
            fields=fields,
            page_text=item.page_text,
            page=item.page,
            file_texts=file_texts,
            files=refs,
            required=list(spec.required),
            fetched_at=dt.datetime.now(dt.UTC),
            videos=item.videos,
            origin="api" if spec.shape == "json_api" else "listing",
            origins=dict.fromkeys(set(spec.constants) - set(item.fields), "spec"),
            ocr_pages=ocr_pages,
            text_source=text_source,
            privacy=spec.privacy,
        )
        doc, lost = self.builders.build(order)
        if lost:
            run.count("workers_lost")
        if isinstance(doc, Refusal):
            run.error(doc.cause, item.url, doc.message)
            run.count("lost_documents")  # refused: the run names it among what it lost
            return item
        if (fixed := _fixed_legislature(spec, doc)) and (
            sitting := contradicts(fixed, doc.jurisdiction, doc.date)
        ):
            message = legislature_contradicted(fixed, doc.date, sitting)
            run.error(LEGISLATURE_CONTRADICTED, item.url, message, field="legislature")
        if item.files_unpublished:  # the source's record as it is: said, no error
            with_text = not _without_text(doc, archived_files)
            said = unpublished_message(item.files_unpublished, with_text)
            run.error(FILE_UNPUBLISHED, item.url, said)
        if (
            _asks_text(spec, item)
            and not item.files_failed
            and (item.files or item.page is not None or not item.files_unpublished)
            and _without_text(doc, archived_files)
        ):
            run.error(EMPTY_TEXT, item.url, EMPTY_TEXT_MESSAGE)
        doc, read = own_document(tenant, doc)
        doc = published_videos(doc, run.secrets)
        for name in dict.fromkeys(foreign + read):
            message = foreign_name_message(name, doc.institution)
            run.error(FOREIGN_NAME, item.url, message, field=name)
        if not in_window(doc, getattr(spider, "window", None)):
            run.count("out_of_window")
            return item
        with self.lock:
            if not self.buffer:
                self.buffered_at = time.monotonic()
            self.buffer.append(Pending(doc, item.url, move=Move.of(item, spec.id, address)))
            due = len(self.buffer) >= SAVE_EVERY
        indexing = getattr(spider, "indexing", None)
        if indexing is not None:
            indexing.built()
        if due:
            self.drain()
        return item

    def drain(self) -> None:
        """Save what the buffer holds (one batch), then hand it to the index (the crawl's
        indexing process, when it has one: ``crawlers.indexing``)."""
        spider = self.crawler.spider
        with self.saving:
            with self.lock:
                batch, self.buffer = self.buffer, []
                self.buffered_at = time.monotonic()
            if not batch:
                return
            before = _changed(spider.run)
            self._write(spider.spec, spider.library, spider.run, batch)
            changed = _changed(spider.run) - before
        indexing = getattr(spider, "indexing", None)
        if indexing is not None:
            indexing.saved(changed, spider.run)
        else:
            spider.library.flush(wait=False)

    def _write(self, spec: SourceSpec, library: Any, run: Any, batch: list[Pending]) -> None:
        """Save ``batch``; if it fails, each document not yet saved alone, so one bad
        document costs only itself, and one that cannot be saved is a counted error."""
        tenant = self.tenant(spec, library)
        try:
            self._save_batch(spec, library, run, batch, tenant)
            return
        except Exception as exc:  # the failed transaction wrote nothing
            log.warning("saving a batch of %d documents failed (%s): one by one", len(batch), exc)
        for pending in batch:
            if pending.settled:
                continue
            try:
                self._save_batch(spec, library, run, [pending], tenant)
            except Exception as exc:
                run.error("save_failed", pending.url, f"{type(exc).__name__}: {exc}")
                run.count("lost_documents")
                pending.settled = True

    def _save_batch(
        self, spec: SourceSpec, library: Any, run: Any, batch: list[Pending], tenant: Tenant
    ) -> None:
        """Prepare each document (identity, merge, tenancy) and save them together; a
        document whose id one before it in the batch took is prepared once that one is
        saved. Each item is counted (and settled) as soon as it is saved or refused."""
        reads = identity_of(spec) is not None or tenant.registered
        with merging(spec, library):
            for pending in batch:
                if pending.move is not None and not pending.settled:
                    pending.doc, pending.retiring = moved(
                        library, pending.move, pending.doc, identity_of(spec)
                    )
            firsts = [self._first_id(spec, p.doc) for p in batch]
            known = _Known(library, [i for i in firsts if i] if reads else [])
            coming = frozenset(i for i in firsts if i)  # the day's sittings this batch brings
            ready: list[Prepared] = []
            taken: set[str | None] = set()
            heirs: dict[str, str] = {}
            adopted: dict[str, str] = {}  # a session stored under an earlier id → its id
            for pending, first in zip(batch, firsts, strict=True):
                if pending.settled:
                    continue
                if first in taken:
                    self._commit(library, run, ready)
                    ready, taken = [], set()
                    known.forget()
                try:
                    doc, published_by = self._prepare(
                        spec, library, pending.doc, tenant, known, coming
                    )
                except MissingField as exc:
                    run.error("missing_field", pending.url, f"{exc} (needed by identity.key)")
                    run.count("lost_documents")
                    pending.settled = True
                    continue
                except ForeignDocument as exc:
                    run.error(FOREIGN_DOCUMENT, pending.url, str(exc))
                    run.count("lost_documents")
                    pending.settled = True
                    continue
                doc, earlier = self._earlier(spec, pending.doc, doc, known.get)
                if earlier is not None:  # its publication leaves the old id first
                    link = published_by or SourceLink(source_id=doc.source_id, url=doc.url)
                    release_publication(library.db, earlier, link.source_id, link.url)
                    adopted[earlier] = doc.id
                formerly = pending.move.former if pending.move is not None else None
                ready.append(Prepared(doc, published_by, pending, formerly))
                taken |= {first, doc.id}
                heirs.update(dict.fromkeys(pending.retiring, doc.id))
            self._commit(library, run, ready)
        # once their heirs are saved; never one this batch saved (two sections of a page)
        saved = {p.doc.id for p in batch}
        heirs = {old: heir for old, heir in heirs.items() if old not in saved}
        adopted = {old: heir for old, heir in adopted.items() if old not in saved}
        if adopted:  # their sources' publications first, then their old ids lead there
            if adopt_publications(library.db, adopted):  # listed on the heirs too
                found = library.db.get_documents(sorted(set(adopted.values())))
                library.add_documents(list(found.values()))
            heirs |= adopted
        if heirs:
            library.retire(heirs)

    @staticmethod
    def _commit(library: Any, run: Any, ready: list[Prepared]) -> None:
        """Save the prepared documents; count those saved (all, or those saved before a
        failure, which is then raised)."""
        if not ready:
            return
        outcomes: list[str] = []
        try:
            outcomes = library.add_documents(
                [p.doc for p in ready],
                [p.published_by for p in ready],
                [p.formerly for p in ready],
            )
        except SaveInterrupted as exc:
            outcomes = list(exc.saved)
            raise
        finally:
            for prepared, outcome in zip(ready, outcomes, strict=False):
                run.count("items")
                run.count(outcome)
                count_findings(run, prepared.doc)
                prepared.pending.settled = True
        # an entry whose file another of the source's documents has (two rows of a listing
        # giving one file) was saved into that document: said, not only "updated"
        joined = joined_by_file(library.db, [p.doc for p in ready])
        for prepared in ready:
            if url := joined.get(prepared.doc.id):
                run.error(SAME_FILE, prepared.doc.url, same_file(url))

    @staticmethod
    def _plausible(item: DocumentDraft, run: Any) -> dict[str, Any]:
        """The fields read, without those whose value cannot be that field (each one a
        counted ``implausible_field`` error naming the field and the value)."""
        kept, refused = plausible_fields(item.fields)
        for name, value, reason in refused:
            run.error(
                "implausible_field", item.url, f"{name}: {value[:200]!r} {reason}", field=name
            )
        return kept

    @staticmethod
    def _identified(spec: SourceSpec, doc: AnyDocument) -> AnyDocument:
        """The document under its identity's id (its URL's id when the spec has none)."""
        identity = identity_of(spec)
        if identity is None:
            return doc
        return doc.model_copy(
            update={"id": identity_id(doc, identity.scope or spec.id, identity.key)}
        )

    @staticmethod
    def _first_id(spec: SourceSpec, doc: AnyDocument) -> str | None:
        """The id the document is first looked up by (None: its identity lacks a field)."""
        try:
            return LibraryPipeline._identified(spec, doc).id
        except MissingField:
            return None

    @staticmethod
    def _prepare(
        spec: SourceSpec,
        library: Any,
        doc: AnyDocument,
        tenant: Tenant,
        known: _Known | None = None,
        coming: frozenset[str] = frozenset(),
    ) -> tuple[AnyDocument, SourceLink | None]:
        """The document to save under its URL id, or under its identity, merged with
        what other sources of the same identity scope contributed; never over a
        document of another institution. ``coming``: the ids the rest of the batch
        will be saved under (a listing's other sitting of the day, not saved yet, counts
        as one the day holds). Call under ``merging``."""
        identity = identity_of(spec)
        doc = LibraryPipeline._identified(spec, doc)
        if tenant.registered and tenant.catalogue_scope is not None:
            raise ForeignDocument(catalogue_claim_message(tenant, doc.id))
        if identity is None and not tenant.registered:
            return doc, None
        read = known.get if known is not None else library.db.get_document
        published_by = SourceLink(source_id=doc.source_id, url=doc.url)
        contributor = spec.shape == "video_channel"
        existing = read(doc.id)
        if (
            identity is not None
            and existing is not None
            and not contributor
            and (
                another_session(existing, doc)
                or LibraryPipeline._undecided(spec, doc, existing, read, coming)
            )
        ):
            doc = doc.model_copy(update={"id": LibraryPipeline._apart_id(spec, doc)})
            existing = read(doc.id)
        if existing is not None and not may_overwrite(library, tenant, existing.source_id):
            raise ForeignDocument(
                f"document {doc.id} belongs to another institution's source; not overwritten"
            )
        if existing is not None and identity is not None:
            doc = merge_documents(existing, doc, contributor=contributor)
        return doc, published_by

    @staticmethod
    def _earlier(
        spec: SourceSpec, incoming: AnyDocument, doc: AnyDocument, read: Any
    ) -> tuple[AnyDocument, str | None]:
        """``doc`` (prepared under its id) with what the same session stored under the
        id earlier versions gave it holds, and that id, to be retired into it: a
        «matutina» was a session of its own, a sitting named without a session type
        none (``identity_id(earlier=True)``). Only a session this source stored there,
        which its sitting now files under ``doc``'s id too: never the day's other
        session that an evening's video was once filed into."""
        identity = identity_of(spec)
        if identity is None:
            return doc, None
        scope = identity.scope or spec.id
        retyped = LibraryPipeline._retyped(incoming, doc, scope, identity.key, read)
        if retyped is not None:
            merged = merge_documents(retyped[0], doc, contributor=False)
            # the type and the chamber it decides are the ones read now, none included
            # (a bare «Sesión Permanente» is no longer the Comisión Permanente's): never
            # the stale ones a merge keeps where the new reading leaves them empty
            sources = dict(merged.field_sources)
            for name in _TYPED_FIELDS:
                sources.pop(name, None)
                if name in doc.field_sources:
                    sources[name] = doc.field_sources[name]
            typed = {name: getattr(doc, name, None) for name in _TYPED_FIELDS}
            update = {"id": doc.id, "field_sources": sources, **typed}
            return merged.model_copy(update=update), retyped[1]
        if not getattr(incoming, "sitting", None):
            return doc, None  # a session with no sitting kept its id
        keys = [identity.key]
        if getattr(incoming, "session_number", None):
            keys.append([*identity.key, "session_number"])  # kept apart by its number
        for key in keys:
            try:
                former = identity_id(incoming, scope, key, earlier=True)
                now = identity_id(incoming, scope, key)
            except MissingField:
                return doc, None
            if now != doc.id or former == now:
                continue
            stored = read(former)
            if (
                stored is None
                or stored.kind != incoming.kind
                or stored.source_id != incoming.source_id
                or identity_id(stored, scope, key) != now
            ):
                continue
            merged = merge_documents(stored, doc, contributor=False)
            return merged.model_copy(update={"id": doc.id}), former
        return doc, None

    @staticmethod
    def _retyped(
        incoming: AnyDocument, doc: AnyDocument, scope: str, key: list[str], read: Any
    ) -> tuple[AnyDocument, str] | None:
        """The same session stored under the id of the type readers before version 7
        gave its title (``FORMER_SESSION_TYPES``), and that id: only one this source
        stored from the same address, typed then as the readers then read it (or as
        ``reextract --releer`` reads it now); never another session of that day."""
        now = getattr(incoming, "session_type", None)
        if "session_type" not in key or now not in FORMER_SESSION_TYPES:
            return None
        try:
            if identity_id(incoming, scope, key) != doc.id:
                return None  # kept apart by its number: not the id earlier versions gave
            formers = {
                identity_id(incoming.model_copy(update={"session_type": t}), scope, key): t
                for t in FORMER_SESSION_TYPES[now]
            }
        except MissingField:
            return None
        for former, then in formers.items():
            if former == doc.id:
                continue
            stored = read(former)
            if (
                stored is not None
                and stored.kind == incoming.kind
                and stored.source_id == incoming.source_id
                and stored.url == incoming.url
                and getattr(stored, "session_type", None) in (then, now)
                and getattr(stored, "sitting", None) == getattr(incoming, "sitting", None)
            ):
                return stored, former
        return None

    @staticmethod
    def _apart_id(spec: SourceSpec, doc: AnyDocument) -> str:
        """The id of a session kept apart from its day's first sitting: its identity
        keyed by its number too; without a number, its own address's id (a Diario
        that names neither number nor sitting is a duplicate of its day's session at
        worst, never folded into the wrong one)."""
        identity = identity_of(spec)
        assert identity is not None
        if not getattr(doc, "session_number", None):
            return document_id(doc.source_id, doc.url)
        numbered = [*identity.key, "session_number"]
        return identity_id(doc, identity.scope or spec.id, numbered)

    @staticmethod
    def _undecided(
        spec: SourceSpec,
        doc: AnyDocument,
        existing: AnyDocument,
        read: Any,
        coming: frozenset[str] = frozenset(),
    ) -> bool:
        """Whether ``doc`` may be another of the day's sittings than ``existing``: their
        numbers say nothing (one counts in its period, the other through the
        legislature, or one is missing), neither names its sitting, and the day holds
        another sitting of that type (the Senado's no. 174 «Ordinaria» and no. 173
        «Ordinaria Vespertina»). Then it stays its own document, keyed by its number:
        a duplicate is better than a Diario folded into the wrong session."""
        identity = identity_of(spec)
        if identity is None or existing.url == doc.url or existing.source_id == doc.source_id:
            return False  # the document itself, or a source's own re-crawl
        if numbers_compared(existing, doc):
            return False  # both numbered alike: the numbers decide (``another_session``)
        if getattr(existing, "sitting", None):
            return False
        scope = identity.scope or spec.id
        return any(
            other in coming or read(other) is not None
            for other in sibling_ids(doc, scope, identity.key)
        )

    @staticmethod
    def _save(spec: SourceSpec, library: Any, doc: AnyDocument, tenant: Tenant) -> str:
        """Prepare and save one document at once (what a batch does for each)."""
        with merging(spec, library):
            doc, published_by = LibraryPipeline._prepare(spec, library, doc, tenant)
            return library.add_document(doc, published_by)

    def close_spider(self) -> None:
        """Save what is left in the buffer, then index everything, waiting."""
        for looping in (self.ticker, self.watcher):
            if looping is not None and looping.running:
                looping.stop()
        self.builders.close()
        self.drain()
        spider = self.crawler.spider
        indexing = getattr(spider, "indexing", None)
        if indexing is None or not indexing.finish(spider.run):
            spider.library.flush()


def _changed(run: Any) -> int:
    """Documents the run saved new or changed so far: what the index has to write."""
    return run.counts["new"] + run.counts["updated"]


class _Known:
    """Existing documents of a batch, read in one query; re-read one by one once the
    batch has saved some (``forget``)."""

    def __init__(self, library: Any, ids: list[str]) -> None:
        self.library = library
        self.found: dict[str, AnyDocument] | None = library.db.get_documents(ids)

    def get(self, doc_id: str) -> AnyDocument | None:
        if self.found is not None and doc_id in self.found:
            return self.found[doc_id]
        return self.library.db.get_document(doc_id)

    def forget(self) -> None:
        self.found = None
