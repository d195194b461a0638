"""The Rust scanner (``native/src/citations.rs``) reads what the Python readers read:
the same citations, keys, words, offsets (code points, not bytes), court and order, on
generated texts made to trip it (accents, odd spaces, line breaks, digits of other
scripts, look-arounds' edges, long texts) and on the shared real sentences when present.
A text it does not read (characters the two engines class otherwise) is read by Python.
"""

from __future__ import annotations

import json
import random
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from bench.legal_corpus import LegalCorpus
from indexer.citations import cases, extract_citations, native
from indexer.citations.laws import fold

abierto_native = pytest.importorskip("abierto_native")
REAL = Path("/work/shared/corpus") / "real"
SCANNER = native.make_scanner(abierto_native)

# citations as sentences write them, and the edges of the patterns' look-arounds
SNIPPETS = (
    "amparo en revisión 1234/2023",
    "AR 1234/2023",
    "el AR 1234/2023 del Pleno de la Suprema Corte",
    "contradicción de tesis 45/2019 de la Segunda Sala",
    "SUP-JDC-123/2024",
    "sup - jdc - 0427-2023",
    "SX-JRC-12/2023 y SUP-REC-1/2020",
    "Toca penal 133/2021",
    "toca 9/2018-II",
    "toca 1150/2019/1",
    "Toca Penal 345/2021/2",
    "toca civil número 88/2020/03",
    "tocas 5/2020/1 y 5/2020/12",
    "toca 9/2018/1-II",
    "toca 9/2018/1-ab/c",
    "toca 1150/2019/1234",
    "toca 1150/2019/1/2",
    "toca 1150/2019 / 1",
    "toca penal 1150/2019 /2-II",
    "toca 1150/2019 / 1234",
    "tocas 12/2020 / 13/2021",
    "toca penal 1150/2019-1",
    "toca 1150/2019-01",
    "toca 1150/2019-1234",
    "toca 9/2018 - 2",
    "amparos directos 12/2020, 14/2021 y su acumulada 15/2021",
    "amparos directos 12/2020 y el diverso 14/2021",
    "TECDMX-JLDC-019/2025",
    "JDC/05/2023",
    "TEEM-JDC/12/2021",
    "expediente número 12/2020-CA",
    "juicio de amparo indirecto No. 33/2019",
    "amparo directo en revisión 5/2020 resuelto por la Primera Sala",
    "AD 5/2020, 7/2020 y 8/2020 del Primer Tribunal Colegiado en Materia Civil del Primer Circuito",
    "el ad 5/2020 y la cc 3/2019",
    "acción de inconstitucionalidad 206/2023 y su acumulada 208/2023",
    "controversia constitucional 1/2019-CA",
    "la tesis jurisprudencial 12/2020",
    "oficio 14/2023",
    "recurso de reclamación: 3/2021",
    "a.d. 4/2020",
    "x/AR 1/2020",
    "AR 1/2020/3",
    "AR 1/20201",
    "amparo en revisión 1234 / 2023 - ab",
    "amparo en revisión 12345678/2023",
    "incidente de inejecución 2/2019-ab/c",
    "D.C. 123/2020, R.F. 45/2021 y Q.P. 7/2023",
    "revisión fiscal 45/2021 del Décimo Tercer Tribunal Colegiado en Materia Administrativa",
    "queja civil 12/2022",
    "Washington, D.C. 2020",
)
SPACES = (" ", "  ", "\n", " \n ", "\t", "\u00a0", "\u2009", "\r\n", "\u2028")
OTHERS = ("٣", "３", "ß", "µ", "\u212a", "İ", "\x1c", "e\u0301", "²", "½", "ǅ", "—", "“", "…")


