"""A search's fingerprint (what its cursors are bound to) is the digest every version
made: a cursor handed out before an upgrade still pages on after it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from indexer.stores import SearchQuery


def digest_as_first_defined(query: SearchQuery) -> str:
    data = query.model_dump(mode="json", exclude={"cursor", "limit"})
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


QUESTIONS = [
    SearchQuery(),
    SearchQuery(q="amparo"),
    SearchQuery(q='"interés superior de la niñez" AND NOT laboral', sort="date_asc"),
    SearchQuery(
        q="pensión",
        filters={"matter": ["familiar", "civil"], "kind": ["sentencia"]},
        date_from=dt.date(1990, 1, 1),
        date_to=dt.date(2261, 12, 31),
        facets=["year", "kind"],
        facet_size=200,
        highlight=False,
        limit=7,
        cursor="abc",
    ),
    SearchQuery(q='ñ \u2028 "\\ </script>', facets=[], sort="most_cited"),
    # values a caller set unchecked (``model_copy``): digested as pydantic dumps them
    SearchQuery(q="x").model_copy(update={"facets": ("kind", "year")}),
    SearchQuery(q="x").model_copy(update={"filters": {"kind": ("sentencia",)}}),
]


@pytest.mark.parametrize("query", QUESTIONS, ids=[str(n) for n in range(len(QUESTIONS))])
def test_the_fingerprint_is_the_digest_first_defined(query: SearchQuery) -> None:
    assert query.fingerprint() == digest_as_first_defined(query)


def test_the_page_is_not_part_of_the_question() -> None:
    asked = SearchQuery(q="amparo", limit=5)
    assert asked.model_copy(update={"limit": 50, "cursor": "x"}).fingerprint() == (
        asked.fingerprint()
    )
    assert asked.model_copy(update={"sort": "date_desc"}).fingerprint() != asked.fingerprint()
