"""Words with diacritics as people paste them: a query written decomposed (a letter and a
combining mark, as a PDF viewer or a Mac may copy «año», «vergüenza») is the same search
as the one written precomposed, on every store, with the same hits and the same marks."""

from __future__ import annotations

import unicodedata

from indexer.stores import SearchQuery, Store


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _answer(store: Store, q: str) -> list[tuple[str, list[str]]]:
    result = store.search(SearchQuery(q=q, limit=100))
    return sorted((hit.id, hit.highlights) for hit in result.hits)


QUERIES = [
    "daño",
    '"daño moral"',
    "niñez",
    "pensión alimenticia",
    '"pensión definitiva"~1',
    "niñ*",
    'tribunal:"Juzgado Primero Civil de León" prescripción',
    "(robo OR pensión) AND niñez",
    "daño NOT material",
]


def test_a_decomposed_query_is_the_precomposed_one(store: Store) -> None:
    for q in QUERIES:
        decomposed = _nfd(q)
        assert decomposed != q
        expected = _answer(store, q)
        assert expected, q
        assert _answer(store, decomposed) == expected, q
