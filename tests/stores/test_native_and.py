"""``a AND b [NOT c]`` is matched a window of 4,096 documents at a time
(``native/src/plan/and.rs``): the same documents, order and scores, bit for bit, as
Tantivy's own intersection of the same clauses gives, on segments of several windows,
where a clause is common (read through each window) or rare (sought at each candidate),
where a NOT leaves out many or few, collected whole or in pieces that begin inside a
window, by relevance or by date (unscored)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import abierto_native
import pytest

from bench.legal_corpus import LegalCorpus
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore, search_plan

DOCUMENTS = 14_000  # segments of more than one window each

# each word and the share of documents whose text holds it: common ones fill windows,
# rare ones leave a few candidates per window
WORDS = {
    "amparo": 0.7,
    "constitucional": 0.8,
    "laboral": 0.3,
    "pensión": 0.02,
    "usucapión": 0.004,
    "peculado": 0.05,
    "víctima": 0.15,
    "despojo": 0.01,
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("and") / "index"
    rng = random.Random(9)
    docs = []
    for doc in LegalCorpus(DOCUMENTS, seed=31):
        words = [w for w, share in WORDS.items() if rng.random() < share]
        words += [w for w in words if rng.random() < 0.3]  # some twice: other scores
        rng.shuffle(words)
        title = doc.title if rng.random() < 0.9 else f"{doc.title} {rng.choice(list(WORDS))}"
        docs.append(doc.model_copy(update={"title": title, "text": " ".join(words) + " fin"}))
    writer = TantivyStore(path, native=False)
    half = DOCUMENTS // 2
    for start in (0, half):  # two commits: segments of several windows
        assert not writer.upsert(docs[start : start + half]).errors
    writer.close()
    return path


def plan(q: str) -> dict | list:
    return search_plan(SearchQuery(q=q))


def tantivys(planned: list) -> list:
    """The same question answered by Tantivy's own intersection: under a ``bool`` of three
    required clauses (two of them every document, left out by Tantivy with their score)
    every clause is Tantivy's (``plan.rs``, ``sum_order``)."""
    return ["bool", [["must", planned], ["must", ["all"]], ["must", ["all"]]]]


QUESTIONS = [
    "amparo AND constitucional",  # two common words: every window read through
    "amparo AND constitucional NOT laboral",  # a NOT leaving out many
    "amparo AND constitucional NOT usucapión",  # a NOT leaving out few
    "usucapión AND amparo",  # a rare word: the common one sought at each candidate
    "amparo AND usucapión",
    "despojo AND pensión",  # two rare words
    "(peculado OR despojo OR pensión) AND víctima -laboral",
    "peculado AND víctima AND amparo",  # three required: Tantivy's
    "amparo AND palabraquenoexiste",  # a clause of no document
    "amparo AND NOT constitucional",
    # an OR of prefixes over the fields, read from their bitsets (``plan/union.rs``)
    "constitu*",
    "usucap*",
    "amparo AND constitu*",
    "pens* -laboral",
    # an ``all`` beside a NOT: Tantivy's boolean query as planned (``plan.rs``, ``every_left``)
    "-laboral",
]


@pytest.mark.parametrize("piece_docs", [None, 1_001])
@pytest.mark.parametrize("sort", ["relevance", "date_desc"])
@pytest.mark.parametrize("q", QUESTIONS)
def test_the_windows_answer_as_tantivys_intersection(
    folder: Path, q: str, sort: str, piece_docs: int | None
) -> None:
    index = abierto_native.NativeIndex(str(folder), 2, piece_docs, 10)
    planned = plan(q)
    facets = [("matter", 10), ("year", 50)]
    for offset in (0, 40):
        mine = index.search(json.dumps(planned), 40, offset, sort, True, facets, False)
        theirs = index.search(json.dumps(tantivys(planned)), 40, offset, sort, True, facets, False)
        assert mine == theirs
    if q != "amparo AND palabraquenoexiste":
        assert mine[0] > 0


@pytest.mark.parametrize("sort", ["relevance", "date_desc"])
@pytest.mark.parametrize(
    "filters", [{"matter": ["penal"]}, {"matter": ["penal", "civil"]}, {"matter": ["nada"]}]
)
def test_filters_without_words_answer_as_tantivys(folder: Path, filters: dict, sort: str) -> None:
    """One filter and no words (an ``all`` beside a union of its values' terms, a date
    sort with one filter): Tantivy's boolean query as planned, the same answer."""
    index = abierto_native.NativeIndex(str(folder), 2, 1_001, 10)
    planned = search_plan(SearchQuery(filters=filters))
    assert planned[0] == "bool" and ["must", ["all"]] in planned[1]
    facets = [("matter", 10)]
    mine = index.search(json.dumps(planned), 40, 0, sort, True, facets, False)
    theirs = index.search(json.dumps(tantivys(planned)), 40, 0, sort, True, facets, False)
    assert mine == theirs
    assert (mine[0] > 0) == (filters["matter"] != ["nada"])


@pytest.mark.parametrize("q", ["amparo AND usucapión", "usucap*"])
def test_the_windows_see_a_new_commit(folder: Path, tmp_path: Path, q: str) -> None:
    """A commit that adds and deletes documents changes the answer at once (nothing of an
    earlier commit's windows is kept; a prefix's kept bitsets are its segments')."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    index = abierto_native.NativeIndex(str(copy), 2, None, 10)
    asked = q
    q = json.dumps(plan(asked))
    before = index.search(q, 100, 0, "relevance", True, None, False)
    store = TantivyStore(copy, native=False)
    gone = store.search(SearchQuery(q=asked, limit=1)).hits[0].id
    store.delete([gone])
    new = next(iter(LegalCorpus(1, seed=5))).model_copy(
        update={"id": "nuevo-1", "text": "amparo usucapión usucapión"}
    )
    assert not store.upsert([new]).errors
    store.close()
    index.reload()
    after = index.search(q, 100, 0, "relevance", True, None, False)
    assert after[0] == before[0]  # one out, one in
    assert after[2] != before[2]
    assert after == index.search(
        json.dumps(tantivys(plan(asked))), 100, 0, "relevance", True, None, False
    )
