"""A page whose ``<base href>`` cannot be parsed at all (``http://[::1/``,
``http://h:99999/``) has that tag put out of the way before anything reads it. Scrapy
reads the base of every page (the meta-refresh check, every ``response.css``) and raises
on such a tag: the page was lost as a network error, or its callback failed with a
traceback and every document on it was lost. A browser falls back to the page's own
address for a base it cannot parse; so does the crawl, as ``page_base`` does for a base
that is no web address."""

from __future__ import annotations

import re
from typing import TypeVar, cast

from scrapy.http import HtmlResponse, Response
from scrapy.utils.response import get_base_url

# Scrapy reads the base from the first 4096 characters of the text: at most four bytes
# each in the encodings web pages use
_SCAN_BYTES = 4 * 4096
_BASE_TAG = re.compile(rb"<base(?=[\s/>])", re.I)
_RENAMED = b"<ignored-base"
Page = TypeVar("Page", bound=Response)


def _unreadable_base(response: HtmlResponse) -> bool:
    try:
        get_base_url(response)
    except ValueError:  # UnicodeError included
        return True
    return False


def readable_base(response: Page) -> Page:
    """The page with every ``<base`` tag near its top renamed when its base cannot be
    parsed, so its links are read against its own address; otherwise the page itself."""
    # an HTML page only: Scrapy reads the base of those anyway (the meta-refresh check),
    # where a JSON or XML answer would be decoded for nothing
    if not isinstance(response, HtmlResponse) or not _unreadable_base(response):
        return response
    head = response.body[:_SCAN_BYTES]
    renamed = _BASE_TAG.sub(_RENAMED, head)
    if renamed == head:  # an encoding whose bytes do not spell "<base" (UTF-16)
        return response
    fixed = cast(Page, response.replace(body=renamed + response.body[_SCAN_BYTES:]))
    return response if _unreadable_base(fixed) else fixed


class UnreadableBaseMiddleware:
    """``readable_base`` for every page the crawl downloads or rebuilds from the archive
    on a 304. Ordered before Scrapy's meta-refresh check (which raises on such a tag),
    after decompression (which gives the text) and after the conditional fetch (whose
    rebuilt page, archived by an older crawl, may hold the tag as the site wrote it)."""

    def process_response(self, request: object, response: Response) -> Response:
        return readable_base(response)
