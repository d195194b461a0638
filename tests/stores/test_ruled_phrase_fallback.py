"""Without the native search (tantivy-py's, the Docker image's), a proximity phrase of
too many arrangements to ask (``"perro gato loro"~12``) was refused; it is matched by the
rule among the documents holding its words (``indexer.stores.phrase_rule``), and the
documents and totals are the native search's, over texts crowded with the phrase's words
(repeats, reversed orders, title and text). A phrase whose words some document's
descriptive words hold all, or whose words too many documents hold, is refused with a
Spanish reason, never answered wrong."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.analysis import stem_tokens
from indexer.query import QueryTooCostly
from indexer.query.arrangements import arrangements
from indexer.stores import SearchQuery, phrase_rule
from indexer.stores.tantivy_store import TantivyStore

VOCABULARY = ["perro", "gato", "loro", "pez"]
DOCUMENTS = 80


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(33)
    docs = []
    for doc in LegalCorpus(DOCUMENTS, seed=5):
        text = " ".join(rng.choice([*VOCABULARY, "zzz"]) for _ in range(rng.randint(3, 60)))
        title = " ".join(rng.choice([*VOCABULARY, *["zzz"] * 3]) for _ in range(rng.randint(2, 9)))
        docs.append(doc.model_copy(update={"text": text, "title": title}))
    path = tmp_path_factory.mktemp("ruled") / "index"
    writer = TantivyStore(path, native=False)
    assert not writer.upsert(docs).errors
    writer.close()
    return path


def test_the_fallback_finds_what_the_native_search_finds(index: Path) -> None:
    native = TantivyStore(index, phrase_work=0)
    fallback = TantivyStore(index, native=False)
    rng = random.Random(8)
    asked = told_apart = 0
    while asked < 24:
        phrase = [rng.choice(VOCABULARY) for _ in range(rng.randint(3, 5))]
        slop = rng.choice([6, 9, 12, 16])
        if arrangements(stem_tokens(" ".join(phrase)), slop) is not None:
            continue  # asked as exact phrases already
        asked += 1
        for sort in ("relevance", "date_desc"):
            q = SearchQuery(q=f'"{" ".join(phrase)}"~{slop}', sort=sort, limit=100, facets=[])
            expected, answer = native.search(q), fallback.search(q)
            assert answer.total == expected.total, q.q
            assert {h.id for h in answer.hits} == {h.id for h in expected.hits}, q.q
        told_apart += 0 < expected.total < DOCUMENTS
    assert told_apart > asked // 2


def test_what_it_cannot_check_is_refused(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fallback = TantivyStore(index, native=False)
    # every document's descriptive words hold «poder judicial» (indexed, not stored)
    institution = next(iter(LegalCorpus(1, seed=5))).institution.lower().split()
    assert len(institution) >= 3
    with pytest.raises(QueryTooCostly) as refused:
        fallback.search(SearchQuery(q=f'"{" ".join(institution[:3])}"~20'))
    assert "datos descriptivos" in refused.value.mensaje
    monkeypatch.setattr(phrase_rule, "MAX_CANDIDATES", 3)
    with pytest.raises(QueryTooCostly) as refused:
        fallback.search(SearchQuery(q='"perro gato loro"~12'))
    assert "demasiados para revisarlos" in refused.value.mensaje


def test_descriptive_words_need_no_look_where_the_text_holds_the_phrase(
    tmp_path: Path,
) -> None:
    """Every document whose descriptive words hold the phrase's words holds the phrase in
    its text too: the answer is the native search's, no refusal."""
    docs = list(LegalCorpus(6, seed=5))
    phrase = docs[0].institution.lower().split()[:3]
    docs = [
        d.model_copy(update={"text": f"zzz {' '.join(reversed(phrase))} zzz {k}"})
        for k, d in enumerate(docs)
        if d.institution == docs[0].institution
    ]
    writer = TantivyStore(tmp_path / "index", native=False)
    assert not writer.upsert(docs).errors
    writer.close()
    q = SearchQuery(q=f'"{" ".join(phrase)}"~20', limit=100)
    native = TantivyStore(tmp_path / "index", phrase_work=0).search(q)
    fallback = TantivyStore(tmp_path / "index", native=False).search(q)
    assert native.total == len(docs) == fallback.total
    assert {h.id for h in fallback.hits} == {h.id for h in native.hits}
