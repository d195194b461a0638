"""The pair terms made in Rust (``abierto_native.PairTerms``) are exactly Python's
(``analysis.python_pair_text``, the fallback where the extension is missing) on any
text, and an index written with either answers every search the same."""

from __future__ import annotations

import itertools
from pathlib import Path

import abierto_native
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.legal_corpus import LegalCorpus
from indexer import analysis
from indexer.stores import SearchQuery, SearchResult
from indexer.stores.tantivy_entry import to_tantivy
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import LONG, corpus, phrase_corpus
from tests.stores.test_phrase_pairs import QUESTIONS, reference_pairs

SPANISH = [
    "Sentencia", "SENTENCIAS", "sentenció", "daño", "Daños", "DAÑO", "moral", "niñez",
    "NIÑEZ", "pingüino", "Güero", "acción", "ACCIÓN", "Árbol", "árbol", "interés",
    "superior", "de", "la", "el", "y", "Juzgado", "Primero", "Civil", "León", "amparo",
    "1234/2023", "art.", "12-B", "Ñandú", "über", "Ætna", "straße", "İstanbul", "ﬁn",
    "café", "CAFÉ", "x²", "٣٤", "日本語", "Ωμέγα",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\n", "\t", ", ", ". ", "; ", "/", "-", "_", "—", "¿", "?", "¡",
              "!", "(", ")", "\u00a0", "\u2003", " 🙂 ", "🇲🇽", "\r\n", "…"]  # fmt: skip
# over-long tokens: 40+ bytes in few letters (é, ñ: two bytes each), or just under
LONG_WORDS = [LONG, "é" * 20, "ñ" * 19 + "a", "x" * 39, "Ñ" * 19, "a" * 40, "b" * 200,
              "Constitucionalidad" * 3, "é" * 19 + "a"]  # fmt: skip

words = st.one_of(
    st.sampled_from(SPANISH),
    st.sampled_from(LONG_WORDS),
    st.text(min_size=1, max_size=50),
    st.text(alphabet="aáeéiíoóuúüñAÁÉÍÓÚÜÑbcdfgz0123456789", min_size=1, max_size=45),
)
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.tuples(words, st.sampled_from(SEPARATORS)), max_size=60).map(
        lambda parts: "".join(w + s for w, s in parts)
    ),
)


@pytest.fixture(scope="module")
def native() -> abierto_native.PairTerms:
    return analysis.native_pair_terms()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_rust_pairs_are_python_pairs(native: abierto_native.PairTerms, text: str) -> None:
    expected = analysis.python_pair_text(text)
    assert native.pair_text(text) == expected
    assert native.pair_text(text) == expected  # remembered stems: the same again
    assert expected == reference_pairs(text)
    assert native.token_stems(text) == analysis.token_stems(text)


@settings(max_examples=100, deadline=None)
@given(batch=st.lists(texts, max_size=6), size=st.integers(min_value=1, max_value=30))
def test_forgetting_stems_never_changes_a_pair(batch: list[str], size: int) -> None:
    """A small memory forgets stems mid-text and between texts: the pairs stay the same."""
    small = analysis.native_pair_terms(size)
    for text in batch * 2:
        assert small.pair_text(text) == analysis.python_pair_text(text)
        assert small.remembered() <= size
    assert small.pair_texts(batch) == [analysis.python_pair_text(t) for t in batch]


def test_edge_texts_give_the_same_pairs(native: abierto_native.PairTerms) -> None:
    cases = [
        "",
        " ",
        "\n\t  \u00a0",
        "palabra",
        "Daño, moral",
        f"a b {LONG} c",
        f"{LONG} a b {LONG} c d",
        f"a b/{LONG}/c d {LONG}",
        "é" * 20 + " a b",
        "🙂🙂 🙂",
        "___",
        "a_b c_d",
        "Ñandú ÑANDÚ ñandú pingüinos PINGÜINOS",
    ]
    for text in cases:
        assert native.pair_text(text) == analysis.python_pair_text(text), text
    assert native.pair_text("Daño, moral") == "dan_moral"
    assert native.pair_text(f"a b {LONG} c") == "a_b _ _"


def test_a_whole_corpus_and_very_long_texts_give_the_same_pairs(
    native: abierto_native.PairTerms,
) -> None:
    docs = list(LegalCorpus(300, seed=7, mix="real"))
    for doc in docs:
        assert native.pair_text(doc.text) == analysis.python_pair_text(doc.text)
        assert native.pair_text(doc.title) == analysis.python_pair_text(doc.title)
    huge = " ".join(itertools.islice(itertools.cycle([d.text for d in docs]), 120))
    assert len(huge) > 1_000_000
    assert native.pair_text(huge) == analysis.python_pair_text(huge)


def test_without_the_extension_python_makes_the_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "El pago del daño moral y de los daños morales"
    with_rust = analysis.pair_text(text)
    monkeypatch.setattr(analysis, "_NATIVE", None)
    assert (
        analysis.pair_text(text)
        == with_rust
        == "el_pag pag_del del_dan dan_moral moral_y y_de de_los los_dan dan_moral"
    )
    assert analysis.pair_texts([text, ""]) == [with_rust, ""]


def written(folder: Path, docs: list, rust: bool) -> TantivyStore:  # type: ignore[type-arg]
    with pytest.MonkeyPatch.context() as patch:
        if not rust:
            patch.setattr(analysis, "_NATIVE", None)
        store = TantivyStore(folder, native=False)
        assert not store.upsert(docs).errors
    return store


def hits(result: SearchResult) -> list[tuple[float, str, list[str]]]:
    return sorted((-(h.score or 0.0), h.id, h.highlights) for h in result.hits)


def test_an_index_written_in_rust_answers_as_one_written_in_python(tmp_path: Path) -> None:
    docs = [*corpus(), *phrase_corpus(), *LegalCorpus(60, seed=11, mix="real")]
    # the entries themselves: every term and stored value
    for doc in docs:
        rust = to_tantivy(doc).to_dict()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(analysis, "_NATIVE", None)
            python = to_tantivy(doc).to_dict()
        assert rust == python
    by_rust = written(tmp_path / "rust", docs, rust=True)
    by_python = written(tmp_path / "python", docs, rust=False)
    phrases = [*QUESTIONS, '"recurso de revisión"', '"amparo directo"', '"suprema corte"',
               '"interés superior"', 'title:"amparo en revisión"', '"de la"']  # fmt: skip
    for q in phrases:
        query = SearchQuery(q=q, limit=100)
        a, b = by_rust.search(query), by_python.search(query)
        assert a.total == b.total and a.total <= 100, q  # every hit on the page
        # the writer's threads order equal scores by chance: compared by score, then id
        assert hits(a) == hits(b), q
    assert by_rust.search(SearchQuery(q='"daño moral"')).total > 0
