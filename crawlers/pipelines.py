"""Item pipeline: a crawled draft becomes a document in the library."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawlers.items import DocumentDraft
from indexer.build import InvalidDocument, MissingField, build_document

FLUSH_EVERY = 100


class LibraryPipeline:
    """Archive the files, extract their text, build the document, save it; index in
    batches so readers see new documents while a long crawl goes on."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.since_flush = 0
        self.lock = threading.Lock()

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
        texts = [item.page_text] if item.page_text else []
        refs = []
        for download in item.files:
            archived = library.add_file(download.body, download.url, download.content_type)
            run.count("files_reused" if archived.reused else "files")
            refs.append(archived.ref)
            if archived.text:
                texts.append(archived.text)
            elif archived.error:
                run.error("extraction_failed", download.url, archived.error)
        fields: dict[str, Any] = dict(spec.constants) | item.fields
        try:
            doc = build_document(
                kind=spec.kind,
                source_id=spec.id,
                institution=spec.institution,
                jurisdiction=spec.jurisdiction,
                url=item.url,
                fields=fields,
                text="\n\n".join(texts),
                files=refs,
                required=spec.required,
                fetched_at=dt.datetime.now(dt.UTC),
            )
        except MissingField as exc:
            run.error("missing_field", item.url, str(exc))
            return item
        except InvalidDocument as exc:
            run.error("invalid_document", item.url, str(exc))
            return item
        run.count("items")
        run.count(library.add_document(doc))
        with self.lock:
            self.since_flush += 1
            due = self.since_flush >= FLUSH_EVERY
            if due:
                self.since_flush = 0
        if due:
            library.flush()
        return item

    def close_spider(self) -> None:
        self.crawler.spider.library.flush()
