"""Three required clauses or more (``a AND b AND c [NOT d]``, or words beside filters
and a date range) are matched a window of 4,096 documents at a time too
(``native/src/plan/and.rs``): the same documents, order and scores, bit for bit, as
Tantivy's own intersection gives. Tantivy sums three scores or more in the order of its
clauses' costs once aligned on their first common document (a sum in the clauses'
planned order is a last bit apart on most of these questions). On an index holding
deleted documents, with a word common in the first windows only (``temprano``), a clause
of no document, a rare word at the edges of windows, NOTs, filters and dates."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import abierto_native
import pytest

from bench.legal_corpus import LegalCorpus
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore, search_plan

DOCUMENTS = 14_000
HALF = DOCUMENTS // 2

WORDS = {
    "amparo": 0.7,
    "constitucional": 0.8,
    "laboral": 0.3,
    "pensión": 0.02,
    "usucapión": 0.004,
    "peculado": 0.05,
    "víctima": 0.15,
}


def _words(i: int, rng: random.Random) -> list[str]:
    words = [w for w, share in WORDS.items() if rng.random() < share]
    # common in the first 3,000 documents, absent after
    if i < 3_000 and rng.random() < 0.9:
        words.append("temprano")
    # a rare word at the edges of windows counted from a segment's start and from it
    if i % HALF in (0, 1, 4_095, 4_096, 4_097, 8_191, 8_192) or i % HALF in range(6_000, 6_004):
        words.append("borde")
    # only in the second commit's documents: no candidate in the first windows
    if i >= HALF and rng.random() < 0.2:
        words.append("segundo")
    words += [w for w in words if rng.random() < 0.3]  # some twice: other scores
    rng.shuffle(words)
    return words


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("and_many") / "index"
    rng = random.Random(11)
    docs = []
    for i, doc in enumerate(LegalCorpus(DOCUMENTS, seed=37)):
        title = doc.title if rng.random() < 0.9 else f"{doc.title} {rng.choice(list(WORDS))}"
        if i < 3_000 and rng.random() < 0.9:
            title += " temprano"  # a union of two terms, both running out early
        text = " ".join(_words(i, rng)) + " fin"
        docs.append(doc.model_copy(update={"title": title, "text": text}))
    writer = TantivyStore(path, native=False)
    for start in (0, HALF):  # two commits: segments of several windows
        assert not writer.upsert(docs[start : start + HALF]).errors
    # a commit deleting documents of both segments, some of them at window edges
    gone = [d.id for i, d in enumerate(docs) if i % 7 == 3 or i % HALF in (4_096, 6_001)]
    writer.delete(gone)
    writer.close()
    return path


def tantivys(planned: list) -> list:
    """The same question answered by Tantivy's own intersection: under a ``bool`` whose
    other required clauses match every document (left out by Tantivy with their score)
    every clause is Tantivy's (``plan.rs``, ``sum_order``)."""
    return ["bool", [["must", planned], ["must", ["all"]], ["must", ["all"]]]]


def _most_musts(planned: list) -> int:
    """The most required clauses of a ``bool`` in the plan."""
    if planned[0] != "bool":
        return max((_most_musts(p) for p in planned[1:] if isinstance(p, list)), default=0)
    here = sum(1 for occur, _ in planned[1] if occur == "must")
    return max([here] + [_most_musts(p) for _, p in planned[1]])


DAY = dt.date(2015, 1, 1)

QUESTIONS = [
    SearchQuery(q="amparo AND constitucional AND laboral"),  # three read through
    SearchQuery(q="amparo constitucional laboral víctima"),  # four
    # a clause running out in the first window
    SearchQuery(q="temprano laboral víctima"),
    SearchQuery(q="víctima temprano laboral"),
    SearchQuery(q="temprano amparo constitucional"),
    SearchQuery(q="constitucional temprano laboral amparo"),
    SearchQuery(q="usucapión amparo constitucional"),  # a rare one: the others sought
    SearchQuery(q="borde amparo constitucional"),  # at windows' edges
    SearchQuery(q="borde temprano constitucional"),
    SearchQuery(q="segundo amparo constitucional"),  # none in the first windows
    SearchQuery(q="amparo constitucional palabraquenoexiste"),  # empty everywhere
    SearchQuery(q="amparo AND constitucional AND laboral NOT víctima"),  # NOT: many out
    SearchQuery(q="amparo constitucional temprano -usucapión -pensión"),  # few out
    SearchQuery(q="(peculado OR pensión) AND víctima AND amparo"),  # a clause not of terms
    SearchQuery(q="amparo AND constitu* AND laboral"),  # an OR of prefixes
    SearchQuery(q='amparo laboral "constitucional amparo"'),  # a phrase
    # words beside filters and a date range: the filters are required clauses too
    SearchQuery(q="amparo laboral", filters={"matter": ["penal", "civil"]}, date_from=DAY),
    SearchQuery(q="amparo laboral temprano", filters={"matter": ["penal"]}),
    SearchQuery(q="amparo", filters={"matter": ["penal"]}, date_from=DAY),
    SearchQuery(q="constitucional temprano", filters={"matter": ["familiar"]}, date_to=DAY),
]


@pytest.mark.parametrize("piece_docs", [None, 1_001])
@pytest.mark.parametrize("sort", ["relevance", "date_desc"])
@pytest.mark.parametrize("query", QUESTIONS, ids=lambda query: query.q)
def test_many_clauses_answer_as_tantivys_intersection(
    folder: Path, query: SearchQuery, sort: str, piece_docs: int | None
) -> None:
    index = abierto_native.NativeIndex(str(folder), 2, piece_docs, 10)
    planned = search_plan(query)
    assert _most_musts(planned) >= 3
    facets = [("matter", 10), ("year", 50)]
    for offset in (0, 40):
        mine = index.search(json.dumps(planned), 40, offset, sort, True, facets, False)
        theirs = index.search(json.dumps(tantivys(planned)), 40, offset, sort, True, facets, False)
        assert mine == theirs
    if "palabraquenoexiste" not in query.q:
        assert mine[0] > 0


def test_a_whole_segment_scores_as_tantivy(folder: Path) -> None:
    """Every document of a three-clause question with its score, not only a page: the
    page of every hit (the whole segment collected at once) is Tantivy's, score for
    score."""
    index = abierto_native.NativeIndex(str(folder), 1, None, 10)
    for q in ("temprano laboral víctima", "constitucional temprano laboral amparo"):
        planned = search_plan(SearchQuery(q=q))
        mine = index.search(json.dumps(planned), 10_000, 0, "relevance", True, None, False)
        theirs = index.search(
            json.dumps(tantivys(planned)), 10_000, 0, "relevance", True, None, False
        )
        assert mine[0] == theirs[0] > 100
        assert [(score, key) for score, key, _ in mine[2]] == [
            (score, key) for score, key, _ in theirs[2]
        ]
