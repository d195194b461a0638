"""What a spec would extract, without storing anything: the first listing page(s), the
documents they list with their fields, and a few detail pages, within a time bound.
This is how an institution tunes its selectors before registering a source."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from scrapy.http import HtmlResponse

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.fetch import Fetched, FetchError, fetch
from crawlers.fill import fill_report
from crawlers.selectors import read, read_fields, select
from crawlers.trial import trial_crawl
from indexer.build import InvalidDocument, MissingField, build_document
from indexer.extract import ExtractionError, html_main_text, sniff_type
from indexer.plausibility import plausible_fields

TEXT_PREVIEW_CHARS = 400
TRIAL_ITEMS = 10


def _page(fetched: Fetched) -> HtmlResponse:
    headers = {"Content-Type": fetched.content_type or "text/html"}
    return HtmlResponse(url=fetched.url, body=fetched.body, headers=headers)


def _links(page: HtmlResponse, node: Any, selector: Any) -> list[str]:
    if selector is None:
        return []
    found = read(node, selector, "stenographic_urls")
    values = found if isinstance(found, list) else [found] if found else []
    return [page.urljoin(v) for v in values]


def preview(
    spec: SourceSpec,
    settings: Settings,
    *,
    max_pages: int = 1,
    max_details: int = 3,
    time_limit_s: float = 20.0,
) -> dict[str, Any]:
    """The documents the spec finds on its first ``max_pages`` listing pages; the first
    ``max_details`` detail pages are fetched too. Errors are reported, not raised."""
    if spec.listing is None:  # feeds, sitemaps, channels, APIs: their own spider decides
        result = trial_crawl(spec, settings, max_items=TRIAL_ITEMS, time_limit_s=time_limit_s)
        result["fields"] = fill_report(
            spec, result["documents"], result["errors"], result.get("implausible")
        )
        return result
    deadline = time.monotonic() + time_limit_s
    errors: list[dict[str, str]] = []
    documents: list[dict[str, Any]] = []
    url: str | None = spec.start_urls[0]
    next_page: str | None = None
    pages = 0

    def get(target: str) -> Fetched | None:
        try:
            return fetch(
                target,
                allow_loopback=settings.allow_loopback,
                user_agent=settings.user_agent,
                max_bytes=settings.max_page_bytes,
                deadline=deadline,
            )
        except FetchError as exc:
            errors.append({"cause": exc.cause, "url": target, "message": str(exc)})
            return None

    while url and pages < max_pages:
        fetched = get(url)
        if fetched is None:
            break
        pages += 1
        page = _page(fetched)
        items = select(page, spec.listing.items)
        if not items:
            errors.append(
                {
                    "cause": "selector_empty",
                    "url": page.url,
                    "message": "listing.items matched nothing",
                }
            )
        for item in items:
            fields = read_fields(item, spec.listing.fields, page.url)
            link = read(item, spec.listing.link) if spec.listing.link else None
            documents.append(
                {
                    "url": page.urljoin(link) if isinstance(link, str) and link else None,
                    "fields": fields,
                    "files": _links(page, item, spec.listing.files),
                    "listing_url": page.url,
                }
            )
        found = read(page, spec.listing.next_page) if spec.listing.next_page else None
        next_page = page.urljoin(found) if isinstance(found, str) and found else None
        url = next_page

    for document in documents[:max_details]:
        if document["url"] and time.monotonic() < deadline:
            _detail(spec, document, get)
    for document in documents:
        document["problems"] = _problems(spec, document)
        for name, value, reason in plausible_fields(document["fields"])[1]:
            errors.append(
                {"cause": "implausible_field", "url": document["url"] or page_url(document),
                 "message": f"{name}: {value[:200]!r} {reason}"}
            )  # fmt: skip
    return {
        "source_id": spec.id,
        "pages": pages,
        "documents": documents,
        "next_page": next_page,
        "errors": errors,
        "error_counts": dict(Counter(e["cause"] for e in errors)),
        "fields": fill_report(spec, documents, errors),
        "elapsed_s": round(time_limit_s - max(0.0, deadline - time.monotonic()), 3),
    }


def page_url(document: dict[str, Any]) -> str:
    return str(document.get("listing_url") or "")


def _detail(spec: SourceSpec, document: dict[str, Any], get: Any) -> None:
    fetched = get(document["url"])
    if fetched is None:
        return
    try:
        kind = sniff_type(fetched.body, fetched.content_type, fetched.url)
    except ExtractionError as exc:
        document["detail"] = {"type": "unsupported", "message": str(exc)}
        return
    if kind != "html":
        document["detail"] = {"type": kind, "bytes": len(fetched.body)}
        document["files"] = list(dict.fromkeys([*document["files"], fetched.url]))
        return
    page = _page(fetched)
    rules = spec.detail
    if rules is not None:
        document["fields"] = read_fields(page, rules.fields, page.url) | document["fields"]
        document["files"] = list(dict.fromkeys(document["files"] + _links(page, page, rules.files)))
        chosen = " ".join(select(page, rules.text).getall()) if rules.text else None
    else:
        chosen = None
    text = html_main_text(chosen) if chosen else html_main_text(fetched.body)
    document["detail"] = {"type": "html", "text_preview": text[:TEXT_PREVIEW_CHARS]}


def _problems(spec: SourceSpec, document: dict[str, Any]) -> list[str]:
    """What would make this item a crawl error, found by building it for real."""
    if not document["url"]:
        return ["listing.link matched nothing: the item has no document to fetch"]
    try:
        build_document(
            kind=spec.kind,
            source_id=spec.id,
            institution=spec.institution,
            jurisdiction=spec.jurisdiction,
            url=document["url"],
            fields=dict(spec.constants) | document["fields"],
            text="",
            required=spec.required,
        )
    except (MissingField, InvalidDocument) as exc:
        return [str(exc)]
    return []
