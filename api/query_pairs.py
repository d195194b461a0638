"""A request's query string read into pairs once, for every layer that reads it.

The check of repeated and unknown parameters (``single_values``) and the search's own
reading (``search_route``) both need the pairs; Starlette would parse the query string
again for each ``Request`` made of the scope. The pairs are kept in the scope, beside
the query string they were read from, and read exactly as Starlette's ``QueryParams``
reads them (``parse_qsl``, latin-1, blank values kept)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

_KEY = "abierto.query_pairs"


def query_pairs(scope: dict[str, Any]) -> list[tuple[str, str]]:
    """The scope's query string as ``(name, value)`` pairs, in order; parsed at the first
    call for this query string, the same list after (callers must not change it)."""
    query_string = scope.get("query_string", b"")
    kept = scope.get(_KEY)
    if kept is not None and kept[0] is query_string:
        return kept[1]
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    scope[_KEY] = (query_string, pairs)
    return pairs
