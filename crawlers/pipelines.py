"""Item pipeline: a crawled draft becomes a document in the library."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crawlers.items import DocumentDraft
from indexer.build import InvalidDocument, MissingField, build_document

FLUSH_EVERY = 100


class LibraryPipeline:
    """Archive the files, extract their text, build the document, save it; index in
    batches so readers see new documents while a long crawl goes on."""

    def __init__(self) -> None:
        self.since_flush = 0

    def process_item(self, item: Any, spider: Any) -> Any:
        if not isinstance(item, DocumentDraft):
            return item
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
        self.since_flush += 1
        if self.since_flush >= FLUSH_EVERY:
            library.flush()
            self.since_flush = 0
        return item

    def close_spider(self, spider: Any) -> None:
        spider.library.flush()
