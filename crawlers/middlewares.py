"""Downloader middlewares: refuse forbidden addresses; make re-crawls conditional."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from crawlers import lookups
from crawlers.addresses import (
    BlockedAddress,
    UnresolvableHost,
    resolve_checked,
    spec_authorities,
    unnamed_port,
    url_target,
)
from crawlers.failures import UNRESOLVABLE
from crawlers.fetchbook import LOOKUP_EVERY, FetchBook, Fetched, Known
from indexer.db.registry import Registry
from indexer.extract.sniff import kept_content_type


class AddressGuardMiddleware:
    """Every request, redirects and robots.txt included, passes this check. It runs on
    the crawl's event loop: its lookups are bounded (``ABIERTO_DNS_TIMEOUT_S``), so a
    silent DNS server stalls the crawl that long at most, and counts as ``dns``."""

    def __init__(self, allow_loopback: bool, crawler: Any = None) -> None:
        self.allow_loopback = allow_loopback
        self.crawler = crawler
        self._named: frozenset[tuple[str, int]] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        settings = crawler.settings
        lookups.configure(
            settings.getfloat("ABIERTO_DNS_TIMEOUT_S", lookups.DEFAULT_TIMEOUT_S),
            settings.getint("ABIERTO_DNS_MAX_LOOKUPS", lookups.DEFAULT_LIMIT),
            settings.getint("ABIERTO_DNS_MAX_LOOKUPS", lookups.DEFAULT_LIMIT),
        )
        return cls(settings.getbool("ABIERTO_ALLOW_LOOPBACK"), crawler)

    def named(self) -> frozenset[tuple[str, int]] | None:
        """The (host, port) pairs the spider's spec names in its addresses (start_urls,
        an API's or a feed's address…); None when the spider has no spec (nothing to
        hold it to)."""
        if self._named is None:
            spec = getattr(getattr(self.crawler, "spider", None), "spec", None)
            if spec is None:
                return None
            self._named = frozenset(spec_authorities(spec.model_dump(mode="json")))
        return self._named

    def process_request(self, request: Request) -> None:
        if "@" in urlsplit(request.url).netloc:
            # a redirect's ``Location`` can say it; the downloader fails on it with a
            # traceback, and its address would carry the password into documents
            raise IgnoreRequest(
                "blocked address: it carries a user or password (user:password@host)"
            )
        found: list[str] = []

        def resolved() -> list[str]:
            found[:] = found or resolve_checked(host, port, self.allow_loopback)
            return found

        try:
            host, port = url_target(request.url)
            named = self.named()
            # a port the spec does not name (a redirect to the site's own port 6379, or
            # with loopback allowed, to whatever else listens on this machine: the API, a
            # search engine's HTTP port): refused before the lookup when the URL says it
            allow = self.allow_loopback
            said = unnamed_port(request.url, named, resolved, allow) if named else None
            if said is None:
                resolved()
        except UnresolvableHost as exc:
            raise IgnoreRequest(f"{UNRESOLVABLE}{exc.host[:200]}") from exc
        except BlockedAddress as exc:
            raise IgnoreRequest(f"blocked address: {exc}") from exc
        if said is not None:
            raise IgnoreRequest(said)


class ConditionalFetchMiddleware:
    """Sends ETag/Last-Modified validators from the last fetch of a URL; on 304 it hands
    the spider the archived body, marked ``not_modified``, so nothing is downloaded
    again and nothing is lost. New bodies are archived and their validators kept (in
    batches: :mod:`crawlers.fetchbook`, written at the latest when the crawl ends)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ConditionalFetchMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.closed, signal=signals.spider_closed)
        return middleware

    def closed(self, spider: Spider) -> None:
        book = getattr(spider, FETCH_BOOK, None)
        if book is not None:
            book.save()

    def process_request(self, request: Request) -> None:
        library = getattr(self.crawler.spider, "library", None)
        if library is None or request.method != "GET" or request.meta.get("no_conditional"):
            return
        known = _known(self.crawler.spider, request)
        if (
            known is None
            or known.sha256 is None
            or not library.archive.path_for(known.sha256).exists()
        ):
            return
        if known.etag:
            request.headers.setdefault(b"If-None-Match", known.etag.encode("latin-1"))
        if known.last_modified:
            request.headers.setdefault(b"If-Modified-Since", known.last_modified.encode("latin-1"))
        request.meta["known_sha256"] = known.sha256
        request.meta["known_content_type"] = known.content_type

    def process_response(self, request: Request, response: Response) -> Response:
        spider = self.crawler.spider
        library = getattr(spider, "library", None)
        if library is None or request.method != "GET":
            return response
        if response.status == 304 and "known_sha256" in request.meta:
            body = library.archive.get(request.meta["known_sha256"])
            if body is not None:
                spider.run.count("not_modified")
                request.meta["not_modified"] = True
                headers = Headers({"Content-Type": request.meta.get("known_content_type") or ""})
                kind = responsetypes.from_args(headers=headers, url=request.url, body=body)
                return kind(
                    url=request.url, status=200, headers=headers, body=body, request=request
                )
        if response.status == 200:
            self._remember(library, spider, request, response)
        return response

    @staticmethod
    def _remember(library: Any, spider: Spider, request: Request, response: Response) -> None:
        sha256 = library.archive.put(response.body)
        book_of(spider).remember(
            Fetched(
                url=request.url,
                source_id=spider.spec.id,
                status=response.status,
                etag=_header(response, b"ETag"),
                last_modified=_header(response, b"Last-Modified"),
                sha256=sha256,
                content_type=kept_content_type(_header(response, b"Content-Type")),
                fetched_at=dt.datetime.now(dt.UTC),
            )
        )


