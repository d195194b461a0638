"""A compressed answer whose data stops before its compressed stream ends: an honest
``Content-Length`` for bytes a proxy or a failing server cut mid-stream. Scrapy's gunzip
is "resilient" (it gives back whatever inflated) and zlib and brotli say nothing when
the input just stops, so such a page (or file) was kept cut as if whole, its end lost
without a word. Before decompression, each compressed answer is decoded once, a bounded
piece at a time and up to the download size limit, to see that its stream ends; one
that does not is a counted ``cut_short`` naming its coding (a gzip member after the
first too: Scrapy's gunzip kept what came before its cut), and a gzip answer of more
members than its bytes warrant a counted ``malformed_answer``. (A preview's fetch,
``crawlers.fetch``, refuses it the same way.)

The header is then rewritten to the codings checked, for Scrapy's decompression to undo
the same: ``identity``, names no one knows and empty ones passed through (as httpx and
browsers do), every header line read. Scrapy stopped at the first coding it did not
know, counting from the last: ``deflate, identity`` was kept compressed (read as binary
data) and a gzip bomb declared ``gzip, identity`` went undone past its limit."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from crawlers.causas import CODING_CUT
from crawlers.content_coding import CodingError, Decoder, PastLimit, TooManyMembers

MARK = CODING_CUT.split("(", 1)[0]
"""How the refusal starts (read back by ``crawlers.failures``)."""


class CodingCutMiddleware:
    """Placed next to the download, before decompression (590): the bytes as sent."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize

    @classmethod
    def from_crawler(cls, crawler: object) -> CodingCutMiddleware:
        return cls(crawler.settings.getint("DOWNLOAD_MAXSIZE"))  # type: ignore[attr-defined]

    def process_response(self, request: Request, response: Response) -> Response:
        lines = response.headers.getlist(b"Content-Encoding")
        if not lines:
            return response
        decoder = Decoder(b", ".join(lines).decode("latin-1"), self._limit(request))
        if decoder.undone():
            response.headers[b"Content-Encoding"] = decoder.undone().encode("latin-1")
        else:
            del response.headers[b"Content-Encoding"]
        if not response.body:
            return response
        return self._checked(request, response, decoder)

    def _limit(self, request: Request) -> int:
        return int(request.meta.get("download_maxsize", self.maxsize) or 0)

    def _checked(self, request: Request, response: Response, decoder: Decoder) -> Response:
        """``response`` when its codings are whole (the decompression's own limits speak
        for one past them); an ``IgnoreRequest`` saying why not otherwise."""
        limit = self._limit(request)
        if (refused := decoder.too_many()) is not None:
            raise IgnoreRequest(refused)
        read = 0
        try:
            for piece in decoder.decode(response.body):
                read += len(piece)
                if limit and read > limit:  # the decompression's own limit speaks then
                    return response
        except CodingError:  # not the coding it declares: the decompression says so
            return response
        except PastLimit:  # a coding of the stack past the limit: the decompression's own
            return response  # limit (at each coding too) speaks then
        except TooManyMembers as exc:  # before Scrapy's gunzip spends a minute on them
            raise IgnoreRequest(str(exc)) from exc
        unfinished = decoder.unfinished()
        if unfinished is not None:
            raise IgnoreRequest(CODING_CUT.format(coding=unfinished))
        return response
