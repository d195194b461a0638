"""A search answer as plain data, for a caller that only writes it as JSON.

``SearchResult`` reads every hit's stored payload into a ``SearchHit`` and every facet
value into a ``FacetCount``, which the API then writes out again: model objects made
for values that are only written. A ``PlainResult`` holds the very values in dicts and
lists, keyed in the models' fields' order, so that one JSON writer makes the bytes the
models would. The payloads are read by pydantic as a ``SearchHit``'s fields are (the
same types: the same checks, conversions and refusals), into dicts that already hold
every field in order, a missing one at its default (no copy of each hit made after);
a page with a payload it refuses is read as before (``plain_hits`` gives None), and
refused the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, get_type_hints

from pydantic import Field, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from typing_extensions import TypedDict  # pydantic reads it so on Python 3.11

from indexer.models import Kind
from indexer.stores.base import SearchHit

# a field's value as ``SearchHit`` types it; read left to right, not in pydantic's
# "smart" mode (every member tried strictly first): a fifth less of a page's reading, and
# the same value or refusal from JSON, where a string, an array and null each match one
# member only, and no member takes a number or a boolean in either mode
_FieldValue = str | list[str] | None
_Value = Annotated[_FieldValue, Field(union_mode="left_to_right")]


class _Payload(TypedDict):
    """A hit's payload read as ``SearchHit`` reads it (the same fields and types, so the
    same checks and conversions), into a dict of every field in their order: those with
    a default take it when missing (a fresh list or dict for each hit)."""

    id: str
    kind: Kind
    title: str
    date: Annotated[dt.date | None, Field(default=None)]
    url: str
    institution: str
    jurisdiction: str
    # given by the search, in a payload only if written
    score: Annotated[float | None, Field(default=None)]
    highlights: Annotated[list[str], Field(default_factory=list)]
    fields: Annotated[dict[str, _Value], Field(default_factory=dict)]


_PAYLOADS = TypeAdapter(list[_Payload])

# as the model types them (the values' reading mode aside)
_HINTS = {**get_type_hints(_Payload), "fields": dict[str, _FieldValue]}
_EXTRAS = get_type_hints(_Payload, include_extras=True)


def _default(name: str) -> tuple[object, object]:
    """The default and default factory ``_Payload`` gives ``name``, as a field's
    ``FieldInfo`` holds them (a required field: ``PydanticUndefined`` and None)."""
    given = [m for m in getattr(_EXTRAS[name], "__metadata__", ()) if isinstance(m, FieldInfo)]
    return (given[0].default, given[0].default_factory) if given else (PydanticUndefined, None)


if (
    list(SearchHit.model_fields) != list(_HINTS)
    or any(SearchHit.model_fields[name].annotation != hint for name, hint in _HINTS.items())
    or any(
        (field.default, field.default_factory) != _default(name)
        for name, field in SearchHit.model_fields.items()
    )
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
        hits: list[dict[str, Any]] = _PAYLOADS.validate_json(b"[" + b",".join(payloads) + b"]")
    except ValidationError:
        return None
    # set in place: each dict holds every field in its order already
    if scores is not None:
        for hit, score in zip(hits, scores, strict=True):
            hit["score"] = score
    if highlights is not None:
        for hit, lit in zip(hits, highlights, strict=True):
            hit["highlights"] = list(lit)
    return hits


def plain_facets(kept: Sequence[tuple[str, Sequence[tuple[str, int]]]]) -> dict[str, list]:
    """Kept facets (the native counter's ``(value, count)`` pairs: a string and an
    integer) as ``FacetCount``'s dumps, by facet."""
    return {name: [{"value": value, "count": n} for value, n in pairs] for name, pairs in kept}
