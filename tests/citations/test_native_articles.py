"""The Rust article reader (``native/src/articles.rs``) reads what ``articles.py`` reads:
the same citations, keys (law, article, decimal part, suffix), words and offsets (code
points), in the same order, on generated texts made to trip it (ranges, suffixes, parts,
"del mismo ordenamiento", a law named before, state laws, abbreviations in capitals or
not, look-arounds' edges, odd spaces, accents), on the hand-judged passages glued
together, on texts dense with characters of two and three bytes, and on the shared real
sentences when present. A text it does not read is read by Python.
"""

from __future__ import annotations

import random
import re

import pytest

from bench.citations import HELD_OUT, judged_passages
from indexer.citations import articles, extract_citations, native
from indexer.citations.laws import fold
from tests.citations.test_native import (
    OTHERS,
    REAL,
    SPACES,
    bench_texts,
    read_alike,
    real_texts,
    sprinkled,
    widened,
)

abierto_native = pytest.importorskip("abierto_native")
SCANNER = native.make_article_scanner(abierto_native)

SNIPPETS = (
    "artículo 14 de la Constitución Política de los Estados Unidos Mexicanos",
    "art. 1o. CPEUM",
    "art. 1o. cpeum",
    "artículo 1°. de la Constitución Federal",
    "artículos 17 y 20 del Código Nacional de Procedimientos Penales",
    "fracciones II y III del artículo 5 de la Ley de Amparo",
    "artículos 14 a 16 constitucionales",
    "artículos 1 a 300 de la Ley Federal del Trabajo",
    "artículos 16 a 14 de la LFT",
    "artículo 4.95 del Código Civil del Estado de México",
    "artículo 4.95 del Código Civil para el Estado de Jalisco",
    "artículo 123 bis del Código Penal Federal",
    "artículo 7-ter de la Ley del Seguro Social",
    "el artículo 19, numeral 1, inciso b), de la Ley de Amparo",
    "los numerales 259 y 265 del Código Nacional de Procedimientos Penales",
    "conforme al numeral 5 de la Ley de Amparo",
    "y 53, numeral 1, inciso a), de la Ley de Amparo",
    "los artículos 96 de la CPEUM; el decreto, y 53, numeral 1, inciso a), de la LGSMIME",
    "los artículos 96 de la CPEUM; el decreto, 53, numeral 1, de la LGSMIME",
    "los artículos 96 de la CPEUM.\nY 53, numeral 1, de la LGSMIME",
    "los artículos 96 de la CPEUM; el punto 3, numeral 1, de la LGSMIME",
    "artículos 52, 53, numeral 1, inciso a), de la LGSMIME",
    "los artículos 9 del CPF; también ñ, y 53, numeral 1, de la LGSMIME",
    "el 4o., numeral 2 de la Ley de Amparo",
    "el punto 3 , numeral 2 de la Ley de Amparo",
    "los diversos 12 y 13 del mismo ordenamiento",
    "el artículo 9 de este ordenamiento",
    "artículo 3 del código en cita",
    "artículo 8 de dicha ley",
    "el artículo 2 del citado tratado",
    "la Ley de Amparo, en su artículo 5",
    "el Código Fiscal de la Federación, conforme a su artículo 33",
    "artículo 311 del Código Civil para el Estado de Guanajuato",
    "artículo 17 del Código Penal para el Distrito Federal",
    "artículo 40 de la Constitución Política de la Ciudad de México",
    "artículo 2 de la Constitución Política del Estado Libre y Soberano de Puebla",
    "artículo 10 de la Constitución local",
    "artículo 1 de la Convención Americana sobre Derechos Humanos",
    "artículos 14, 16 y 17, fracción II, de la Carta Magna",
    "artículo 1 de la CADH y 2 del PIDCP",
    "artículo 5 de la cadh",
    "artículo 107, fracción VIII, en relación con el diverso 84 de la Ley de Amparo",
    "artículos 14 y 16 de la Constitución, así como 3 de la Ley General de Salud",
    "artículo 1, párrafo tercero, de la Constitución",
    "artículo 4o., último párrafo, constitucional",
    "artículo 5 en su porción normativa que dice “la ley”, de la Ley Agraria",
    "Ley Reglamentaria de las Fracciones I y II del Artículo 105 de la Constitución "
    "Política de los Estados Unidos Mexicanos, artículo 19",
    "Ley de Amparo, Reglamentaria de los artículos 103 y 107 de la Constitución",
    "artículo 12345 de la Ley Agraria",
    "artículo 5.3.2 de la LGSMIME",
    "artículos 14/2020 de la Ley de Amparo",
    "artículos 3, 4, e 5 de la Ley de Amparo",
    "artículo 6, incisos a, b y c, de la LGIPE",
    "artículo 1 de la actual Ley de Amparo; 38 de la Ley Orgánica del Poder Judicial de "
    "la Federación",
    "el diverso 14",
    "según el numeral 3 del acuerdo general",
    "artículo 27 de la Norma Fundamental",
    "artículo 2 del Pacto de San José",
    "artículos 80 y 81 del CFPC",
)


