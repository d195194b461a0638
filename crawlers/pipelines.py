"""Item pipeline: a crawled draft becomes a document in the library."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from config.spec_shapes import Identity
from config.specs import SourceSpec
from crawlers.items import DocumentDraft
from crawlers.tenancy import FOREIGN_DOCUMENT, Tenant, may_overwrite, tenant_of
from crawlers.window import Window
from indexer.build import AnyDocument, InvalidDocument, MissingField, build_document
from indexer.linking import another_session, identity_id, merge_documents
from indexer.models import SourceLink
from indexer.readers.plausibility import plausible_fields
from indexer.readers.signatures import split_signatures
from indexer.textsource import text_origin

# Saved documents are handed to the index every this many (or seconds); the index
# publishes them at its own commit cadence, and the crawl's end waits for them.
FLUSH_EVERY = 500
FLUSH_SECONDS = 5.0
# Reading, merging and writing a shared document is one step (threads of all spiders).
MERGE_LOCK = threading.Lock()
DEFAULT_SESSION_KEY = ["date", "session_type"]


class ForeignDocument(Exception):
    """The document's id is another institution's document: not written."""


def identity_of(spec: SourceSpec) -> Identity | None:
    """The spec's identity; a video channel always files videos under their session."""
    if spec.identity is not None:
        return spec.identity
    if spec.shape == "video_channel":
        return Identity(scope=spec.id, key=DEFAULT_SESSION_KEY)
    return None


def _texts(kind: str, page_text: str, file_texts: list[str]) -> dict[str, str]:
    """The document's text: its page's, then its files'. A sentence's files lose their
    signature blocks and evidence pages (kept apart), and its own metadata is read from
    the sentence (the first file), not from the page that links to it."""
    if kind != "sentencia":
        return {"text": "\n\n".join(t for t in [page_text, *file_texts] if t)}
    bodies, cut = [], []
    for text in file_texts:
        body, signatures = split_signatures(text)
        bodies.append(body)
        cut.append(signatures)
    return {
        "text": "\n\n".join(t for t in [page_text, *bodies] if t),
        "heading_text": file_texts[0] if file_texts else page_text,
        "signature_text": "\n\n".join(c for c in cut if c),
    }


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


class LibraryPipeline:
    """Archive the files, extract their text, build the document, save it; index in
    batches so readers see new documents while a long crawl goes on."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.since_flush = 0
        self.flushed_at = time.monotonic()
        self.lock = threading.Lock()
        self._tenant: Tenant | None = None

    def tenant(self, spec: SourceSpec, library: Any) -> Tenant:
        """Looked up once per crawl: who this source writes for."""
        with self.lock:
            if self._tenant is None:
                self._tenant = tenant_of(library, spec)
            return self._tenant

    @classmethod
    def from_crawler(cls, crawler: Any) -> LibraryPipeline:
        return cls(crawler)

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
            archived = library.add_file(download.body, download.url, download.content_type)
            run.count("files_reused" if archived.reused else "files")
            run.count("ocr_pages", len(archived.ocr_pages))
            refs.append(archived.ref)
            archived_files.append(archived)
            if archived.text:
                file_texts.append(archived.text)
            elif archived.error:
                run.error("extraction_failed", download.url, archived.error)
        fields: dict[str, Any] = dict(spec.constants) | self._plausible(item, run)
        tenant = self.tenant(spec, library)
        ocr_pages, text_source = text_origin(archived_files)
        try:
            doc = build_document(
                kind=spec.kind,
                source_id=spec.id,
                institution=tenant.institution_name or spec.institution,
                jurisdiction=spec.jurisdiction,
                url=item.url,
                fields=fields,
                **_texts(spec.kind, item.page_text, file_texts),
                files=refs,
                required=spec.required,
                fetched_at=dt.datetime.now(dt.UTC),
                videos=item.videos,
                origin="api" if spec.shape == "json_api" else "listing",
                origins=dict.fromkeys(set(spec.constants) - set(item.fields), "spec"),
                ocr_pages=ocr_pages,
                text_source=text_source,
                privacy=spec.privacy,
            )
        except MissingField as exc:
            run.error("missing_field", item.url, str(exc))
            return item
        except InvalidDocument as exc:
            run.error("invalid_document", item.url, str(exc))
            return item
        if not in_window(doc, getattr(spider, "window", None)):
            run.count("out_of_window")
            return item
        try:
            outcome = self._save(spec, library, doc, tenant)
        except MissingField as exc:
            run.error("missing_field", item.url, f"{exc} (needed by identity.key)")
            return item
        except ForeignDocument as exc:
            run.error(FOREIGN_DOCUMENT, item.url, str(exc))
            return item
        run.count("items")
        run.count(outcome)
        count_findings(run, doc)
        with self.lock:
            self.since_flush += 1
            due = (
                self.since_flush >= FLUSH_EVERY
                or time.monotonic() - self.flushed_at >= FLUSH_SECONDS
            )
            if due:
                self.since_flush = 0
                self.flushed_at = time.monotonic()
        if due:
            library.flush(wait=False)
        return item

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
    def _save(spec: SourceSpec, library: Any, doc: AnyDocument, tenant: Tenant) -> str:
        """Save under the document's URL id, or under its identity, merged with what
        other sources of the same identity scope contributed; never over a document of
        another institution."""
        identity = identity_of(spec)
        if identity is not None:
            doc = doc.model_copy(
                update={"id": identity_id(doc, identity.scope or spec.id, identity.key)}
            )
        elif not tenant.registered:
            return library.add_document(doc)
        published_by = SourceLink(source_id=doc.source_id, url=doc.url)
        contributor = spec.shape == "video_channel"
        with MERGE_LOCK:
            existing = library.db.get_document(doc.id)
            if (
                identity is not None
                and existing is not None
                and not contributor
                and another_session(existing, doc)
            ):
                scope = identity.scope or spec.id
                numbered = [*identity.key, "session_number"]
                doc = doc.model_copy(update={"id": identity_id(doc, scope, numbered)})
                existing = library.db.get_document(doc.id)
            if existing is not None and not may_overwrite(library, tenant, existing.source_id):
                raise ForeignDocument(
                    f"document {doc.id} belongs to another institution's source; not overwritten"
                )
            if existing is not None and identity is not None:
                doc = merge_documents(existing, doc, contributor=contributor)
            return library.add_document(doc, published_by)

    def close_spider(self) -> None:
        self.crawler.spider.library.flush()
