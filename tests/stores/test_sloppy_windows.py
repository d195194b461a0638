"""The native proximity phrase (``native/src/plan/sloppy.rs``) tries only the windows
near its rarest word's positions: over texts made of four words repeated at random
(every window crowded with candidates, words of the phrase repeated), the documents it
finds are exactly those an exhaustive placement finds, scored or only counted; and a rare
word among common ones keeps the phrase within its budget where trying every window of
every «de» outgrew it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.analysis import stem_tokens
from indexer.query import QueryTooCostly
from indexer.stores import SearchQuery, tantivy_native
from indexer.stores.documents import metadata_text
from indexer.stores.tantivy_store import TantivyStore

VOCABULARY = ["amparo", "daño", "moral", "robo"]
DOCUMENTS = 100
PHRASES = 60


def _placed(tokens: list[str], words: list[str], slop: int) -> bool:
    """Whether ``words`` (word ``i`` at offset ``i``) stand at distinct positions ``p_i``
    of ``tokens`` with ``max(p_i - i) - min(p_i - i) <= slop``: every placement tried,
    depth first."""
    at = {w: [p for p, t in enumerate(tokens) if t == w] for w in set(words)}

    def place(i: int, lo: int, taken: frozenset[int]) -> bool:
        if i == len(words):
            return True
        return any(
            place(i + 1, lo, taken | {p})
            for p in at[words[i]]
            if lo + i <= p <= lo + i + slop and p not in taken
        )

    starts = {p - i for i, w in enumerate(words) for p in at[w]}
    return any(place(0, lo, frozenset()) for lo in starts)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[TantivyStore, list[list[list[str]]]]:
    """An index of texts of a few of ``VOCABULARY``'s words at random (two commits), and
    each document's fields as words."""
    rng = random.Random(2024)
    docs = []
    for doc in LegalCorpus(DOCUMENTS, seed=31):
        words = VOCABULARY[: rng.randint(2, len(VOCABULARY))]
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 90)))
        docs.append(doc.model_copy(update={"text": text, "title": f"Documento {doc.id}"}))
    path = tmp_path_factory.mktemp("crowded") / "index"
    writer = TantivyStore(path, native=False)
    for start in range(0, DOCUMENTS, DOCUMENTS // 2):
        assert not writer.upsert(docs[start : start + DOCUMENTS // 2]).errors
    writer.close()
    fields = [[stem_tokens(f) for f in (d.title, d.text, metadata_text(d))] for d in docs]
    return TantivyStore(path, phrase_work=0), fields


def test_the_documents_found_are_those_every_placement_finds(
    crowded: tuple[TantivyStore, list[list[list[str]]]],
) -> None:
    store, fields = crowded
    ids = [doc.id for doc in LegalCorpus(DOCUMENTS, seed=31)]
    rng = random.Random(7)
    found_some = 0
    for _ in range(PHRASES):
        phrase = [rng.choice(VOCABULARY) for _ in range(rng.randint(3, 5))]
        slop = rng.choice([1, 2, 4, 7])
        words = stem_tokens(" ".join(phrase))
        expected = {
            id_
            for id_, doc in zip(ids, fields, strict=True)
            if any(_placed(f, words, slop) for f in doc)
        }
        found_some += bool(expected)
        for sort in ("relevance", "date_desc"):  # scored, and only counted
            q = f'"{" ".join(phrase)}"~{slop}'
            answer = store.search(SearchQuery(q=q, sort=sort, limit=DOCUMENTS, facets=[]))
            assert answer.total == len(expected), (q, sort)
            assert {hit.id for hit in answer.hits} == expected, (q, sort)
    assert found_some > PHRASES // 2


# common words on either side of a rarer one: only the windows within the slop of its
# positions can hold the phrase
RARE_AMONG_COMMON = ('"de la de la de la presunción"~12', '"de de de de presunción"~20')


@pytest.fixture(scope="module")
def legal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("legal") / "index"
    writer = TantivyStore(path, native=False)
    assert not writer.upsert(list(LegalCorpus(800, seed=77))).errors
    writer.close()
    return path


@pytest.mark.parametrize("q", RARE_AMONG_COMMON)
def test_a_rare_word_among_common_ones_keeps_the_phrase_within_its_budget(
    legal: Path, q: str
) -> None:
    """Answered as with no budget even with a budget of one step: the windows tried are
    the rare word's, fewer than the positions read. Trying every window that starts at a
    «de» or «la» took more than 8 steps per position read: refused."""
    expected = TantivyStore(legal, phrase_work=0).search(SearchQuery(q=q))
    assert expected.total > 0
    try:
        answer = TantivyStore(legal, phrase_work=1).search(SearchQuery(q=q))
    except QueryTooCostly:
        pytest.fail(f"{q} refused")
    assert answer == expected


# the phrases people ask: some 10,000 steps in all on that index
ORDINARY = (
    '"presunción de inocencia"~2',
    '"interés superior de la niñez"~5',
    '"principio de presunción de inocencia"~3',
)


# each piece's scorer walks from its segment's first match and on to the next match past
# its end: cut in pieces of 37 documents, some 22 times the steps of whole segments
@pytest.mark.parametrize(("piece_docs", "max_steps"), [(None, 100_000), (37, 2_000_000)])
def test_a_phrase_of_common_words_only_is_refused_past_the_steps_in_all(
    legal: Path, piece_docs: int | None, max_steps: int
) -> None:
    """``"de la de la"~5`` stays within what its positions allow, yet reads nearly every
    position of «de» and «la» (some 330,000 steps here, 25 times an ordinary phrase's;
    ~0.5 s of CPU at 100k documents):
    past the steps a question may take in all it is refused, every time and however the
    segments are cut in pieces; the phrases people ask answer as with no budget."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tantivy_native, "PIECE_DOCS", piece_docs)
        patch.setattr(tantivy_native, "PHRASE_MAX_STEPS", max_steps)
        patch.setattr(tantivy_native, "PHRASE_STEPS_PER_DOCUMENT", 0)
        capped = TantivyStore(legal, phrase_work=1 << 40)
        unbounded = TantivyStore(legal, phrase_work=0)
        assert unbounded.search(SearchQuery(q='"de la de la"~5')).total > 0
        for _ in range(3):
            with pytest.raises(QueryTooCostly) as caught:
                capped.search(SearchQuery(q='"de la de la"~5'))
            assert "acorte la frase o reduzca la proximidad" in caught.value.mensaje
        for q in ORDINARY:
            expected = unbounded.search(SearchQuery(q=q))
            assert expected.total > 0
            assert capped.search(SearchQuery(q=q)) == expected


def test_the_steps_in_all_grow_with_the_library(legal: Path) -> None:
    """A cap fixed for small libraries would refuse, at ten million documents, the phrases
    people ask: past its fixed part the cap grows with the documents searched."""
    docs = TantivyStore(legal, phrase_work=0).search(SearchQuery(q="")).total
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tantivy_native, "PHRASE_MAX_STEPS", 100_000)
        patch.setattr(tantivy_native, "PHRASE_STEPS_PER_DOCUMENT", 0)
        with pytest.raises(QueryTooCostly):
            TantivyStore(legal, phrase_work=1 << 40).search(SearchQuery(q='"de la de la"~5'))
        patch.setattr(tantivy_native, "PHRASE_STEPS_PER_DOCUMENT", 10_000_000 // docs)
        grown = TantivyStore(legal, phrase_work=1 << 40).search(SearchQuery(q='"de la de la"~5'))
        assert grown == TantivyStore(legal, phrase_work=0).search(SearchQuery(q='"de la de la"~5'))


# one word twice: at the widest slop the parser allows, and a narrower one
ONE_WORD_REPEATED = ('"de de"~50', '"la la"~9')


def _every_id(store: TantivyStore, q: str) -> set[str]:
    """The ids of every hit of ``q`` (page by page), checked against its total."""
    query = SearchQuery(q=q, limit=100, facets=[])
    page = store.search(query)
    total, found = page.total, {hit.id for hit in page.hits}
    while page.next_cursor:
        page = store.search(query.model_copy(update={"cursor": page.next_cursor}))
        found |= {hit.id for hit in page.hits}
    assert total == len(found)
    return found


@pytest.mark.parametrize("q", ONE_WORD_REPEATED)
def test_a_phrase_of_one_word_repeated_is_counted_in_the_budget(legal: Path, q: str) -> None:
    """``"de de"~50`` was asked as its 51 exact arrangements, each reading «de»'s
    positions in nearly every document and none counted (2.2 s of CPU at 100k
    documents, answered whatever the budget): now one walk of the positions by the rule,
    its steps counted, so past the steps in all it is refused as any costly phrase; with
    no budget, the documents tantivy-py's arrangements find."""
    python = _every_id(TantivyStore(legal, native=False), q)
    assert len(python) > 0
    assert _every_id(TantivyStore(legal, phrase_work=0), q) == python
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tantivy_native, "PHRASE_MAX_STEPS", 1_000)
        patch.setattr(tantivy_native, "PHRASE_STEPS_PER_DOCUMENT", 0)
        capped = TantivyStore(legal, phrase_work=1 << 40)
        for sort in ("relevance", "date_desc"):
            with pytest.raises(QueryTooCostly) as caught:
                capped.search(SearchQuery(q=q, sort=sort))
            assert "acorte la frase o reduzca la proximidad" in caught.value.mensaje