def _mutate(snippet: str, rng: random.Random, others: bool) -> str:
    text = snippet
    if rng.random() < 0.3:
        text = re.sub(" ", lambda _: rng.choice(SPACES), text)
    if rng.random() < 0.2:
        text = text.upper() if rng.random() < 0.5 else text.lower()
    if others and rng.random() < 0.15:
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(OTHERS) + text[at:]
    if rng.random() < 0.15:  # digits, suffixes and separators at the look-aheads' edges
        text = re.sub(r"\d+", lambda m: m.group() + rng.choice(("5", "/1", ",2", ".7", "o")), text)
    if rng.random() < 0.1:
        text = text.replace(",", rng.choice((";", " ,", "")))
    before = rng.choice(("", "", " ", ".", "x", "5", "(", "“", "el ", "la Ley de Amparo, en su "))
    after = rng.choice(("", "", ",", ".", " ", "x", "5", ")", "”", " y 3 de la LFT", " bis"))
    return before + text + after


def generated_texts(count: int, seed: int, others: bool = True) -> list[str]:
    return sprinkled(SNIPPETS, _mutate, count, seed, others)


def glued_passages(count: int, seed: int) -> list[str]:
    """The hand-judged passages (``tests/citations/judged``, held out) glued in random
    order and joins: a citation's end meets the next passage's start."""
    rng = random.Random(seed)
    passages = [p["text"] for p in judged_passages() + judged_passages(HELD_OUT)]
    joins = ("", " ", ", ", "; ", " y ", "\n", " del mismo ordenamiento ")
    return [
        "".join(rng.choice(passages) + rng.choice(joins) for _ in range(rng.randrange(1, 8)))
        for _ in range(count)
    ]


def _python(text: str) -> list:
    return list(articles.find_articles(text, fold(text)))


def _rust(text: str) -> list | None:
    raw = SCANNER.articles(text, fold(text))
    return None if raw is None else list(native._articles(text, raw))


def _compare(texts: list[str]) -> int:
    return read_alike(texts, _rust, _python)


def test_generated_texts_read_as_python_reads_them() -> None:
    texts = generated_texts(3000, seed=14)
    assert sum(len(_python(t)) for t in texts) > 6000  # they do cite
    assert _compare(texts) > 1500  # and most are read in Rust (others hold "٣", "ß"…)


def test_judged_passages_glued_read_as_python_reads_them() -> None:
    texts = glued_passages(1500, seed=5)
    assert sum(len(_python(t)) for t in texts) > 1500
    assert _compare(texts) == len(texts)


def test_bench_documents_and_long_texts_read_as_python_reads_them() -> None:
    texts = bench_texts(generated_texts)
    assert _compare(texts) == len(texts)


def test_texts_dense_with_wide_characters_read_as_python_reads_them() -> None:
    """Positions are counted in code points however densely a text holds characters of
    several bytes, also inside the article lists and the laws' names."""
    texts = widened(generated_texts(1500, seed=31, others=False), seed=31)
    assert sum(len(_python(t)) for t in texts) > 1000
    assert _compare(texts) == len(texts)


def test_a_text_of_other_characters_is_left_to_python() -> None:
    for other in ("٣", "ß", "\x1c", "e\u0301"):  # in the folded text too
        text = f"artículo 14 de la Constitución {other} y artículo 5 de la Ley de Amparo"
        assert SCANNER.articles(text, fold(text)) is None
        found = [c for c in extract_citations(text) if c.kind == "article"]
        assert found == _python(text)
    # the Kelvin sign folds to "k": the original is looked at only for a law's capitals
    text = "artículo 14 de la Constitución \u212a y artículo 5 de la Ley de Amparo"
    assert _rust(text) == _python(text) != []
    text = "art. 1o. CPEUM \u212a"
    assert SCANNER.articles(text, fold(text)) is None
    assert [c.key for c in extract_citations(text)] == ["CPEUM art. 1"]


def test_offsets_and_keys() -> None:
    text = "Según el “único” artículo 4.95 del Código Civil del Estado de México — y art. 1o. CPEUM"
    found = _rust(text)
    assert found == _python(text)
    assert [(c.key, text[c.start : c.end]) for c in found] == [
        (
            "Código Civil del Estado de México art. 4.95",
            "artículo 4.95 del Código Civil del Estado de México",
        ),
        ("CPEUM art. 1", "art. 1o. CPEUM"),
    ]


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared real corpus is absent")
def test_real_sentences_read_as_python_reads_them() -> None:
    texts = real_texts()
    assert texts
    assert sum(len(_python(t)) for t in texts) > 50
    assert _compare(texts) >= len(texts) * 0.8


def test_extract_citations_reads_articles_in_rust() -> None:
    """The extension built from this source reads articles (a stale build: none)."""
    assert (
        native.ARTICLES_SOURCE.read_text(encoding="utf-8") == abierto_native.ARTICLE_READER_SOURCE
    )
    assert native.ARTICLE_SCANNER is not None
