"""A long phrase is counted on its terms without their positions only when that finds
the very documents the phrase finds: whichever way the counts were made, the total and
every facet count are those of the documents that hold the phrase itself."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from indexer.query import parse_query
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import (
    TantivyStore,
    compile_loose,
    compile_node,
    counting_helpers,
    with_filters,
)
from tests.stores.corpus import LONG, corpus, phrase_corpus, sentencia
from tests.stores.test_phrase_pairs import by_positions

# the phrase's words apart, in the only document that says "regional"; a set phrase
# whose words are never apart
MORE = [
    sentencia(950, f"Ante la sala regional: interés superior de {LONG} la niñez.",
              "Sala Regional", "administrativa", dt.date(2023, 2, 1)),
    sentencia(960, "Vale la cláusula compromisoria arbitral internacional.",
              "Sala Mercantil", "mercantil", dt.date(2023, 2, 2)),
    sentencia(961, "Nula la cláusula compromisoria arbitral internacional.",
              "Sala Civil", "civil", dt.date(2023, 2, 3)),
]  # fmt: skip
DOCS = {doc.id: doc for doc in [*corpus(), *phrase_corpus(), *MORE]}
FACETS = ["kind", "matter", "court"]
QUESTIONS = [
    # sen-909 holds these words in order, a dropped word between two of them
    '"interés superior de la niñez"',
    # sen-905 holds "pago del" and "del daño", apart
    '"pago del daño"',
    '"cláusula compromisoria arbitral internacional"',
    '"cláusula compromisoria arbitral internacional" OR "interés superior de la niñez"',
    '"cláusula compromisoria arbitral internacional" -"interés superior de la niñez"',
    '"pago del daño moral"',
    '"del saldo y el daño"',
    '"daño moral"~2',
    'text:"interés superior de la niñez"',
    '"interés superior de la niñez" OR "pago del daño"',
    'niñez -"interés superior de la niñez"',
    '"pago del daño" OR (regional -"interés superior de la niñez")',
    '-"pago del daño"',
    '-"interés superior de la niñez"',
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TantivyStore:
    store = TantivyStore(tmp_path_factory.mktemp("loose") / "index")
    assert not store.upsert(DOCS.values()).errors
    return store


def expected_facets(ids: set[str]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for doc_id in ids:
        for name in FACETS:
            value = getattr(DOCS[doc_id], name, None)
            if value:
                counts[name][str(value)] += 1
    return {name: dict(found) for name, found in counts.items() if found}


def answered(store: TantivyStore, query: SearchQuery) -> tuple[int, dict[str, dict[str, int]]]:
    result = store.search(query)
    facets = {n: {f.value: f.count for f in v} for n, v in result.facets.items() if v}
    return result.total, facets


@pytest.mark.parametrize("busy", [False, True], ids=["helper", "inline"])
@pytest.mark.parametrize("q", QUESTIONS)
def test_totals_and_facets_are_those_of_the_phrase(store: TantivyStore, q: str, busy: bool) -> None:
    query = SearchQuery(q=q, facets=FACETS, facet_size=50, limit=3)
    ids = by_positions(store, query)
    helpers = counting_helpers()
    taken = 0
    while busy and helpers.free.acquire(blocking=False):  # every helper busy
        taken += 1
    try:
        assert answered(store, query) == (len(ids), expected_facets(ids))
        # the question asked again another way (remembered or not), and its next page
        again = query.model_copy(update={"facets": FACETS[::-1]})
        assert answered(store, again) == (len(ids), expected_facets(ids))
        first = store.search(again)
        if first.next_cursor:
            following = again.model_copy(update={"cursor": first.next_cursor})
            assert answered(store, following) == (len(ids), expected_facets(ids))
    finally:
        for _ in range(taken):
            helpers.free.release()


def test_the_documents_holding_the_words_apart_are_not_counted(store: TantivyStore) -> None:
    query = SearchQuery(q='"interés superior de la niñez"', facets=FACETS, facet_size=50)
    result = store.search(query)
    assert {hit.id for hit in result.hits} == {"sen-002", "sen-910"}
    assert result.total == 2 and "Sala Regional" not in {f.value for f in result.facets["court"]}
    assert sum(f.count for f in result.facets["kind"]) == 2


@pytest.mark.parametrize("q", QUESTIONS)
def test_the_loose_question_finds_every_document_the_question_finds(
    store: TantivyStore, q: str
) -> None:
    """What the counts may be taken from instead: never fewer documents (a phrase under
    a NOT stays whole: loose there, it would leave out documents the question finds)."""
    searcher = store.index.searcher()
    query = SearchQuery(q=q, filters={"kind": ["sentencia"]})
    tree = parse_query(q)
    loose = compile_loose(store.schema, tree, searcher)
    if loose is None:
        return
    exact = with_filters(store.schema, compile_node(store.schema, tree), query)
    wider = with_filters(store.schema, loose, query)
    found = {address.doc for _, address in searcher.search(exact, limit=1000).hits}
    assert found <= {address.doc for _, address in searcher.search(wider, limit=1000).hits}
