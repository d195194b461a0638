"""Words with diacritics as people paste them: a query written decomposed (a letter and a
combining mark, as a PDF viewer or a Mac may copy «año», «vergüenza») is the same search
as the one written precomposed, on every store, with the same hits and the same marks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from indexer.build import build_document
from indexer.stores import SearchQuery, Store
from indexer.stores.tantivy_store import TantivyStore


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
    "año:2023",  # a field named with a tilde: no «unknown field an̈o»
]


def test_a_decomposed_query_is_the_precomposed_one(store: Store) -> None:
    for q in QUERIES:
        decomposed = _nfd(q)
        assert decomposed != q
        expected = _answer(store, q)
        assert expected, q
        assert _answer(store, decomposed) == expected, q


def test_a_decomposed_title_is_found_by_its_words(tmp_path: Path) -> None:
    """A listing's title written decomposed is read precomposed (as extracted text is):
    kept decomposed, the analysers cut «año» at its tilde and «vergüenza» at its diaeresis,
    and neither word found the document on any store."""
    fields = {
        "title": _nfd("Sentencia por vergüenza pública del año 2024"),
        "expediente": "Toca 52/2025",
        "ponente": _nfd("Mgda. María Núñez Peña"),
    }
    doc = build_document(
        kind="sentencia",
        source_id="tribunal-api",
        institution="Supremo Tribunal de Justicia del Estado de Jalisco",
        jurisdiction="MX-JAL",
        url="https://tribunal.example.gob.mx/toca/52/file",
        fields=fields,
        text="Se confirma la resolución apelada.",
        origin="api",
    )
    assert doc.title == "Sentencia por vergüenza pública del año 2024"
    store = TantivyStore(tmp_path / "index")
    store.upsert([doc])
    for q in ("vergüenza", "verguenza", '"vergüenza pública"', "año", "titulo:vergüenza"):
        assert ids(store, q) == {doc.id}, q
    assert ids(store, "ponente:Núñez") == {doc.id}


def ids(store: Store, q: str) -> set[str]:
    return {hit.id for hit in store.search(SearchQuery(q=q, limit=10)).hits}
