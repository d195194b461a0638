"""A prefix's kept documents (``native/src/plan/prefix.rs``): the documents a prefix
matches in a segment are kept the first time, and a prefix asked again is read from them,
answering as before to the bit. Over an index of several segments with deleted documents
(and documents deleted after the cache was filled: the same segments, fewer live
documents), searched whole and cut in pieces, each prefix (alone, beside words, under a
filter, excluded) is asked cold and then warm, sorted by relevance and by date, with the
total and the facets: the same documents in the same order, the same scores, totals and
facets as Tantivy's ``regex_query(field, "<prefix>.*")`` (nothing kept). The warm asking is
read from the cache, and a cache too small for a segment's documents answers the same
and holds no more bytes than its bound."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.stores import SearchQuery, query_kits
from indexer.stores.tantivy_store import TantivyStore, search_plan

abierto_native = pytest.importorskip("abierto_native")

DOCUMENTS = 420
BATCHES = 3
FACETS = [("kind", 10), ("jurisdiction", 10), ("court", 10)]
# (threads, piece_docs): whole segments, and pieces that cut them
LAYOUTS = [(1, None), (2, 37)]
QUESTIONS = [
    SearchQuery(q="constitu*"),
    SearchQuery(q="sent*"),
    SearchQuery(q="amparo indemniz*"),
    SearchQuery(q="sent* -laboral"),
    SearchQuery(q="(pen* OR fam*) AND tribunal"),
    SearchQuery(q="jur*", filters={"kind": ["sentencia"]}),
    SearchQuery(q="zzzq*"),
]


def _write(path: Path, docs: list[Any]) -> None:
    writer = TantivyStore(path, native=False)
    assert not writer.upsert(docs).errors
    writer.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    docs = list(LegalCorpus(DOCUMENTS, seed=11))
    path = tmp_path_factory.mktemp("prefix_cache") / "index"
    size = DOCUMENTS // BATCHES
    for start in range(0, DOCUMENTS, size):
        _write(path, docs[start : start + size])
    # a fourth segment rewriting every seventh document: deleted in the first three
    _write(path, [doc.model_copy(update={"text": "sentencia"}) for doc in docs[::7]])
    return path, docs


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    abierto_native.prefix_cache(32 << 20)
    yield
    abierto_native.prefix_cache(32 << 20)


def _plans() -> list[tuple[str, str]]:
    """(the plan as the store asks it, the same with a regular expression per prefix)."""
    plans = []
    before = query_kits.PREFIX_NODE
    for query in QUESTIONS:
        plan = json.dumps(search_plan(query))
        assert '"prefix"' in plan
        query_kits.PREFIX_NODE = False
        try:
            regex = json.dumps(search_plan(query))
        finally:
            query_kits.PREFIX_NODE = before
        assert '"prefix"' not in regex
        plans.append((plan, regex))
    return plans


def _answer(index: Any, plan: str, sort: str) -> tuple[Any, ...]:
    total, facets, hits = index.search(plan, DOCUMENTS * 2, 0, sort, True, FACETS)
    return total, facets, [(score, bytes(payload)) for score, payload, _ in hits]


def _ask_all(path: Path, plans: list[tuple[str, str]]) -> None:
    """Every plan, cold then warm, in each layout, answers as its regular expression."""
    for threads, piece in LAYOUTS:
        index = abierto_native.NativeIndex(str(path), threads, piece)
        expected = {
            (plan, sort): _answer(index, regex, sort)
            for plan, regex in plans
            for sort in ("relevance", "date_desc")
        }
        assert sum(bool(answer[0]) for answer in expected.values()) >= len(plans)
        for warm in (False, True):
            found = abierto_native.prefix_cache()[0]
            for plan, _ in plans:
                for sort in ("relevance", "date_desc"):
                    assert _answer(index, plan, sort) == expected[plan, sort], (plan, sort)
            if warm:
                assert abierto_native.prefix_cache()[0] - found >= len(plans)


def test_a_prefix_asked_again_answers_the_same_from_its_kept_documents(
    corpus: tuple[Path, list[Any]], tmp_path: Path
) -> None:
    import shutil

    source, docs = corpus
    path = tmp_path / "index"
    shutil.copytree(source, path)
    plans = _plans()
    _ask_all(path, plans)
    _, _, kept, entries = abierto_native.prefix_cache()
    assert kept > 0 and entries > 0
    # more documents deleted from the same segments, the cache kept from before
    _write(path, [doc.model_copy(update={"text": "jurisprudencia"}) for doc in docs[3::5]])
    _ask_all(path, plans)


def test_a_cache_too_small_answers_the_same_within_its_bound(
    corpus: tuple[Path, list[Any]],
) -> None:
    path, _ = corpus
    index = abierto_native.NativeIndex(str(path), 2, 37)
    plans = _plans()
    expected = [_answer(index, regex, "relevance") for _, regex in plans]
    for capacity in (0, 200, 1000):
        abierto_native.prefix_cache(capacity)
        for _ in range(2):
            assert [_answer(index, plan, "relevance") for plan, _ in plans] == expected
            assert abierto_native.prefix_cache()[2] <= capacity
    _, _, kept, entries = abierto_native.prefix_cache()
    assert 0 < kept <= 1000 and entries >= 1