def _mutate(snippet: str, rng: random.Random, others: bool) -> str:
    text = snippet
    if rng.random() < 0.3:
        text = re.sub(" ", lambda _: rng.choice(SPACES), text)
    if rng.random() < 0.2:
        text = text.upper() if rng.random() < 0.5 else text.lower()
    if rng.random() < 0.2:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if others and rng.random() < 0.15:
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(OTHERS) + text[at:]
    if rng.random() < 0.15:
        text = text.replace("/", rng.choice((" / ", "/ ", "-", "//")))
    before = rng.choice(("", "", " ", ".", "-", "/", "x", "5", "(", "“"))
    after = rng.choice(("", "", ",", ".", " ", "-ab", "/", "5", ")", "”", " y 3/2022"))
    return before + text + after


def sprinkled(
    snippets: Sequence[str],
    mutate: Callable[[str, random.Random, bool], str],
    count: int,
    seed: int,
    others: bool,
) -> list[str]:
    """``count`` bench texts, each with one to five of ``snippets`` (mutated) put among its
    words; ``others``: mutations may add characters the two engines class otherwise."""
    rng = random.Random(seed)
    prose = [doc.text for doc in LegalCorpus(60, seed=seed)]
    texts = []
    for _ in range(count):
        words = rng.choice(prose).split(" ")
        for _ in range(rng.randrange(1, 6)):
            snippet = mutate(rng.choice(snippets), rng, others)
            words.insert(rng.randrange(len(words) + 1), snippet)
        texts.append(" ".join(words))
    return texts


def generated_texts(count: int, seed: int, others: bool = True) -> list[str]:
    return sprinkled(SNIPPETS, _mutate, count, seed, others)


def _python(text: str) -> list:
    return list(cases.find_cases(text, fold(text)))


def _rust(text: str) -> list | None:
    folded = fold(text)
    raw = SCANNER.cases(text, folded)
    if raw is None:
        return None
    return list(native._cases(text, raw))


def read_alike(
    texts: list[str], rust: Callable[[str], list | None], python: Callable[[str], list]
) -> int:
    """How many texts ``rust`` read (None: left to Python), each read as ``python`` does."""
    read = 0
    for text in texts:
        found = rust(text)
        if found is None:
            continue
        read += 1
        assert found == python(text), text[:300]
    return read


def _compare(texts: list[str]) -> int:
    return read_alike(texts, _rust, _python)


def test_generated_texts_read_as_python_reads_them() -> None:
    texts = generated_texts(3000, seed=14)
    assert sum(len(_python(t)) for t in texts) > 3000  # they do cite
    assert _compare(texts) > 1200  # and most are read in Rust (others hold "٣", "ß"…)


def test_bench_documents_and_long_texts_read_as_python_reads_them() -> None:
    texts = bench_texts(generated_texts)
    assert _compare(texts) == len(texts)


# characters of two and three bytes both engines class alike (letters, spaces, marks)
WIDE = ("é", "ñ", "Ó", "º", "\u00a0", "“", "”", "—", "…", "\u2009", "€", "→")


def widened(texts: list[str], seed: int) -> list[str]:
    """``texts`` strewn with characters of several bytes, at one of four densities: runs
    of them, lone ones at every distance from the last, and long ASCII stretches between
    (the scanners count a text eight bytes at a time)."""
    rng = random.Random(seed)
    widened = []
    for text in texts:
        chars = list(text)
        density = rng.choice((0.002, 0.02, 0.1, 0.4))
        for at in range(len(chars) - 1, -1, -1):
            if rng.random() < density:
                run = "".join(rng.choice(WIDE) for _ in range(rng.choice((1, 1, 2, 9))))
                chars.insert(at, run)
        widened.append("".join(chars))
    return widened


def bench_texts(generated: Callable[..., list[str]]) -> list[str]:
    """The bench's documents (3 KB and the real mix) and one text of some 1.5 MB."""
    texts = [doc.text for doc in LegalCorpus(300, seed=21)]
    texts += [doc.text for doc in LegalCorpus(30, seed=22, mix="real")]
    texts.append(" ".join(generated(400, seed=23, others=False)))
    return texts


