"""Answers and counts the embedded store keeps (as bytes and tuples, not models) come back
exactly as they were first given: the same values, the same fields given (a date-sorted
hit has no score), page after page; and each caller's answer is its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.stores import SearchQuery, SearchResult
from indexer.stores.tantivy_store import TantivyStore

QUESTIONS = [
    SearchQuery(q="amparo", limit=7),
    SearchQuery(q='"daño moral" OR fraude', limit=5, facet_size=3),
    SearchQuery(q="constitu*", limit=6, facets=["year", "kind", "matter"]),
    SearchQuery(q="reforma", sort="date_desc", limit=9),
    SearchQuery(filters={"kind": ["sentencia"]}, sort="date_asc", limit=8, highlight=False),
    SearchQuery(q="pensión", facets=[], limit=4),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kept") / "index"
    writer = TantivyStore(path, native=False)
    assert not writer.upsert(list(LegalCorpus(400, seed=11))).errors
    writer.close()
    return path


def exactly(result: SearchResult) -> tuple[str, str, list[list[str]]]:
    """Everything a caller can tell apart: the values, and which fields were given."""
    given = [sorted(hit.model_fields_set) for hit in result.hits]
    return result.model_dump_json(), repr(result), given


def pages(store: TantivyStore, query: SearchQuery) -> list[tuple[str, str, list[list[str]]]]:
    """Every page of ``query`` (at most five), each as ``exactly`` sees it."""
    seen = []
    for _ in range(5):
        result = store.search(query)
        seen.append(exactly(result))
        if result.next_cursor is None:
            break
        query = query.model_copy(update={"cursor": result.next_cursor})
    return seen


@pytest.mark.parametrize("native", [True, False])
@pytest.mark.parametrize("query", QUESTIONS, ids=[str(n) for n in range(len(QUESTIONS))])
def test_a_kept_answer_is_the_answer_first_given(
    folder: Path, native: bool, query: SearchQuery
) -> None:
    """Asked again (the page cache) and paged on after the first page (the count
    cache), a question gets what a store that keeps nothing yet gives."""
    store = TantivyStore(folder, native=native)
    first = pages(store, query)
    assert '"hits":[]' not in first[0][0]
    assert pages(store, query) == first
    assert pages(TantivyStore(folder, native=native), query) == first


def test_changing_a_kept_answer_changes_no_other(folder: Path) -> None:
    """A caller that changes its answer (its hits, their highlights, its facets) changes
    neither the answer kept nor what the next caller is given."""
    store = TantivyStore(folder)
    query = SearchQuery(q="amparo", limit=3)
    before = exactly(store.search(query))
    for mine in (store.search(query), store.search(query)):
        mine.hits[0].title = "cambiado"
        mine.hits[0].highlights.append("cambiado")
        mine.facets["kind"][0].count = -1
        mine.facets["kind"].clear()
        mine.hits.clear()
    assert exactly(store.search(query)) == before
    following = query.model_copy(update={"cursor": store.search(query).next_cursor})
    assert exactly(store.search(following)) == exactly(TantivyStore(folder).search(following))


@pytest.mark.parametrize("native", [True, False])
def test_counts_kept_serve_every_sort_of_the_question(
    folder: Path, native: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader who sorts a search by date after reading it by relevance (or asks it
    without highlights) is given the counts already made: nothing is counted again,
    and the counts are those a store that keeps nothing gives."""
    from indexer.stores.tantivy_native import NativeReader

    counted: list[str] = []
    search, counts = NativeReader.search, TantivyStore._counts

    def native_search(reader: NativeReader, *args: object, **kwargs: object) -> object:
        if kwargs.get("aggs"):
            counted.append("native")
        return search(reader, *args, **kwargs)

    def py_counts(store: TantivyStore, *args: object) -> object:
        counted.append("tantivy-py")
        return counts(store, *args)

    monkeypatch.setattr(NativeReader, "search", native_search)
    monkeypatch.setattr(TantivyStore, "_counts", py_counts)
    store = TantivyStore(folder, native=native)
    first = SearchQuery(q="amparo", filters={"kind": ["sentencia"]}, limit=5)
    store.search(first)
    assert len(counted) == 1
    for other in (
        first.model_copy(update={"sort": "date_desc"}),
        first.model_copy(update={"sort": "most_cited", "highlight": False}),
        first.model_copy(update={"limit": 9, "sort": "date_asc"}),
    ):
        kept = store.search(other)
        fresh = TantivyStore(folder, native=native).search(other)
        assert (kept.total, kept.facets) == (fresh.total, fresh.facets)
        assert exactly(kept) == exactly(fresh)
    assert len(counted) == 1 + 3  # each fresh store counted its own, the first none again
