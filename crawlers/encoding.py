"""Pages as they really are encoded, whatever they declare.

Legacy sites serve ISO-8859-1 pages with ``charset=utf-8`` headers, UTF-8 pages whose
``<meta>`` says ISO-8859-1 (the Diputados SITL does), and HTML with ``Content-Type:
application/pdf``. Scrapy trusts the declarations; this module re-decodes by the bytes
(valid UTF-8 wins, then a declared non-Latin charset, then Windows-1252) so selectors
read ``Díaz`` and not ``DÃ­az``.
"""

from __future__ import annotations

import codecs

from scrapy.http import HtmlResponse, Response, TextResponse

from indexer.extract import sniff_type
from indexer.extract.model import ExtractionError
from indexer.extract.sniff import decode_bytes, sniff_charset


def _name(encoding: str | None) -> str | None:
    try:
        return codecs.lookup(encoding).name if encoding else None
    except LookupError:
        return None


def true_encoding(response: Response) -> str:
    declared = response.encoding if isinstance(response, TextResponse) else None
    _, used = decode_bytes(response.body, declared or sniff_charset(response.body))
    return used


def as_page(response: Response) -> TextResponse | None:
    """The response as a correctly decoded HTML page, or None when it is not HTML."""
    try:
        kind = sniff_type(response.body, _content_type(response), response.url)
    except ExtractionError:
        return None
    if kind != "html":
        return None
    used = true_encoding(response)
    if isinstance(response, TextResponse):
        if _name(response.encoding) == _name(used):
            return response
        return response.replace(encoding=used)
    return HtmlResponse(
        url=response.url, body=response.body, encoding=used, request=response.request
    )


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None
