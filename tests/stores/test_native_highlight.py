"""The native highlighter (``native/src/highlight.rs``) gives each hit the very fragment
``tantivy_store._highlights`` gives, byte for byte: the passage chosen, the snippet of it,
what is marked and merged, the escaping and the fallbacks, on texts with accents,
capitals, ñ and ü, over-long words, punctuation, repeated words and several KB; a text
it cannot vouch for (a character outside what Python and Rust read alike) is left to
Python, and the store's answer is the same either way."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.legal_corpus import LegalCorpus
from indexer.highlight import passage_finder, plan
from indexer.query import parse_query
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import (
    SNIPPET_CHARS,
    TantivyStore,
    _has_words,
    _highlights,
    compile_node,
    marking,
)

LONG = "anticonstitucionalidadesextraordinariamentecomplicadas"  # 54 chars: dropped
WORDS = [
    "amparo", "Amparo", "AMPARO", "amparos", "daño", "Daño", "DAÑO", "dano", "moral",
    "morales", "pensión", "Pensión", "PENSIÓN", "pension", "alimenticia", "robo", "víctima",
    "victima", "Víctimas", "constitucionalidad", "Constitución", "constitucional", "laboral",
    "niñez", "Niñez", "NIÑEZ", "pingüino", "vergüenza", "Vergüenza", "superior", "interés",
    "de", "la", "el", "los", "en", "suspensión", "definitiva", "indemnización",
    "indemnizar", "juicio", "penal", "sentencia", "Sentencias", LONG, LONG.upper(),
    "año", "2019", "1234/2023", "a_b", "señor", "Señora", "ÚLTIMO", "último",
]  # fmt: skip
PUNCTUATION = [
    " ", " ", " ", " ", ", ", ". ", "; ", ": ", " — ", " (", ") ", " «", "» ", ' "', '" ',
    " '", "' ", " & ", " < ", " > ", "¿", "? ", "¡", "! ", "\n", "\t", "  ", "…", " - ",
    "\u00a0", "/",
]  # fmt: skip
# characters Python and Rust do not read alike (a ligature, Greek, a combining accent, a
# circled letter): Python's turn
UNPLAIN = ["ﬁ", "Σ", "ς", "e\u0301", "Ⓐ"]
# characters both read alike, but not as the rest: a capital that lowers to two
# characters, one that lowers to a longer one, a title-case digraph, the information
# separator Python takes for a space, a no-break space, an ordinal, a superscript digit
TRICKY = ["İ", "Ⱥ", "ǅ", "\u001f", "\u00a0", "ª", "²"]
# symbols of real sentences both read alike: a minus sign, a Word bullet (private use),
# a bullet, an arrow, a box line
SYMBOLS = ["−", "\uf0b7", "●", "→", "─", "∑"]
TRICKY += SYMBOLS

QUESTIONS = [
    "amparo",
    "daño",
    "DAÑO moral",
    '"daño moral"',
    '"interés superior de la niñez"',
    '"daño moral"~3',
    '"pensión alimenticia"~2',
    '"moral daño"~3',
    '"definitiva pensión"~1',
    '"niñez interés"~4',
    "constitu*",
    "indemniz*",
    "juicio constitu*",
    "vergüenza pingüino",
    "niñez OR víctima",
    "amparo -penal",
    "NOT amparo",
    "de la",
    "titulo:amparo",
    'texto:"daño moral"',
    "materia:penal",
    "amparo OR materia:laboral",
    LONG,
    f"{LONG} amparo",
    "",
    "palabraquenoexiste",
    "señor*",
    "últim*",
    "a_b",
    "2019",
    # a telling word in no text, short words in many: the short ones place the passage
    "palabraquenoexiste no",
    "palabraquenoexiste el y",
    '"palabraquenoexiste de" la',
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TantivyStore]:
    """An index of the legal corpus and of documents of the words above (the snippet
    generator weighs a question's terms by how many documents hold them)."""
    path = tmp_path_factory.mktemp("highlight") / "index"
    writer = TantivyStore(path, native=False)
    docs = list(LegalCorpus(300, seed=99))
    texts = [" ".join(WORDS[i::7]) for i in range(7)] + [LONG + " amparo " * 3]
    extra = [
        doc.model_copy(update={"id": f"{doc.id}-h{i}", "text": text})
        for i, (doc, text) in enumerate(zip(docs, texts, strict=False))
    ]
    assert not writer.upsert(docs + extra).errors
    writer.close()
    native = TantivyStore(path)
    native.search(SearchQuery(q="amparo"))
    assert native._native is not None
    yield native


def both(store: TantivyStore, q: str, texts: list[str]) -> tuple[list, list]:
    """(native, Python) highlights of ``texts`` for the question ``q``."""
    tree = parse_query(q)
    finder = passage_finder(plan(tree))
    searcher = store._searcher()
    generator = None
    if _has_words(tree):
        words = compile_node(store.schema, tree, pairs=False)
        generator = tantivy.SnippetGenerator.create(searcher, words, store.schema, "text")
        generator.set_max_num_chars(SNIPPET_CHARS)
    assert store._native is not None
    native = store._native.index.highlights(marking(tree, finder), texts)
    python = [_highlights(generator, text, finder) for text in texts]
    return native, python


def corpus_text(seed: int, repeat: int) -> str:
    import random

    rng = random.Random(seed)
    parts = []
    for _ in range(60):
        parts.append(rng.choice(WORDS))
        parts.append(rng.choice(PUNCTUATION))
    return "".join(parts) * repeat


TEXTS = [
    "",
    "   ",
    "amparo",
    "Sin palabra alguna de la pregunta, solo texto cualquiera " * 30,
    "El <b>amparo</b> & el \"daño\" 'moral' de la niñez > todo " * 40,
    f"{LONG} {LONG} amparo {LONG} daño moral",
    "DAÑO MORAL. Daño Moral; daño-moral; daño_moral; dañomoral " * 25,
    "El interés superior de la niñez: el interés, superior, de la niñez " * 20,
    "constitucional constitución constitucionalidad anticonstitucional " * 30,
    "x " * 700 + "amparo daño moral" + " y" * 700,
    "amparo " + "relleno " * 200 + "daño moral " + "relleno " * 200 + "niñez pensión",
    "İ" + "amparo daño moral " * 50,
    "relleno " * 300 + "no procede el amparo y la revisión " + "relleno " * 300,
    "relleno " * 100 + "Ⱥ AMPARO DAÑO MORAL İ " * 30,
    "ǅ\u001famparo\u001fdaño\u00a0moral ª² " * 60,
    "\uf0b7 Amparo − daño moral → ● niñez ─ ∑ " * 40,
    # a phrase's words close together but apart, the phrase itself further on
    "Un daño, y lo moral; el daño y lo moral. " + "relleno " * 150 + "el daño moral causado",
    "El interés superior, de la niñez. " + "relleno " * 150 + "interés superior de la niñez",
    "La pensión y la resolución muy definitiva. " + "relleno " * 150 + "pensión definitiva",
    "La definitiva pensión. " + "relleno " * 150 + "definitiva, la pensión " + "relleno " * 150,
    # a word too long to be indexed between them: the index holds them side by side
    "daño y moral " + "relleno " * 150 + f"el daño {LONG} moral; la pensión {LONG} definitiva",
    "daño_moral pensión_definitiva " * 30 + "relleno " * 150 + "daño, moral",
] + [corpus_text(seed, repeat) for seed in range(12) for repeat in (1, 8)]


@pytest.mark.parametrize("q", QUESTIONS)
def test_every_question_on_every_text(store: TantivyStore, q: str) -> None:
    native, python = both(store, q, TEXTS)
    assert native == python


def test_a_text_python_and_rust_read_apart_is_left_to_python(store: TantivyStore) -> None:
    texts = [f"amparo {odd} daño moral" for odd in UNPLAIN]
    native, python = both(store, '"daño moral" amparo', texts)
    assert native == [None] * len(texts)
    assert all(found and "<mark>" in found[0] for found in python)


word = st.sampled_from(WORDS)
text_part = st.one_of(
    word,
    word,
    word,
    st.sampled_from(PUNCTUATION),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(TRICKY),
    st.text(alphabet="abcdeñüáéíóúÁÉÑÜ0123456789_ .,;-«»&<>\"'", max_size=12),
)
texts = st.builds(
    lambda parts, repeat: "".join(parts) * repeat,
    st.lists(text_part, max_size=80),
    st.sampled_from([1, 1, 2, 12, 40]),  # up to several KB, the same words again
)
phrase = st.builds(
    lambda ws, slop: '"' + " ".join(ws) + '"' + (f"~{slop}" if slop else ""),
    st.lists(word, min_size=2, max_size=4),
    st.sampled_from([0, 0, 2]),
)
# a prefix needs two letters or digits before its star (``a_b*`` is a syntax error)
prefix = st.builds(
    lambda w: w[: max(2, len(w) // 2)] + "*", st.sampled_from([w for w in WORDS if w.isalnum()])
)
atom = st.one_of(word, phrase, prefix, st.sampled_from(["materia:penal", "titulo:daño"]))
clause = st.one_of(atom, atom, st.builds(lambda a: f"-{a}", atom))
questions = st.builds(
    lambda parts, joiner: joiner.join(parts),
    st.lists(clause, min_size=1, max_size=4),
    st.sampled_from([" ", " OR ", " AND "]),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=questions, text=texts)
def test_random_questions_and_texts_highlight_alike(store: TantivyStore, q: str, text: str) -> None:
    native, python = both(store, q, [text])
    assert native == python


def test_symbols_of_real_sentences_are_highlighted_natively(store: TantivyStore) -> None:
    texts = [f"{symbol} amparo {symbol} daño moral {symbol}" for symbol in SYMBOLS]
    native, python = both(store, '"daño moral" amparo', texts)
    assert None not in native
    assert native == python
    assert all("<mark>" in found[0] for found in native)


REAL = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus")) / "real"
REAL_QUESTIONS = ['"interés superior"', "amparo OR inconstitucionalidad", "constitu*", "quejos*"]


@pytest.mark.skipif(not REAL.exists(), reason="the shared real corpus is absent")
@pytest.mark.parametrize("q", REAL_QUESTIONS)
def test_real_sentences_are_highlighted_natively_as_python_does(
    store: TantivyStore, q: str
) -> None:
    texts = [
        json.loads(path.read_text(encoding="utf-8"))["text"]
        for path in sorted((REAL / "scjn-sentencias").glob("*.json"))
    ]
    native, python = both(store, q, texts)
    assert native == python
    assert None not in native  # none of them is left to Python


def test_the_store_answers_alike_with_texts_left_to_python(tmp_path: Path) -> None:
    """Whole answers (hits, scores, highlights) of the native store and the tantivy-py
    store on documents whose texts are plain, several KB, or hold a character left to
    Python: the same, byte for byte."""
    path = tmp_path / "index"
    docs = list(LegalCorpus(120, seed=5))
    for i, doc in enumerate(docs[:60]):
        odd = UNPLAIN[i % len(UNPLAIN)] if i % 3 == 0 else ""
        docs[i] = doc.model_copy(update={"text": f"{odd}{TEXTS[i % len(TEXTS)]} {doc.text}"})
    writer = TantivyStore(path, native=False)
    assert not writer.upsert(docs).errors
    writer.close()
    native, python = TantivyStore(path), TantivyStore(path, native=False)
    for q in QUESTIONS:
        query = SearchQuery(q=q, limit=40)
        mine, theirs = native.search(query), python.search(query)
        assert native._native is not None
        assert mine.model_dump_json() == theirs.model_dump_json()
