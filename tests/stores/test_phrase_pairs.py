"""Exact phrases are looked up in the pair fields: they must find exactly the documents
the words' own positions find, with the same totals and highlights."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import tantivy

from indexer import analysis
from indexer.analysis import pair_text
from indexer.query import parse_query
from indexer.stores import SearchQuery
from indexer.stores.base import StoreUnavailable
from indexer.stores.tantivy_store import TantivyStore, compile_node, with_filters
from tests.stores.corpus import LONG, corpus, phrase_corpus

QUESTIONS = [
    '"daño moral"',
    '"moral daño"',
    '"daños morales"',
    '"DANO MORAL"',
    '"daño"',
    '"pago del daño"',
    '"pago del daño moral"',
    '"daño daño moral"',
    '"moral moral"',
    '"daño moral causado"',
    '"interés superior de la niñez"',
    '"Oralidad Familiar"',
    '"Juzgado de Daño Moral"',
    'title:"daño moral"',
    'text:"daño moral"',
    '"daño moral" -material',
    'condena -"daño moral"',
    '-"daño moral"',
    '"daño moral" OR "pensión alimenticia"',
    '"daño moral" AND "daño material"',
    f'"daño {LONG} moral"',
    'court:"Juzgado Primero Civil de León"',
    '"daño moral"~2',
    '"Amparo en Revisión 1234/2023"',
    '"del saldo y el daño"',
    '"pago del saldo y el daño moral"',
    '"pago del saldo daño moral"',
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TantivyStore:
    store = TantivyStore(tmp_path_factory.mktemp("pairs") / "index")
    report = store.upsert([*corpus(), *phrase_corpus()])
    assert not report.errors
    return store


def by_positions(store: TantivyStore, query: SearchQuery) -> set[str]:
    """What the same question finds reading the words' positions, as before the pairs."""
    words = compile_node(store.schema, parse_query(query.q), pairs=False)
    searcher = store.index.searcher()
    found = searcher.search(with_filters(store.schema, words, query), limit=1000).hits
    return {searcher.doc(address)["id"][0] for _, address in found}


@pytest.mark.parametrize("q", QUESTIONS)
def test_a_phrase_finds_what_the_positions_find(store: TantivyStore, q: str) -> None:
    query = SearchQuery(q=q, limit=100)
    result = store.search(query)
    assert {hit.id for hit in result.hits} == by_positions(store, query)
    assert result.total == len(result.hits)


@pytest.mark.parametrize("q", ['"daño moral"', '"pago del daño"', '"daños morales"'])
def test_filters_and_facets_count_the_same_documents(store: TantivyStore, q: str) -> None:
    query = SearchQuery(q=q, filters={"matter": ["civil"]}, facets=["court", "matter"])
    result = store.search(query)
    expected = by_positions(store, query)
    assert {hit.id for hit in result.hits} == expected and result.total == len(expected)
    assert sum(f.count for f in result.facets["matter"]) == len(expected)


def test_the_edge_cases_answer_as_a_reader_expects(store: TantivyStore) -> None:
    def ids(q: str) -> set[str]:
        return {hit.id for hit in store.search(SearchQuery(q=q, limit=100)).hits}

    # a dropped long word separates; punctuation does not; accents and plurals fold
    assert ids('"daño moral"') == {"sen-001", "sen-902", "sen-903", "sen-904", "sen-906",
                                   "sen-907", "sen-908", "sen-911"}  # fmt: skip
    # a chain of pairs never bridges a hole: "pago del daño" is not in 905
    assert ids('"pago del daño"') == {"sen-904"}
    assert ids('"daño daño moral"') == {"sen-907"}
    assert ids('title:"daño moral"') == {"sen-906"}
    assert ids('"Juzgado de Daño Moral"') == {"sen-908"}
    # a longer phrase is a few of its pairs at their offsets: the words must be together
    assert ids('"interés superior de la niñez"') == {"sen-002", "sen-910"}
    assert ids('"pago del daño moral"') == set()
    assert ids('"del saldo y el daño"') == {"sen-911"}


def test_a_phrase_is_highlighted_as_one_passage(store: TantivyStore) -> None:
    hit = next(h for h in store.search(SearchQuery(q='"daño moral"')).hits if h.id == "sen-001")
    assert "<mark>daño moral</mark>" in " ".join(hit.highlights)
    hit = store.search(SearchQuery(q='"pago del daño"')).hits[0]
    assert "<mark>pago del daño</mark>" in " ".join(hit.highlights)


def test_pairs_stop_at_a_dropped_word() -> None:
    assert pair_text("Daño, moral") == "dan_moral"
    # the pair at position i holds the words at i and i + 1, also after a hole
    assert pair_text(f"a b {LONG} c") == "a_b _ _"
    assert pair_text(f"{LONG} a b {LONG} c d") == "_ a_b _ _ c_d"
    # inside a run of other words (a path, a signature), and at the very end
    assert pair_text(f"a b/{LONG}/c d {LONG}") == "a_b _ _ c_d _"
    assert pair_text("é" * 20 + " a b") == "_ a_b"  # 40 bytes in 20 letters
    assert pair_text("palabra") == ""


def reference_pairs(text: str) -> str:
    """The pairs read from the analyser's own positions: the whole text stemmed at once,
    a hole wherever it dropped a word (no remembered stems)."""
    words: list[str | None] = [None] * len(analysis._RAW.analyze(text))
    for token in analysis.STEMMED.pre_tokenize(text).tokens:
        words[token.position] = token.text
    return " ".join(
        f"{a}_{b}" if a is not None and b is not None else "_" for a, b in itertools.pairwise(words)
    )


def test_remembered_stems_give_the_pairs_of_a_whole_text_stemmed_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stems are remembered by word across texts, and forgotten when too many: every text
    still gets exactly its own pairs (cases, accents, numbers, over-long words)."""
    texts = [doc.text for doc in [*corpus(), *phrase_corpus()]]
    texts += [
        f"Sentencias SENTENCIA sentenció {LONG} Daños daño DAÑO 1234/2023 niñez NIÑEZ",
        "é" * 20 + " Árbol arbol ÁRBOL " + "x" * 39 + " fin " + "ñ" * 19 + "a",
    ]
    for size in (40, 100_000):  # forgotten at every text; kept
        monkeypatch.setattr(analysis, "STEM_CACHE_SIZE", size)
        monkeypatch.setattr(analysis, "_CACHE", ({}, {}))
        native = analysis.native_pair_terms(size)  # the same in Rust, where installed
        for _ in range(2):  # first unseen, then remembered (or forgotten)
            for text in texts:
                assert analysis.python_pair_text(text) == reference_pairs(text)
                assert native is None or native.pair_text(text) == reference_pairs(text)
                assert pair_text(text) == reference_pairs(text)


def test_an_index_without_the_pair_fields_is_rebuilt_or_refused(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    folder.mkdir()
    old = tantivy.SchemaBuilder()
    old.add_text_field("id", stored=True, tokenizer_name="raw")
    old.add_text_field("text", stored=True)
    index = tantivy.Index(old.build(), path=str(folder))
    writer = index.writer(20 << 20, 1)
    writer.add_document(tantivy.Document(id="viejo", text="daño moral"))
    writer.commit()
    writer.wait_merging_threads()
    del writer, index
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        TantivyStore(folder)
    store = TantivyStore(folder, replace_outdated=True)
    assert store.replaced and store.count() == 0
    store.upsert(corpus())
    assert {h.id for h in store.search(SearchQuery(q='"daño moral"')).hits} == {"sen-001"}
