"""A query is read in NFC (a decomposed «año» is the word «año»), but its errors point at
the character the person typed: a decomposed letter is one character fewer in NFC, and a
few characters are more (U+FB2C is three), so the error pointed before its place, or past
the query's end. Each case names the character the error is about."""

from __future__ import annotations

import pytest

from indexer.query.parser import QuerySyntaxError, parse_query

DECOMPOSED = "an\u0303o"  # «año» as n + combining tilde
EXPANDING = "\ufb2c"  # three code points in NFC (a composition exclusion)


@pytest.mark.parametrize(
    ("query", "points_at"),
    [
        (f"{DECOMPOSED} )", ")"),
        (f"{DECOMPOSED} {DECOMPOSED} AND", "AND"),
        (f"{DECOMPOSED} tipo:xx", "tipo:xx"),
        (f'{DECOMPOSED} "daño', '"daño'),
        (f"{EXPANDING} )", ")"),
        (f"{EXPANDING * 3} OR", "OR"),
    ],
)
def test_an_error_points_at_what_was_typed(query: str, points_at: str) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query(query)
    at = raised.value.position
    assert 0 <= at <= len(query)
    assert query[at:] == points_at, (query, at)
    assert f"(at character {at + 1})" in str(raised.value)


def test_a_query_in_nfc_is_still_read_as_before() -> None:
    assert parse_query(DECOMPOSED) == parse_query("año")
