"""The exact phrase's kept matches (``native/src/plan/cached.rs``): a phrase asked again is
read from the spans its first asking checked, and answers as before to the bit. Over
an index of several segments with deleted documents, searched whole and cut in pieces of
several sizes (spans that stop inside a segment, pieces that start inside a kept span),
each phrase (found, half found, absent; repeated words; on the pair fields with holes;
inside the store's boolean questions, led by a filter that jumps) is asked cold and then
warm, sorted by relevance and by date, with the total and the facets: the same documents
in the same order, the same scores, totals and facets as Tantivy's own ``PhraseQuery``
(``tantivy_phrase``). The second asking is read from the kept spans, and a cache too
small to keep them answers the same."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.analysis import token_stems
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.test_exact_phrase import _phrases, _plans, _text

abierto_native = pytest.importorskip("abierto_native")

DOCUMENTS = 420
BATCHES = 3
FACETS = [("kind", 10), ("jurisdiction", 10), ("court", 10)]
# (threads, piece_docs): whole segments, and pieces that cut them at several places
LAYOUTS = [(1, None), (2, 37), (2, 100)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    import random

    rng = random.Random(2612)
    docs = [
        doc.model_copy(update={"text": _text(rng), "title": _text(rng)[:80] or "Sin título"})
        for doc in LegalCorpus(DOCUMENTS, seed=5)
    ]
    path = tmp_path_factory.mktemp("phrase_cache") / "index"
    writer = TantivyStore(path, native=False)
    size = DOCUMENTS // BATCHES
    for start in range(0, DOCUMENTS, size):
        assert not writer.upsert(docs[start : start + size]).errors
    rewritten = {n: docs[n].model_copy(update={"text": _text(rng)}) for n in range(0, DOCUMENTS, 7)}
    assert not writer.upsert(list(rewritten.values())).errors
    writer.close()
    docs = [rewritten.get(n, doc) for n, doc in enumerate(docs)]
    return path, [[s for s in token_stems(d.text) if s] for d in docs]


@pytest.fixture(autouse=True)
def small_spans() -> Iterator[None]:
    """Spans of a document or more kept (the tests' segments are small), dropped after."""
    abierto_native.phrase_cache(64 << 20, 1)
    yield
    abierto_native.phrase_cache(64 << 20, 4096)


def _answer(index: Any, plan: str, sort: str) -> tuple[Any, ...]:
    total, facets, hits = index.search(plan, DOCUMENTS * 2, 0, sort, True, FACETS)
    return total, facets, [(score, bytes(payload)) for score, payload, _ in hits]


def _questions(stems: list[list[str]]) -> Iterator[tuple[str, str]]:
    """(the plan as the store asks it, the same with Tantivy's phrase), several filters
    leading: a term the phrase holds, one it may not, a date."""
    for words in _phrases(stems):
        for plan in _plans(words, "phrase"):
            yield plan, plan.replace('"phrase"', '"tantivy_phrase"')
        text = ["phrase", "text", [[i, w] for i, w in enumerate(words)], 0]
        for lead in (["term", "text", "interes"], ["date", "date", None, 1262304000]):
            plan = json.dumps(["bool", [["must", lead], ["must", text]]])
            yield plan, plan.replace('"phrase"', '"tantivy_phrase"')


def test_a_phrase_asked_again_answers_the_same_from_its_kept_matches(
    corpus: tuple[Path, list[list[str]]],
) -> None:
    path, stems = corpus
    questions = list(_questions(stems))
    indexes = [abierto_native.NativeIndex(str(path), t, p) for t, p in LAYOUTS]
    expected = {
        (plan, sort): _answer(indexes[0], tantivy, sort)
        for plan, tantivy in questions
        for sort in ("relevance", "date_desc")
    }
    found = 0
    for index in indexes:
        abierto_native.phrase_cache(64 << 20, 1)  # cold for each layout
        for warm in (False, True):
            hits_before = abierto_native.phrase_cache()[0]
            for plan, _ in questions:
                for sort in ("relevance", "date_desc"):
                    assert _answer(index, plan, sort) == expected[plan, sort], (plan, sort, warm)
            hits = abierto_native.phrase_cache()[0] - hits_before
            if warm:
                # read back from the spans the cold asking kept
                assert hits >= len(questions), hits
        found += sum(bool(expected[plan, "relevance"][0]) for plan, _ in questions)
    assert found >= len(questions)  # phrases found, not only absent ones
    _, _, kept, phrases = abierto_native.phrase_cache()
    assert kept > 0 and phrases > 0


def test_a_cache_too_small_to_keep_a_span_answers_the_same(
    corpus: tuple[Path, list[list[str]]],
) -> None:
    path, stems = corpus
    index = abierto_native.NativeIndex(str(path), 2, 37)
    questions = list(_questions(stems))[:60]
    expected = [_answer(index, tantivy, "relevance") for _, tantivy in questions]
    for capacity in (0, 200):
        abierto_native.phrase_cache(capacity, 1)
        for _ in range(2):
            answers = [_answer(index, plan, "relevance") for plan, _ in questions]
            assert answers == expected
        assert abierto_native.phrase_cache()[2] <= capacity
