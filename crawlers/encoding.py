"""Pages as they really are encoded, whatever they declare.

Legacy sites serve ISO-8859-1 pages with ``charset=utf-8`` headers, UTF-8 pages whose
``<meta>`` says ISO-8859-1 (the Diputados SITL does), and HTML with ``Content-Type:
application/pdf``. Scrapy trusts the declarations; this module re-decodes by the bytes
so selectors read ``Díaz`` and not ``DÃ­az``, in the order of
:func:`indexer.extract.sniff.decode_guessed`: a byte-order mark the bytes agree with (a
stray one is dropped), UTF-16 markup without a mark, valid UTF-8, the first declaration
(header, then ``<meta>``) that decodes cleanly among the charsets browsers know (Python's
own codecs, EBCDIC and UTF-7 are ignored), mostly UTF-8 with stray Windows-1252 bytes,
and last the single-byte code page that reads the bytes as Spanish (Windows-1252, DOS 850,
Mac OS Roman; a declared one first).
"""

from __future__ import annotations

import codecs
from weakref import WeakKeyDictionary

from scrapy.http import HtmlResponse, Response, TextResponse

from indexer.extract import sniff_type
from indexer.extract.model import ExtractionError
from indexer.extract.sniff import (
    BOMS,
    charset_from_content_type,
    decode_declared,
    sniff_charset,
)


def _name(encoding: str | None) -> str | None:
    try:
        return codecs.lookup(encoding).name if encoding else None
    except LookupError:
        return None


# A page's charset is read by decoding its whole body: once per response (``as_page``
# and the detail page's build order both ask for it)
_FOUND: WeakKeyDictionary[Response, str] = WeakKeyDictionary()


def true_encoding(response: Response) -> str:
    """The charset the body really uses, by the order the module's docstring gives."""
    used = _FOUND.get(response)
    if used is None:
        header = charset_from_content_type(content_type(response))
        _, used = decode_declared(response.body, (header, sniff_charset(response.body)))
        _FOUND[response] = used
    return used


def as_page(response: Response) -> TextResponse | None:
    """The response as a correctly decoded HTML page, or None when it is not HTML."""
    try:
        kind = sniff_type(response.body, content_type(response), response.url)
    except ExtractionError:
        return None
    if kind != "html":
        return None
    used = true_encoding(response)
    body = _without_stray_bom(response.body, used)
    if isinstance(response, HtmlResponse):
        if _name(response.encoding) == _name(used) and body is response.body:
            return response
        return response.replace(encoding=used, body=body)
    if isinstance(response, TextResponse):  # a JSON or XML answer that is a page: read as HTML
        return response.replace(cls=HtmlResponse, encoding=used, body=body)
    return HtmlResponse(url=response.url, body=body, encoding=used, request=response.request)


def _without_stray_bom(body: bytes, used: str) -> bytes:
    """Scrapy decodes by a BOM before any declared encoding: drop one the bytes deny."""
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return body if _name(encoding) == _name(used) else body[len(bom) :]
    return body


def content_type(response: Response) -> str | None:
    """The answer's Content-Type as the site sent it, or None."""
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None
