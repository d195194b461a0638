"""A question that is one prefix alone (``constitu*``) ranks first the documents with it
in the title and the text: its pages are the same whether they are found among those
or by scoring every document that has the prefix."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore, compile_search
from tests.stores.corpus import sentencia

WORDS = ["constitución", "constitucional", "Constituyente", "constitucionalidad"]


def library() -> list:
    docs = []
    for n in range(60):
        word = WORDS[n % len(WORDS)]
        text = f"Resolución {n} sobre la materia {word}." if n % 3 else f"Resolución {n}."
        doc = sentencia(100 + n, text, "Sala Civil", "civil", dt.date(2023, 1, 1 + n % 28))
        title = f"Juicio {word} {n}" if n % 2 else f"Juicio {n}"
        docs.append(doc.model_copy(update={"title": title}))
    return docs


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TantivyStore:
    store = TantivyStore(tmp_path_factory.mktemp("prefix") / "index")
    assert not store.upsert(library()).errors
    return store


def reference(store: TantivyStore, query: SearchQuery, offset: int) -> list[tuple[str, float]]:
    """The page as the whole question ranks it, every matching document scored."""
    searcher = store.index.searcher()
    full = compile_search(store.schema, query)
    found = searcher.search(full, limit=query.limit, offset=offset).hits
    return [(searcher.doc(address)["id"][0], score) for score, address in found]


@pytest.mark.parametrize("q", ["constitu*", "constituc*", "const*", "juicio constitu*"])
@pytest.mark.parametrize("limit", [3, 7, 40])
def test_every_page_of_a_prefix_is_the_whole_questions_page(
    store: TantivyStore, q: str, limit: int
) -> None:
    query = SearchQuery(q=q, limit=limit)
    cursor, offset, seen = None, 0, []
    while True:
        page = store.search(query.model_copy(update={"cursor": cursor}))
        assert [(hit.id, hit.score) for hit in page.hits] == reference(store, query, offset)
        seen += [hit.id for hit in page.hits]
        if page.next_cursor is None:
            break
        cursor, offset = page.next_cursor, offset + limit
    assert len(seen) == len(set(seen)) == page.total


def test_the_documents_with_the_prefix_in_title_and_text_come_first(store: TantivyStore) -> None:
    page = store.search(SearchQuery(q="constitu*", limit=10))
    both = [f"sen-{100 + n:03d}" for n in range(60) if n % 2 and n % 3]
    assert len(page.hits) == 10 and {hit.id for hit in page.hits} <= set(both)
    assert all(hit.score == 2.0 for hit in page.hits)
