"""A search answer as plain data, for a caller that only writes it as JSON.

``SearchResult`` reads every hit's stored payload into a ``SearchHit`` and every facet
value into a ``FacetCount``, which the API then writes out again: model objects made
for values that are only written. A ``PlainResult`` holds the very values in dicts and
lists, keyed in the models' fields' order, so that one JSON writer makes the bytes the
models would. The payloads are read by pydantic as a ``SearchHit``'s fields are (the
same types: the same checks, conversions and refusals), into dicts; a page with a
payload it refuses is read as before (``plain_hits`` gives None), and refused the same
way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NotRequired, get_type_hints

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict  # pydantic reads it so on Python 3.11

from indexer.models import Kind
from indexer.stores.base import SearchHit


class _Payload(TypedDict):
    """A hit's payload read as ``SearchHit`` reads it (the same fields and types, so the
    same checks and conversions), into a dict; those with a default may be missing."""

    id: str
    kind: Kind
    title: str
    date: NotRequired[dt.date | None]
    url: str
    institution: str
    jurisdiction: str
    score: NotRequired[float | None]  # given by the search, in a payload only if written
    highlights: NotRequired[list[str]]
    fields: NotRequired[dict[str, str | list[str] | None]]


_PAYLOADS = TypeAdapter(list[_Payload])

_HINTS = get_type_hints(_Payload)
_DEFAULTS = {"date": None, "score": None}
_MADE = {"highlights": list, "fields": dict}
if (
    list(SearchHit.model_fields) != list(_HINTS)
    or any(SearchHit.model_fields[name].annotation != hint for name, hint in _HINTS.items())
    or any(SearchHit.model_fields[name].default is not d for name, d in _DEFAULTS.items())
    or any(SearchHit.model_fields[name].default_factory is not f for name, f in _MADE.items())
    or SearchHit.model_config.get("extra")
):
    raise TypeError("a plain hit is read as SearchHit reads it, in its fields' order")


@dataclass(frozen=True, slots=True)
class PlainResult:
    """``SearchResult``'s values as plain data its JSON holds (the caller's own: fresh
    dicts and lists for each call)."""

    total: int
    hits: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]]
    next_cursor: str | None


def plain_hits(
    payloads: Sequence[bytes],
    scores: Sequence[float | None] | None,
    highlights: Sequence[Sequence[str]] | None,
) -> list[dict[str, Any]] | None:
    """The hits of a page as dicts of ``SearchHit``'s fields in their order, each value
    as the model holds it, read from their payloads in one call; None when a payload is
    refused (it is then validated as a ``SearchHit``, and refused the same way)."""
    try:
        read = _PAYLOADS.validate_json(b"[" + b",".join(payloads) + b"]")
    except ValidationError:
        return None
    return [
        {
            "id": payload["id"],
            "kind": payload["kind"],
            "title": payload["title"],
            "date": payload.get("date"),
            "url": payload["url"],
            "institution": payload["institution"],
            "jurisdiction": payload["jurisdiction"],
            "score": scores[n] if scores is not None else payload.get("score"),
            "highlights": (
                list(highlights[n]) if highlights is not None else payload.get("highlights", [])
            ),
            "fields": payload.get("fields", {}),
        }
        for n, payload in enumerate(read)
    ]


def plain_facets(kept: Sequence[tuple[str, Sequence[tuple[str, int]]]]) -> dict[str, list]:
    """Kept facets (the native counter's ``(value, count)`` pairs: a string and an
    integer) as ``FacetCount``'s dumps, by facet."""
    return {name: [{"value": value, "count": n} for value, n in pairs] for name, pairs in kept}