def real_texts() -> list[str]:
    """The shared corpus's SCJN sentences and Jalisco records."""
    texts = [
        json.loads(path.read_text(encoding="utf-8"))["text"]
        for path in sorted((REAL / "scjn-sentencias").glob("*.json"))
    ]
    jalisco = REAL / "pj-jalisco" / "stj-api-records.json"
    if jalisco.is_file():
        records = json.loads(jalisco.read_text(encoding="utf-8"))
        texts += [record.get("text") or "" for record in records]
    return texts


def test_texts_dense_with_wide_characters_read_as_python_reads_them() -> None:
    """Positions are counted in code points however densely a text holds characters of
    several bytes: runs of them, lone ones at every distance from the last, and long
    ASCII stretches between (the scanner counts a text eight bytes at a time)."""
    texts = widened(generated_texts(1500, seed=31, others=False), seed=31)
    assert sum(len(_python(t)) for t in texts) > 1500
    assert _compare(texts) == len(texts)


def test_a_text_of_other_characters_is_left_to_python() -> None:
    for other in ("٣", "ß", "\u212a", "\x1c", "e\u0301"):
        text = f"amparo en revisión 12/2020 {other} AR 3/2021"
        assert SCANNER.cases(text, fold(text)) is None
        assert [c.key for c in extract_citations(text) if c.kind == "case"] == [
            c.key for c in _python(text)
        ]


def test_offsets_are_code_points() -> None:
    text = "Según el artículo “único”, el amparo en revisión 12/2020 … y SUP-JDC-1/2024"
    found = _rust(text)
    assert found == _python(text)
    assert [text[c.start : c.end] for c in found] == [
        "SUP-JDC-1/2024",  # a chamber's cases are read first
        "amparo en revisión 12/2020",
    ]


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared real corpus is absent")
def test_real_sentences_read_as_python_reads_them() -> None:
    texts = real_texts()
    assert texts
    assert _compare(texts) >= len(texts) * 0.8


def test_the_engines_class_every_agreed_character_alike() -> None:
    """Where the scanner reads a text, Python's ``re`` and str methods and the Rust
    engine agree on every character's class, capital and case-insensitive letters."""
    letters = "abcdefghijklmnopqrstuvwxyzáéíóúñüªº"
    agreed = 0
    for point in range(0x3000):
        char = chr(point)
        got = abierto_native.citation_classes(char)
        if not got[0]:
            continue
        agreed += 1
        upper = char.upper()
        python = (
            char.isalnum() or char == "_",
            char.isspace(),
            bool(re.fullmatch(r"\w", char)),
            bool(re.fullmatch(r"\s", char)),
            bool(re.fullmatch(r"\d", char)),
            upper if len(upper) == 1 else None,
        )
        assert got[1:] == python, hex(point)
        for letter in letters:
            same = bool(re.fullmatch(letter, char, re.IGNORECASE))
            assert abierto_native.citation_probe(f"(?i){letter}", char) == same, hex(point)
    assert agreed > 600


def test_many_electoral_cases_are_read_in_bounded_time() -> None:
    """A case number under a chamber's is looked up among them, not compared with each
    (the Python reader's comparisons hang on this text: it has no budget between two
    citations it yields)."""
    text = "SUP-JDC-1/2020 " * 120_000
    began = time.monotonic()
    found = extract_citations(text)
    assert time.monotonic() - began < 30
    assert found and {c.key for c in found} == {"SUP-JDC-1/2020"}


def test_the_extension_is_built_from_this_source_and_reads() -> None:
    """A stale build (``make install`` not run after changing ``citations.rs``) reads
    nothing in Rust: every text goes to Python, and this says so."""
    assert native.SOURCE.read_text(encoding="utf-8") == abierto_native.CITATION_READER_SOURCE
    assert native.SCANNER is not None
