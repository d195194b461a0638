"""A phrase between doubled straight quotes, as a spreadsheet cell or a CSV file writes
it (``""daño moral""``, three quotes each side too), is the phrase on every store; read
quote by quote it was an empty phrase, the words in any order and another empty phrase
(«moral daño» found «daño moral»). A phrase inside a phrase is a clear error, not loose
words."""

from __future__ import annotations

import pytest

from indexer.query import Phrase, QuerySyntaxError, parse_query
from indexer.stores import SearchQuery, Store


def ids(store: Store, q: str) -> set[str]:
    return {hit.id for hit in store.search(SearchQuery(q=q, limit=100)).hits}


def test_doubled_quotes_make_a_phrase(store: Store) -> None:
    for quotes in ('""', '"""'):
        assert ids(store, f"{quotes}daño moral{quotes}") == {"sen-001"}, quotes
        assert ids(store, f"{quotes}moral daño{quotes}") == set(), quotes
    assert ids(store, '""pensión definitiva""~1') == {"sen-002"}


def test_doubled_quotes_parse_as_one_phrase() -> None:
    assert parse_query('""daño moral""') == Phrase("daño moral")
    assert parse_query('"""daño moral"""~2') == Phrase("daño moral", 2)
    assert parse_query('"daño""moral"') != Phrase("daño moral")  # two phrases, as before


def test_a_phrase_inside_a_phrase_is_refused() -> None:
    with pytest.raises(QuerySyntaxError) as error:
        parse_query('""daño moral" causado"~2')
    assert "una frase no puede llevar otra dentro" in error.value.mensaje
    with pytest.raises(QuerySyntaxError) as error:  # one pair opened, one quote closing
        parse_query('""daño moral"')
    assert "falta cerrar las comillas" in error.value.mensaje
