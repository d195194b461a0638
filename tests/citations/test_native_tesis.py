"""The Rust tesis reader (``native/src/tesis.rs``, with the quoted rubros read in Python)
reads what ``tesis.py`` reads: the same citations, keys (registros, claves, electoral
tesis), words and offsets (code points), in the same order, on generated texts made to
trip it (spellings of the claves, epochs, numbers at the look-aheads' edges, odd
spaces, accents, capitals), on the hand-judged passages glued together, on texts dense
with characters of two and three bytes, and on the shared real sentences when present.
A text it does not read is read by Python.
"""

from __future__ import annotations

import random
import re

import pytest

from indexer.citations import extract_citations, native, tesis
from indexer.citations.laws import fold
from tests.citations.test_native import (
    OTHERS,
    REAL,
    SPACES,
    WIDE,
    bench_texts,
    read_alike,
    real_texts,
    sprinkled,
    widened,
)
from tests.citations.test_native_articles import glued_passages

abierto_native = pytest.importorskip("abierto_native")
SCANNER = native.make_tesis_scanner(abierto_native)

SNIPPETS = (
    "registro digital 2023456",
    "Registro: 160,123",
    "Registro digital: 2,023,456.",
    "número de registro 123456",
    "Núm. de registro 1234567",
    "IUS 123456",
    "ius no. 0123456",
    "registro núm. 160.123",
    "registro 12345678",
    "registro 123.4567",
    "registros digitales 2021571 y 2012852",
    "registros 2021571, 2012852 e 160123",
    "registros: 2021571,2012852",
    "tesis 1a./J. 12/2020 (10a.)",
    "tesis 1a./J.12/2020",
    "1ª./J. 45/2019",
    "1 a. CXII / 2016",
    "P./J. 3/2019",
    "P. VII/2016",
    "2a. CXII/2016 (10ª.)",
    "2a./J. 7/19",
    "XXI.2o.P.A.30 P",
    "I.3o.C.96 C",
    "I.3 o.C.96 CS",
    "VI.1o.A. J/12",
    "VI.1º.A. J/12 (9a.)",
    "IV.2°.C.5 K",
    "PC.I.A. J/123 A",
    "PR.A.C.CN. J/1 A",
    "PC.III.L. J/45 L (11a.)",
    "(I Región)2o.A.12 A",
    "(III Región) 4o.2 L",
    "(V Region)VI.1o.3 A",
    "jurisprudencia 12/2010",
    "solicitud de sustitución de jurisprudencia 3/2019",
    "modificación de\n jurisprudencia 12/2010",
    "interrupcion de la jurisprudencia 12/2010",
    "la sustitucion  de   jurisprudencia 2/2021 y la jurisprudencia 5/2021",
    "Jurisprudencia 4/2019/2",
    "tesis XII/2019",
    "TESIS xii/2019",
    # near misses the Rust reader turns away by their bytes before the pattern is tried
    "tesis jurisprudencial XII/2019",
    "jurisprudencial 3/2019",
    "tesisXII/2019",
    "la jurisprudencia\u00a012/2010 y la tesis\u2003XII/2019",
    "Jurisprudencia\t\n7/2018",
    "XXI.2 o.P.A.30 P",
    "I.ñ3o.C.96 C",
    "el estado. resuelto.",
    "PPC.o.º.°.PR.",
    "registro",
    "de rubro: “DERECHO HUMANO A LA IGUALDAD JURÍDICA.”",
    'Tesis: 1a./J. 3/2020 Registro digital: 2021000 "ACCESO A LA JUSTICIA. SUS ETAPAS."',
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
    if rng.random() < 0.15:  # digits, separators and slashes at the look-aheads' edges
        edge = ("5", "/1", ",2", ".7", ".", "o", "x", " 3")
        text = re.sub(r"\d+", lambda m: m.group() + rng.choice(edge), text)
    if rng.random() < 0.1:
        text = text.replace(".", rng.choice((". ", "", " .")))
    before = rng.choice(("", "", " ", ".", "/", "x", "5", "(", "“", "tesis ", "registro "))
    after = rng.choice(("", "", ",", ".", " ", "x", "5", ")", "/", "”", " y 2012852", "-A"))
    return before + text + after


def generated_texts(count: int, seed: int, others: bool = True) -> list[str]:
    return sprinkled(SNIPPETS, _mutate, count, seed, others)


def glued_snippets(count: int, seed: int) -> list[str]:
    """The snippets glued with no prose between: a match's look-ahead character is the
    next one's first (``…123456,número de registro…``), roman numerals and periods
    strewn in."""
    rng = random.Random(seed)
    joins = ("", " ", ".", "/", ",", "(", ")", "\n", "  ", "º", "°", "ª", "-", "y ")
    strewn = (*WIDE, "I", "V", "X", "C", "o", ".", "P", "1", "2", "a", "/")
    texts = []
    for _ in range(count):
        parts = [
            _mutate(rng.choice(SNIPPETS), rng, others=False) for _ in range(rng.randrange(1, 10))
        ]
        chars = list("".join(part + rng.choice(joins) for part in parts))
        if rng.random() < 0.3:
            for at in range(len(chars) - 1, -1, -1):
                if rng.random() < 0.1:
                    chars.insert(at, rng.choice(strewn))
        texts.append("".join(chars))
    return texts


def _python(text: str) -> list:
    return list(tesis.find_tesis(text, fold(text)))


def _rust(text: str) -> list | None:
    raw = SCANNER.tesis(text, fold(text))
    return None if raw is None else list(native._tesis(text, raw))


def _compare(texts: list[str]) -> int:
    return read_alike(texts, _rust, _python)


def test_generated_texts_read_as_python_reads_them() -> None:
    texts = generated_texts(3000, seed=14)
    assert sum(len(_python(t)) for t in texts) > 4000  # they do cite
    assert _compare(texts) > 1500  # and most are read in Rust (others hold "٣", "ß"…)


def test_judged_passages_glued_read_as_python_reads_them() -> None:
    texts = glued_passages(1500, seed=5)
    assert sum(len(_python(t)) for t in texts) > 300
    assert _compare(texts) == len(texts)


def test_snippets_glued_read_as_python_reads_them() -> None:
    texts = glued_snippets(3000, seed=7)
    assert sum(len(_python(t)) for t in texts) > 6000
    assert _compare(texts) == len(texts)


def test_bench_documents_and_long_texts_read_as_python_reads_them() -> None:
    texts = bench_texts(generated_texts)
    assert _compare(texts) == len(texts)


def test_texts_dense_with_wide_characters_read_as_python_reads_them() -> None:
    """Positions are counted in code points however densely a text holds characters of
    several bytes, also inside the claves ("2º.") and between a registro's words."""
    texts = widened(generated_texts(1500, seed=31, others=False), seed=31)
    assert sum(len(_python(t)) for t in texts) > 1000
    assert _compare(texts) == len(texts)


def test_a_text_of_other_characters_is_left_to_python() -> None:
    for other in ("٣", "ß", "\u212a", "\x1c", "e\u0301", "ſ"):
        text = f"registro digital 2023456 {other} y tesis 1a./J. 12/2020 (10a.)"
        assert SCANNER.tesis(text, fold(text)) is None
        found = [c for c in extract_citations(text) if c.kind == "tesis"]
        assert found == _python(text) != []


def test_a_look_ahead_character_does_not_hide_the_next_citation() -> None:
    text = "registro 123456,número de registro 2023456 y P./J. 3/2019,2a. CXII/2016"
    found = _rust(text)
    assert found == _python(text)
    assert [(c.key, c.start) for c in found] == [
        ("registro 123456", 0),
        ("registro 2023456", 16),
        ("tesis P./J.3/2019", 45),
        ("tesis 2a.CXII/2016", 58),
    ]


def test_offsets_and_keys() -> None:
    text = (
        "Según la “única” tesis 1ª./J. 12/2020 (10a.), la I.3 o.C.96 C — registro "
        "160,123 — y los registros digitales 2021571 y 0012852, de rubro: “DERECHO "
        "HUMANO A LA IGUALDAD JURÍDICA.”"
    )
    found = _rust(text)
    assert found == _python(text)
    assert [(c.key, text[c.start : c.end]) for c in found] == [
        ("registro 160123", "registro 160,123"),
        ("registro 2021571", "2021571"),
        ("registro 12852", "0012852"),
        ("tesis 1a./J.12/2020", "1ª./J. 12/2020 (10a.)"),
        ("tesis I.3o.C.96C", "I.3 o.C.96 C"),
        ("rubro DERECHO HUMANO A LA IGUALDAD JURIDICA", "DERECHO HUMANO A LA IGUALDAD JURÍDICA."),
    ]


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared real corpus is absent")
def test_real_sentences_read_as_python_reads_them() -> None:
    texts = real_texts()
    assert texts
    assert sum(len(_python(t)) for t in texts) > 20
    assert _compare(texts) >= len(texts) * 0.8


def test_extract_citations_reads_tesis_in_rust() -> None:
    """The extension built from this source reads tesis (a stale build: none)."""
    assert native.TESIS_SOURCE.read_text(encoding="utf-8") == abierto_native.TESIS_READER_SOURCE
    assert native.TESIS_SCANNER is not None
