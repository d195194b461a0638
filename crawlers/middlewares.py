"""Downloader middlewares: refuse forbidden addresses; make re-crawls conditional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from crawlers.addresses import BlockedAddress, check_url
from indexer.db import FetchRow


class AddressGuardMiddleware:
    """Every request, redirects and robots.txt included, passes this check."""

    def __init__(self, allow_loopback: bool) -> None:
        self.allow_loopback = allow_loopback

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        return cls(crawler.settings.getbool("ABIERTO_ALLOW_LOOPBACK"))

    def process_request(self, request: Request) -> None:
        try:
            check_url(request.url, self.allow_loopback)
        except BlockedAddress as exc:
            raise IgnoreRequest(f"blocked address: {exc}") from exc


class ConditionalFetchMiddleware:
    """Sends ETag/Last-Modified validators from the last fetch of a URL; on 304 it hands
    the spider the archived body, marked ``not_modified``, so nothing is downloaded
    again and nothing is lost. New bodies are archived and their validators kept."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ConditionalFetchMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        library = getattr(self.crawler.spider, "library", None)
        if library is None or request.method != "GET" or request.meta.get("no_conditional"):
            return
        known = library.db.get_fetch(request.url)
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

    def process_response(self, request: Request, response: Response) -> Response:
        spider = self.crawler.spider
        library = getattr(spider, "library", None)
        if library is None or request.method != "GET":
            return response
        if response.status == 304 and "known_sha256" in request.meta:
            known = library.db.get_fetch(request.url)
            body = library.archive.get(request.meta["known_sha256"])
            if known is not None and body is not None:
                spider.run.count("not_modified")
                request.meta["not_modified"] = True
                headers = Headers({"Content-Type": known.content_type or ""})
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
        library.db.save_fetch(
            FetchRow(
                url=request.url,
                source_id=spider.spec.id,
                status=response.status,
                etag=_header(response, b"ETag"),
                last_modified=_header(response, b"Last-Modified"),
                sha256=sha256,
                content_type=_header(response, b"Content-Type"),
                fetched_at=dt.datetime.now(dt.UTC),
            )
        )


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
