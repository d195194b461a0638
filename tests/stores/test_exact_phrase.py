"""The native exact phrase (``native/src/plan/exact.rs``, the plan's ``exact_phrase``: a
repeated word's positions read once, a document left at the first word that misses)
answers as Tantivy's own ``PhraseQuery`` (``tantivy_phrase``), and so does the plan's
``phrase`` (which of the two it takes is its business): over texts of a few common words
repeated at random, with the phrases at their start and end, repeated in a document,
with repeated words («de la … de la») and with holes (the pairs' cover), the same
documents in the same order with the same scores to the bit, and the same totals, alone
and inside the boolean questions the store asks (where the clauses' order sets how the
scores add up)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.analysis import phrase_cover, token_stems
from indexer.stores import tantivy_native
from indexer.stores.tantivy_store import TantivyStore

# common words (most documents, many times), a few rarer: phrases found, half found, absent
COMMON = ["de", "la", "el", "que", "en", "los"]
RARER = ["interés", "superior", "niñez", "daño", "moral", "amparo", "suspensión"]
DOCUMENTS = 240
BATCHES = 3  # one commit each: several segments
PHRASES = 120
PHRASE = "interés superior de la niñez"


def _text(rng: random.Random) -> str:
    words = [
        rng.choice(COMMON) if rng.random() < 0.6 else rng.choice(RARER)
        for _ in range(rng.randint(0, 70))
    ]
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        # the phrase inside, at the start or at the end (and repeated, overlapping or not)
        at = rng.choice([0, len(words), rng.randint(0, len(words))])
        words[at:at] = PHRASE.split() if rng.random() < 0.7 else ["de", "la", "de", "la"]
    return " ".join(words)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    """An index of such texts (titles too; several commits, some documents written
    twice so segments hold deleted ones), and every document's text as stems."""
    rng = random.Random(1405)
    docs = [
        doc.model_copy(update={"text": _text(rng), "title": _text(rng)[:80] or "Sin título"})
        for doc in LegalCorpus(DOCUMENTS, seed=77)
    ]
    path = tmp_path_factory.mktemp("exact") / "index"
    writer = TantivyStore(path, native=False)
    size = DOCUMENTS // BATCHES
    for start in range(0, DOCUMENTS, size):
        assert not writer.upsert(docs[start : start + size]).errors
    rewritten = {n: docs[n].model_copy(update={"text": _text(rng)}) for n in range(0, DOCUMENTS, 9)}
    assert not writer.upsert(list(rewritten.values())).errors
    writer.close()
    docs = [rewritten.get(n, doc) for n, doc in enumerate(docs)]
    stems = [[s for s in token_stems(d.text) if s] for d in docs]
    return path, stems


@pytest.fixture(scope="module")
def index(corpus: tuple[Path, list[list[str]]]) -> Iterator[Any]:
    yield tantivy_native._open(corpus[0])


def _phrases(stems: list[list[str]]) -> Iterator[list[str]]:
    """Phrases of 2 to 6 words: windows of the texts (found), the same with a word
    changed (mostly absent), and common words at random (repeats, often found)."""
    rng = random.Random(99)
    for n in range(PHRASES):
        size = rng.randint(2, 6)
        kind = n % 3
        text = rng.choice([s for s in stems if len(s) >= size])
        at = rng.randint(0, len(text) - size)
        words = text[at : at + size]
        if kind == 1:
            words = list(words)
            words[rng.randrange(size)] = rng.choice(token_stems(" ".join(RARER)))
        elif kind == 2:
            words = [rng.choice(token_stems(" ".join(COMMON[:3]))) for _ in range(size)]
        yield [w for w in words if w]


def _plans(words: list[str], kind: str) -> Iterator[str]:
    """The phrase on the stemmed fields and on the pair fields (its cover, with holes),
    alone and in the boolean questions around it."""
    text = [kind, "text", [[i, w] for i, w in enumerate(words)], 0]
    yield json.dumps(text)
    if len(words) >= 3:
        cover = [[i, p] for i, p in phrase_cover(words)]
        pairs = {f: [kind, f"{f}_pair", cover, 0] for f in ("title", "meta", "text")}
        yield json.dumps(pairs["text"])
        should = [["should", ["boost", pairs["title"], 2.0]]]
        should += [["should", pairs["meta"]], ["should", pairs["text"]]]
        yield json.dumps(
            ["bool", [["must", ["bool", should]], ["must", ["date", "date", None, 4753900800]]]]
        )
    yield json.dumps(["bool", [["must", text], ["must", ["term", "text", words[0]]]]])
    yield json.dumps(["bool", [["should", text], ["should", ["term", "text", words[-1]]]]])
    yield json.dumps(["bool", [["must", ["term", "text", words[-1]]], ["must_not", text]]])


def _answer(index: Any, plan: str, sort: str) -> tuple[Any, list[tuple[Any, bytes]]]:
    total, _, hits = index.search(plan, DOCUMENTS * 2, 0, sort, True)
    return total, [(score, bytes(payload)) for score, payload, _ in hits]


def test_the_same_hits_in_the_same_order_with_the_same_scores(
    corpus: tuple[Path, list[list[str]]], index: Any
) -> None:
    found = repeated = 0
    for words in _phrases(corpus[1]):
        ours = list(_plans(words, "exact_phrase"))
        routed = list(_plans(words, "phrase"))
        theirs = list(_plans(words, "tantivy_phrase"))
        for plan, as_asked, tantivy_plan in zip(ours, routed, theirs, strict=True):
            for sort in ("relevance", "date_desc"):
                expected = _answer(index, tantivy_plan, sort)
                assert _answer(index, plan, sort) == expected, (words, plan, sort)
                assert _answer(index, as_asked, sort) == expected, (words, as_asked, sort)
        hits = _answer(index, ours[0], "relevance")[1]
        found += bool(hits)
        # a phrase more than once in a document: a score above its single-match peers'
        repeated += len({score for score, _ in hits}) > 1
    assert found >= PHRASES // 3
    assert repeated >= PHRASES // 10


def test_a_phrase_at_the_start_and_at_the_end_is_found(
    corpus: tuple[Path, list[list[str]]], index: Any
) -> None:
    stems = corpus[1]
    for text in (s for s in stems if len(s) >= 4):
        for words in (text[:3], text[-3:]):
            plan = json.dumps(["exact_phrase", "text", [[i, w] for i, w in enumerate(words)], 0])
            total, hits = _answer(index, plan, "relevance")
            assert total and hits
            tantivy_plan = plan.replace('"exact_phrase"', '"tantivy_phrase"')
            assert _answer(index, tantivy_plan, "relevance") == (
                total,
                hits,
            )
