"""The generic spider for listing pages: items, each linking to a detail page or a file,
and a next-page link. Everything site-specific is in the source spec."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from config.specs import SourceSpec
from crawlers.failures import failure_cause
from crawlers.items import DocumentDraft, Download
from crawlers.runs import RunStats
from crawlers.selectors import read, read_fields, select
from indexer.extract import html_main_text, sniff_type


class HtmlListingSpider(scrapy.Spider):
    name = "html_listing"

    def __init__(self, spec: SourceSpec, library: Any, run: RunStats, **kwargs: Any) -> None:
        super().__init__(name=spec.id, **kwargs)
        self.spec = spec
        self.library = library
        self.run = run
        if spec.allowed_domains:
            self.allowed_domains = spec.allowed_domains

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.spec.start_urls:
            yield scrapy.Request(
                url, callback=self.parse_listing, errback=self.failed, cb_kwargs={"page": 1}
            )

    def failed(self, failure: Failure) -> Iterator[Any]:
        cause, message = failure_cause(failure)
        request = failure.request  # type: ignore[attr-defined]
        self.run.error(cause, request.url, message)
        draft = request.cb_kwargs.get("draft")
        if draft is not None and request.callback == self.parse_file:
            yield from self._next_file(draft)

    def parse_listing(self, response: Response, page: int) -> Iterator[Any]:
        self.run.count("pages")
        if not isinstance(response, TextResponse):
            self.run.error("not_html", response.url, "listing page is not HTML")
            return
        rules = self.spec.listing
        items = select(response, rules.items)
        if not items:
            self.run.error("selector_empty", response.url, "listing.items matched nothing")
        for position, item in enumerate(items, start=1):
            fields = read_fields(item, rules.fields, response.url)
            link = read(item, rules.link) if rules.link else None
            if not isinstance(link, str) or not link:
                self.run.error(
                    "missing_link", response.url, f"item {position}: listing.link matched nothing"
                )
                continue
            url = response.urljoin(link)
            draft = DocumentDraft(url=url, listing_url=response.url, fields=fields)
            draft.pending_files = self._links(response, item, rules.files)
            yield scrapy.Request(
                url, callback=self.parse_document, errback=self.failed, cb_kwargs={"draft": draft}
            )
        next_link = read(response, rules.next_page) if rules.next_page else None
        if isinstance(next_link, str) and next_link and page < rules.max_pages:
            yield scrapy.Request(
                response.urljoin(next_link),
                callback=self.parse_listing,
                errback=self.failed,
                cb_kwargs={"page": page + 1},
            )

    def parse_document(self, response: Response, draft: DocumentDraft) -> Iterator[Any]:
        content_type = _content_type(response)
        if sniff_type(response.body, content_type, response.url) != "html":
            draft.files.append(Download(response.url, response.body, content_type))
            yield from self._next_file(draft)
            return
        self.run.count("pages")
        text_response = response if isinstance(response, TextResponse) else None
        rules = self.spec.detail
        if rules is not None and text_response is not None:
            draft.fields = read_fields(text_response, rules.fields, response.url) | draft.fields
            if rules.text is not None:
                chosen = select(text_response, rules.text)
                draft.page_text = html_main_text(" ".join(chosen.getall()))
            draft.pending_files += self._links(text_response, text_response, rules.files)
        if not draft.page_text:
            draft.page_text = html_main_text(response.body, _charset(response))
        draft.pending_files = list(dict.fromkeys(draft.pending_files))
        yield from self._next_file(draft)

    def parse_file(self, response: Response, draft: DocumentDraft) -> Iterator[Any]:
        draft.files.append(Download(response.url, response.body, _content_type(response)))
        yield from self._next_file(draft)

    def _next_file(self, draft: DocumentDraft) -> Iterator[Any]:
        """Fetch a document's files one after another, then hand it to the pipeline."""
        if draft.pending_files:
            url = draft.pending_files.pop(0)
            yield scrapy.Request(
                url, callback=self.parse_file, errback=self.failed, cb_kwargs={"draft": draft}
            )
        else:
            yield draft

    @staticmethod
    def _links(response: Response, node: Any, selector: Any) -> list[str]:
        if selector is None:
            return []
        found = read(node, selector, "stenographic_urls")
        values = found if isinstance(found, list) else [found] if found else []
        return [response.urljoin(v) for v in values]


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None


def _charset(response: Response) -> str | None:
    return response.encoding if isinstance(response, TextResponse) else None
