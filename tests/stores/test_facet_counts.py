"""The embedded store's facets are exact: on a varied library (three kinds of documents,
values missing, more values than a facet shows, ties, several segments) every count
shown is the number of matching documents with that value, the values shown are the
most frequent ones, and a document without a value is counted nowhere."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
from collections import Counter
from typing import Any

import pytest
import tantivy

from indexer.models import Legislativo, Sentencia, Sesion
from indexer.stores import FACETABLE_FIELDS, SearchQuery, tantivy_store
from indexer.stores.documents import filter_values
from indexer.stores.tantivy_store import NO_VALUE, TantivyStore, counting_helpers

AnyDocument = Sentencia | Sesion | Legislativo
COURTS = [f"Juzgado {n} de Distrito" for n in range(1, 41)]
MATTERS = ["civil", "penal", "familiar", "laboral", "administrativa", "mercantil"]
JURISDICTIONS = ["MX-GUA", "MX-JAL", "MX-CMX", "MX-NLE", "MX-YUC"]
WORDS = ["amparo", "pensión", "robo", "agua", "iniciativa"]


def _maybe(rng: random.Random, values: list[str], missing: float = 0.25) -> str | None:
    return None if rng.random() < missing else rng.choice(values)


def library(size: int = 420, seed: int = 14) -> list[AnyDocument]:
    """Documents of every kind; each facet value is missing from some of them, courts
    are many (more than a facet shows) and skewed, so counts tie and get cut."""
    rng = random.Random(seed)
    docs: list[AnyDocument] = []
    for n in range(size):
        words = " ".join(rng.sample(WORDS, 2))
        day = None if rng.random() < 0.1 else dt.date(rng.choice([2019, 2021, 2024]), 3, 1)
        common = {
            "id": f"doc-{n:04d}",
            "title": f"Documento {n}",
            "date": day,
            "institution": rng.choice(["Poder Judicial", "Congreso", "Suprema Corte"]),
            "jurisdiction": rng.choice(JURISDICTIONS),
            "source_id": rng.choice(["fuente-a", "fuente-b"]),
            "url": f"http://127.0.0.1/{n}.html",
            "text": f"Texto del documento {n}: {words}.",
        }
        kind = n % 3
        if kind == 0:
            court = COURTS[min(int(rng.expovariate(0.15)), len(COURTS) - 1)]
            docs.append(
                Sentencia(
                    **common,
                    court=None if rng.random() < 0.2 else court,
                    matter=_maybe(rng, MATTERS),
                    ponente=_maybe(rng, ["Magistrada Ruiz", "Magistrado Pérez"], 0.5),
                )
            )
        elif kind == 1:
            docs.append(
                Sesion(
                    **common,
                    legislature=_maybe(rng, ["LXIV", "LXV", "LXVI"]),
                    session_type=_maybe(rng, ["ordinaria", "solemne", "extraordinaria"]),
                    chamber=_maybe(rng, ["Pleno", "Comisión Permanente"], 0.5),
                )
            )
        else:
            docs.append(
                Legislativo(
                    **common,
                    doc_type=_maybe(rng, ["iniciativa", "dictamen", "punto_de_acuerdo"]),
                    legislature=_maybe(rng, ["LXV", "LXVI"]),
                )
            )
    return docs


@pytest.fixture(scope="module")
def docs() -> list[AnyDocument]:
    return library()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, docs: list[AnyDocument]) -> TantivyStore:
    store = TantivyStore(tmp_path_factory.mktemp("facets") / "index")
    with pytest.MonkeyPatch.context() as patch:  # segments kept apart: never merged
        patch.setattr(tantivy_store, "MERGE_AT", 1000)
        for start in range(0, len(docs), 100):  # a segment per commit: counts merged across them
            report = store.upsert(docs[start : start + 100])
            assert not report.errors
    assert store.index.searcher().num_segments > 1
    return store


def expected(docs: list[AnyDocument], name: str) -> Counter[str]:
    return Counter(value for doc in docs for value in filter_values(doc).get(name, []))


def check_facet(shown: list[tuple[str, int]], truth: Counter[str], size: int) -> None:
    """``shown`` is the facet of ``truth`` cut to ``size``: exact counts, most frequent
    first, nothing left out that counts more than the last value shown."""
    assert len(shown) == min(size, len(truth))
    counts = [count for _, count in shown]
    assert counts == sorted(counts, reverse=True)
    for value, count in shown:
        assert truth[value] == count, value
    kept = {value for value, _ in shown}
    if shown:
        assert all(count <= shown[-1][1] for value, count in truth.items() if value not in kept)


QUESTIONS = [
    SearchQuery(),
    SearchQuery(q="amparo"),
    SearchQuery(q="pensión OR agua", filters={"kind": ["sentencia"]}),
    SearchQuery(filters={"kind": ["sesion", "legislativo"]}),
    SearchQuery(q="robo", filters={"jurisdiction": ["MX-JAL"]}),
    # filters only some kinds have: their other facets are empty without being counted
    SearchQuery(q="amparo OR agua", filters={"matter": ["civil", "penal"]}),
    SearchQuery(filters={"legislature": ["LXVI"], "jurisdiction": ["MX-GUA"]}),
    SearchQuery(q="pensión", filters={"kind": ["Sesiones", " "], "chamber": ["Pleno"]}),
    SearchQuery(filters={"kind": ["Sentencias"], "year": ["2021"]}),
]


def matching(store: TantivyStore, docs: list[AnyDocument], query: SearchQuery) -> list[AnyDocument]:
    """The documents a question finds (every page of it, without counting)."""
    ids: set[str] = set()
    cursor = None
    while True:
        page = store.search(query.model_copy(update={"facets": [], "limit": 100, "cursor": cursor}))
        ids.update(hit.id for hit in page.hits)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    return [doc for doc in docs if doc.id in ids]


@pytest.mark.parametrize("query", QUESTIONS, ids=[str(i) for i in range(len(QUESTIONS))])
@pytest.mark.parametrize("size", [3, 20])
def test_facets_are_the_exact_counts_of_the_matching_documents(
    store: TantivyStore, docs: list[AnyDocument], query: SearchQuery, size: int
) -> None:
    found = matching(store, docs, query)
    assert found, "every question finds something"
    result = store.search(
        query.model_copy(update={"facets": list(FACETABLE_FIELDS), "facet_size": size})
    )
    assert result.total == len(found)
    for name in FACETABLE_FIELDS:
        shown = [(f.value, f.count) for f in result.facets[name]]
        check_facet(shown, expected(found, name), size)


def test_a_value_missing_from_every_match_is_an_empty_facet(store: TantivyStore) -> None:
    result = store.search(SearchQuery(filters={"kind": ["sentencia"]}))
    assert result.total > 0
    assert result.facets["session_type"] == []
    assert result.facets["doc_type"] == []
    assert result.facets["legislature"] == []


def test_the_documents_without_a_value_are_never_a_value(store: TantivyStore) -> None:
    result = store.search(SearchQuery(facets=list(FACETABLE_FIELDS), facet_size=200))
    shown = {f.value for values in result.facets.values() for f in values}
    assert NO_VALUE not in shown
    assert "" not in shown


def test_every_document_has_a_value_in_every_facet_column(
    store: TantivyStore, docs: list[AnyDocument]
) -> None:
    """Dense columns (what keeps counting cheap): the buckets of each facet field, the
    documents without a value among them, add up to the whole library."""

    searcher = store.index.searcher()
    spec = {name: {"terms": {"field": name, "size": 1000}} for name in FACETABLE_FIELDS}
    raw = searcher.aggregate(tantivy.Query.all_query(), spec)
    single = [name for name in FACETABLE_FIELDS if name != "source_id"]
    for name in single:
        assert sum(b["doc_count"] for b in raw[name]["buckets"]) == len(docs), name


def _every_page(store: TantivyStore, query: SearchQuery) -> list[tuple[int, list[str], dict]]:
    pages = []
    cursor = None
    while True:
        page = store.search(query.model_copy(update={"cursor": cursor}))
        facets = {
            name: [(f.value, f.count) for f in values] for name, values in page.facets.items()
        }
        pages.append((page.total, [hit.id for hit in page.hits], facets))
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def test_counting_beside_the_page_or_after_it_gives_the_same_answer(store: TantivyStore) -> None:
    """A lone search counts on a helper thread while it collects its page; when every
    helper is busy it counts first, itself. Both give the same pages, totals and facets
    (asked of another store of the same folder, which has kept nothing yet; the facets
    in another order)."""
    names = ["kind", "matter", "court", "year"]
    query = SearchQuery(q="amparo OR agua", limit=50, facet_size=5, facets=names)
    expected_pages = _every_page(store, query)
    taken = 0
    helpers = counting_helpers()
    while helpers.free.acquire(blocking=False):  # every helper busy
        taken += 1
    try:
        again = query.model_copy(update={"facets": names[::-1]})
        assert _every_page(TantivyStore(store.path), again) == expected_pages
    finally:
        for _ in range(taken):
            helpers.free.release()
    assert len(expected_pages) > 1
    assert sum(len(ids) for _, ids, _ in expected_pages) == expected_pages[0][0]


def _search_in_child(store: TantivyStore, query: SearchQuery, out: Any) -> None:
    page = store.search(query)
    out.put((page.total, {n: [(f.value, f.count) for f in v] for n, v in page.facets.items()}))


def test_a_forked_process_counts_with_helpers_of_its_own(store: TantivyStore) -> None:
    """The parent's counting threads are not in a forked child: the child's searches
    still count (within seconds, not hanging on helpers that do not exist there)."""
    store.search(SearchQuery(q="robo", facets=["matter"]))  # the parent's helpers exist
    query = SearchQuery(q="robo", facets=["court", "matter"])
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    child = context.Process(target=_search_in_child, args=(store, query, out))
    child.start()
    try:
        total, facets = out.get(timeout=30)
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
    expected = store.search(query)
    assert total == expected.total > 0
    assert facets == {n: [(f.value, f.count) for f in v] for n, v in expected.facets.items()}


def test_a_value_ranked_low_in_one_segment_keeps_its_documents_there(tmp_path, monkeypatch) -> None:
    """Segments are counted apart and merged: a court among hundreds with one document
    in the first segment, and the most frequent in the second, is shown with both
    (a count cut per segment would show the second segment's alone). The writer is told
    not to merge, so the segments this test is about stay apart."""
    monkeypatch.setattr(tantivy_store, "MERGE_AT", 1000)

    def sentencia(n: int, court: str) -> Sentencia:
        return Sentencia(
            id=f"s-{n}",
            title=f"Sentencia {n}",
            date=dt.date(2024, 5, 2),
            institution="Poder Judicial",
            jurisdiction="MX-JAL",
            source_id="fuente-a",
            url=f"http://127.0.0.1/{n}.html",
            text="amparo",
            court=court,
        )

    store = TantivyStore(tmp_path / "index")
    first = [sentencia(n, f"Juzgado {n // 2:03d} de Distrito") for n in range(600)]
    store.upsert([*first, sentencia(600, "Tribunal Colegiado")])
    store.upsert([sentencia(700 + n, "Tribunal Colegiado") for n in range(5)])
    assert store.index.searcher().num_segments > 1
    result = store.search(SearchQuery(q="amparo", facets=["court"], facet_size=3))
    assert result.total == 606
    shown = [(f.value, f.count) for f in result.facets["court"]]
    assert shown[0] == ("Tribunal Colegiado", 6)