class FetchLookupMiddleware(BaseSpiderMiddleware):
    """Looks up the last fetches of the requests a callback yields, ``LOOKUP_EVERY`` at
    a time, so :class:`ConditionalFetchMiddleware` does not ask once per request."""

    def process_spider_output(self, response: Response | None, result: Iterable[Any]) -> Any:
        batch: list[Request] = []
        for out in result:
            if not _wanted(self.crawler.spider, out):
                yield out
                continue
            batch.append(out)
            if len(batch) >= LOOKUP_EVERY:
                yield from _looked_up(self.crawler.spider, batch)
                batch = []
        yield from _looked_up(self.crawler.spider, batch)

    async def process_spider_output_async(
        self, response: Response | None, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        batch: list[Request] = []
        async for out in result:
            if not _wanted(self.crawler.spider, out):
                yield out
                continue
            batch.append(out)
            if len(batch) >= LOOKUP_EVERY:
                for request in _looked_up(self.crawler.spider, batch):
                    yield request
                batch = []
        for request in _looked_up(self.crawler.spider, batch):
            yield request


FETCH_BOOK = "_fetch_book"
_LOOKED_UP = "fetch_looked_up"  # (url, Known | None): what the database said for that URL


def book_of(spider: Spider) -> FetchBook:
    """The spider's book of fetches (one per crawl)."""
    book = getattr(spider, FETCH_BOOK, None)
    if book is None:
        db = spider.library.db  # type: ignore[attr-defined]
        book = FetchBook(db, spider.spec.id, source_owner(db))  # type: ignore[attr-defined]
        setattr(spider, FETCH_BOOK, book)
    return book


def forget_fetch(spider: Spider, url: str) -> None:
    """Never send ``url`` a conditional request again until it answers something kept
    (:meth:`FetchBook.forget`); nothing when the crawl keeps no fetches."""
    if getattr(spider, "library", None) is not None:
        book_of(spider).forget(url, spider.spec.id)  # type: ignore[attr-defined]


def source_owner(db: Any) -> Callable[[str], str | None]:
    """A source's tenant: the institution that registered it (or, deleted, whose name it
    was registered under), None for the operator's catalogue."""
    registry = Registry(db)

    def owner(source_id: str) -> str | None:
        row = registry.get_source(source_id)
        return row.institution_id if row is not None else registry.namespace_owner(source_id)

    return owner


def _wanted(spider: Spider | None, out: Any) -> bool:
    return (
        isinstance(out, Request)
        and getattr(spider, "library", None) is not None
        and out.method == "GET"
        and not out.meta.get("no_conditional")
    )


def _looked_up(spider: Any, batch: list[Request]) -> list[Request]:
    if batch:
        found = book_of(spider).lookup(r.url for r in batch)
        for request in batch:
            request.meta[_LOOKED_UP] = (request.url, found[request.url])
    return batch


def _known(spider: Any, request: Request) -> Known | None:
    """The request's last fetch: as looked up with its batch (a redirect keeps the meta
    of the URL it came from, so the URL must match), or asked now."""
    looked_up = request.meta.get(_LOOKED_UP)
    if looked_up is not None and looked_up[0] == request.url:
        return looked_up[1]
    return book_of(spider).get(request.url)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
