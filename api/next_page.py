"""The address of an answer's next page: the request's own with ``cursor`` replaced.

Starlette's ``request.url.include_query_params`` makes it by building the whole URL
(host header read, URL joined and split three times, the parameters copied into two
multidicts) for a path and a query string the scope already holds: a tenth of a
millisecond of every answer that has a next page, most of them. Here the query string is
read and written by the same functions Starlette calls (``parse_qsl``, ``urlencode``'s
``quote_plus``), a pair already written as they would write it kept as it is, so the
address is the same to the byte; a path or query a URL would split or clean otherwise
(``#``, tabs, line breaks, a path that is no plain path) is made the Starlette way.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote_plus

from starlette.requests import Request

# a name=value pair that parse_qsl reads and quote_plus writes back unchanged
_PLAIN_PAIR = re.compile(r"[A-Za-z0-9_.\-~]+=[A-Za-z0-9_.\-~]*")
_PLAIN_PATH = re.compile(r"/(?!/)[A-Za-z0-9_.\-~/]*")
# what urlsplit would take as a fragment or strip from a URL
_SPLIT = re.compile(r"[#\t\r\n]")


def next_page_url(request: Request, cursor: str) -> str:
    """``{path}?{query}`` of ``request`` with ``cursor=`` as its last parameter, as
    ``request.url.include_query_params(cursor=cursor)`` writes it."""
    scope = request.scope
    path = scope["path"]
    query = scope.get("query_string", b"").decode()
    if not _PLAIN_PATH.fullmatch(path) or _SPLIT.search(query):
        url = request.url.include_query_params(cursor=cursor)
        return f"{url.path}?{url.query}"
    written = []
    for piece in query.split("&"):
        if not piece:
            continue
        if _PLAIN_PAIR.fullmatch(piece):
            if not piece.startswith("cursor="):
                written.append(piece)
            continue
        for name, value in parse_qsl(piece, keep_blank_values=True):
            if name != "cursor":
                written.append(f"{quote_plus(name)}={quote_plus(value)}")
    written.append(f"cursor={quote_plus(cursor)}")
    return f"{path}?{'&'.join(written)}"
