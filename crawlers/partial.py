"""A ``206 Partial Content`` the crawl never asked for. Scrapy takes every 2xx as the
answer, so a site (or a cache in front of it) that sends part of a file to a request
without ``Range`` had that part saved as the whole: a page cut after its first lines
became a document of a paragraph, a PDF's first half read as a damaged file. The crawl
never asks for a range; a 206 is kept only when its ``Content-Range`` spans the whole
representation, else it is a counted error saying which part came."""

from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

PARTIAL = "HTTP 206 (partial content) to a request that asked for no range"
"""How the refusal starts (read back by ``crawlers.failures`` and ``crawlers.causas``)."""
_RANGE = re.compile(rb"\s*bytes\s+(\d{1,19})-(\d{1,19})/(\d{1,19}|\*)\s*$", re.I)


def sent_part(content_range: bytes | None, received: int | None = None) -> str | None:
    """Which part of the file a 206 sent, in words, when it is not the whole file; None
    when it is: ``bytes 0-N/N+1``, and that many bytes ``received`` when they are known
    (a chunked body has no Content-Length to hold it to)."""
    found = _RANGE.match(content_range or b"")
    if found is None:
        return "with no Content-Range saying which part"
    first, last, complete = found.groups()
    whole = complete != b"*" and int(first) == 0 and int(last) + 1 == int(complete)
    if whole and received in (None, int(complete)):
        return None
    of = "an unknown size" if complete == b"*" else f"{int(complete)}"
    return f"bytes {int(first)}-{int(last)} of {of}"


class UnaskedPartialMiddleware:
    """Refuses a 206 that is not the whole file, for every request of every shape (pages,
    feeds, sitemaps, API pages and files all come through the downloader). Placed next to
    the download, before decompression: a part is never inflated. (A preview's or the
    alignment's own fetch, ``crawlers.fetch``, refuses it the same way.)"""

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status != 206 or b"Range" in request.headers:
            return response
        part = sent_part(response.headers.get(b"Content-Range"), len(response.body))
        if part is None:
            return response
        raise IgnoreRequest(f"{PARTIAL}: {part}")
