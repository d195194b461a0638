"""The readers try each pattern only where it can start: they must find every match a
scan of the whole text finds, however a citation is spaced, cased or surrounded."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterable

import pytest

from indexer.citations import articles, cases, tesis
from indexer.citations.laws import fold
from indexer.readers.expedientes import ELECTORAL_PATTERN, LOCAL_ELECTORAL_PATTERN
from indexer.spots import matches_at, occurrences, space_before, word_before

WRITTEN = [
    "SUP-JDC-123/2024", "SX - JRC - 12 / 2023", "sup-jdc-0427-2023", "TECDMX-JLDC-019/2025",
    "JDC/05/2023", "(I Región)2o.A.12 A", "(III Región) 4o.2 L", "XXI.2o.P.A.30 P",
    "I.3o.C.96 C", "VI.1o.A. J/12", "PC.I.A. J/123 A", "PR.A.C.CN. J/5 A",
    "1a./J. 12/2020 (10a.)", "P./J. 3/2019", "2a. CXII/2016", "1 a. CXII / 2016",
    "P. VII/2016", "1ª./J. 45/2019", "registro digital 2023456", "Registro: 160,123",
    "registros digitales 2021571 y 2012852", "jurisprudencia 12/2010", "tesis XII/2019",
    "número de registro 123456", "IUS 123456", "el diverso 14", "los  diversos 12 y 13",
    "numeral 5 del CNPP", "arts. 14 y 16 CPEUM", "artículo 1o. constitucional",
    "amparo en revisión 1234/2023", "amparos directos 12/2020 y 14/2021", "Toca 133/2021",
    "de rubro: “DERECHO HUMANO A LA IGUALDAD JURÍDICA.”", '«TESIS AISLADA "CITADA"»',
]  # fmt: skip
FILLERS = ["", " ", "  ", "\n", ".", ",", "(", ")", "/", "-", "a", "X", "1", "º", "ª", "“"]


def variants(count: int, seed: int) -> list[str]:
    """Citations as texts write them: spaced, cased and glued to their neighbours oddly."""
    rng = random.Random(seed)

    def vary(written: str) -> str:
        out = []
        for char in written:
            roll = rng.random()
            if char == " " and roll < 0.2:
                out.append(rng.choice(["", "  ", "\n", "\t"]))
            elif roll < 0.03:
                out.append(rng.choice(FILLERS))
            elif roll < 0.05:
                out.append(char.swapcase())
            else:
                out.append(char)
        return "".join(out)

    return [
        " ".join(
            rng.choice(FILLERS) + vary(rng.choice(WRITTEN)) + rng.choice(FILLERS)
            for _ in range(rng.randint(1, 4))
        )
        for _ in range(count)
    ]


Starts = Callable[[str, str], Iterable[int]]
READERS: dict[str, tuple[re.Pattern[str], bool, Starts]] = {
    # name: (pattern, read on the folded text, where it can start)
    "chamber case": (ELECTORAL_PATTERN, True, lambda o, f: cases._chamber_starts(f)),
    "local electoral case": (
        LOCAL_ELECTORAL_PATTERN, False,
        lambda o, f: cases._local_starts(o, occurrences(f, "/")),
    ),
    "case number": (cases._NUMBER, True, lambda o, f: cases._number_starts(f, occurrences(f, "/"))),
    "registro": (tesis._REGISTRO, False, lambda o, f: occurrences(f, "numero", "ius", "registro")),
    "clave of the Court": (
        tesis._SCJN, False, lambda o, f: tesis._scjn_starts(o, occurrences(f, "/"))
    ),
    "clave of a circuit": (tesis._CIRCUIT, False, lambda o, f: tesis._circuit_starts(o)),
    "electoral tesis": (
        tesis._ELECTORAL, False, lambda o, f: occurrences(f, "jurisprudencia", "tesis")
    ),
    "quoted rubro": (tesis._QUOTED, False, lambda o, f: occurrences(o, '"', "“", "«")),
    "article": (articles._ARTICLE_WORD, True, lambda o, f: articles._article_starts(f)),
}  # fmt: skip


@pytest.mark.parametrize("reader", list(READERS))
def test_trying_a_pattern_where_it_can_start_finds_what_a_full_scan_finds(reader: str) -> None:
    pattern, on_folded, starts = READERS[reader]
    found = 0
    for original in variants(3000, seed=len(reader)):
        folded = fold(original)
        text = folded.upper() if pattern is ELECTORAL_PATTERN else folded
        text = text if on_folded else original
        scanned = [m.span() for m in pattern.finditer(text)]
        tried = [m.span() for m in matches_at(pattern, text, starts(original, folded))]
        assert tried == scanned, original
        found += len(scanned)
    assert found > 100  # the variants do hold what this reader reads


def test_folding_keeps_one_character_for_each() -> None:
    """Lowercase, accents off, one character for one, for every character of the text."""
    chars = "".join(chr(i) for i in range(32, 0x2100) if not 0xD800 <= i < 0xE000)
    expected = "".join(unicodedata.normalize("NFKD", c)[0].lower()[:1] for c in chars)
    assert fold(chars) == expected
    assert fold("Artículo 14 CONSTITUCIÓN “Ñandú”") == "articulo 14 constitucion “nandu”"


def _word_before_by_pattern(text: str, end: int, longest: int) -> int | None:
    """``word_before`` as a pattern says it: the ``\\w`` run ending at ``end``."""
    found = re.search(r"\w+\Z", text[:end])
    if found is None or end - found.start() > longest:
        return None
    return found.start()


@pytest.mark.parametrize("seed", range(3))
def test_the_word_before_a_place_is_the_word_a_pattern_sees(seed: int) -> None:
    rng = random.Random(seed)
    texts = variants(60, seed) + [fold(t) for t in variants(60, seed + 10)]
    texts += ["ab_1ª/", "/", "", "º2o.", "árbol/2020", "x" * 50 + "/"]
    for text in texts:
        for end in {0, len(text), *(rng.randrange(len(text) + 1) for _ in range(12))}:
            for longest in (1, 2, 3, 6, 9, 40):
                assert word_before(text, end, longest) == _word_before_by_pattern(
                    text, end, longest
                ), (text, end, longest)


def test_the_word_before_mixes_ascii_and_other_word_characters_as_a_pattern_does() -> None:
    """``word_before`` strips the ASCII word characters at once and the others one by
    one: runs that mix them ("año2", "x²", "٣4_ñ"), at every place and length."""
    rng = random.Random(9)
    alphabet = "aZ09_ñÉ²٣ªº\u0301 \u00a0./-:"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(25)))
        for end in range(len(text) + 1):
            longest = rng.choice((0, 1, 2, 5, 9, 40))
            expected = _word_before_by_pattern(text, end, longest)
            assert word_before(text, end, longest) == expected, (text, end, longest)


def test_folding_texts_beyond_latin1_keeps_one_character_for_each() -> None:
    """Texts mixing latin-1 with characters beyond it (quotes, dashes, ``µ`` whose fold
    is Greek), each met many times: folded as each character alone folds."""
    rng = random.Random(5)
    alphabet = "aÁéÑñ µ“”—–…‘’«»ﬁ①ΩЖ中\u0301 /.-"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        expected = "".join(unicodedata.normalize("NFKD", c)[0].lower()[:1] for c in text)
        assert fold(text) == expected, text


def test_folding_a_text_beyond_latin1_that_writes_question_marks_keeps_each_one() -> None:
    """Characters beyond latin-1 are marked "?" while the rest is folded by the table: a
    text's own "?", a lone surrogate, a NUL, at its ends or side by side, fold as each
    character alone folds (without "µ", folded apart)."""
    rng = random.Random(15)
    alphabet = "aÁñ ??“”—ﬁΩЖ中\u0301\ud800\x00/."
    texts = ["?", "“", "?“?", "“?“", "\ud800?", "a“"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        expected = "".join(unicodedata.normalize("NFKD", c)[0].lower()[:1] for c in text)
        assert fold(text) == expected, repr(text)


def test_occurrences_are_every_place_each_literal_is_written() -> None:
    """Overlaps included, in order; a literal whose first character the text lacks, or
    that is longer than the text, is nowhere."""
    rng = random.Random(8)
    literals = ["/", "o.", "º.", "°.", "aa", "PC.", "Regi", "registro", "“", "ius"]
    for text in [*variants(80, 8), "aaaa", "º", "Regi", ""]:
        chosen = rng.sample(literals, rng.randint(1, 3))
        expected = sorted(
            m.start() for lit in chosen for m in re.finditer(f"(?={re.escape(lit)})", text)
        )
        assert occurrences(text, *chosen) == expected, (text, chosen)


def test_a_law_is_named_only_where_its_first_word_is_written() -> None:
    """``may_name_a_law`` turns away only places where ``law_at`` finds no law: every word
    of texts naming federal and state laws, and of corpus documents."""
    from bench.legal_corpus import LegalCorpus
    from indexer.citations.laws import FEDERAL_LAWS, FIRST_WORDS, law_at, may_name_a_law

    names = [name for written in FEDERAL_LAWS.values() for name in written]
    names += ["Código Civil para el Estado de Querétaro", "Ley Electoral de la Ciudad de México"]
    texts = [f"el artículo 5 de la {name}, y {name.upper()}." for name in names]
    texts += [doc.text for doc in LegalCorpus(60, seed=2)]
    assert FIRST_WORDS
    found = 0
    for text in texts:
        folded = fold(text)
        for word in re.finditer(r"(?<!\w)(?=[a-z])", folded):
            law = law_at(text, folded, word.start())
            found += law is not None
            assert law is None or may_name_a_law(folded, word.start()), (text, word.start())
    assert found > len(names)


def _circuit_starts_by_search(original: str) -> set[int]:
    """Where a circuit court's clave can start, found as the reader found it before: a
    substring search for each of "PC.", "PR.", "o.", "º." and "°."."""
    starts = set(occurrences(original, "PC.", "PR."))
    for region in occurrences(original, "Regi"):
        roman = space_before(original, region)
        first = tesis._roman_before(original, roman, 4)
        if first < roman and first > 0 and original[first - 1] == "(":
            starts.add(first - 1)
    for mark in occurrences(original, "o.", "º.", "°."):
        digits = mark - 1 if mark and original[mark - 1].isspace() else mark
        number = word_before(original, digits, 2)
        if not number or original[number - 1] != ".":
            continue
        first = tesis._roman_before(original, number - 1, 5)
        if first < number - 1:
            starts.add(first)
    return starts


def test_a_circuit_clave_is_tried_where_five_substring_searches_would_try_it() -> None:
    """The periods the pattern engine finds, looked behind, are every "PC.", "PR.",
    "o.", "º." and "°." of a text: no place a clave can start is left out (nor added),
    glued together, overlapping or at the text's ends."""
    rng = random.Random(12)
    alphabet = ["P", "C", "R", "o", "º", "°", ".", "..", " ", "2", "XI", "(", "PC.", "o.", "“"]
    texts = [*variants(400, 12), "PC.", "o.", ".", "", "PPC.o.º.°.PR.", "XI.2o.", "PC.I.A. J/1 A"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(3000)]
    tried = 0
    for text in texts:
        expected = _circuit_starts_by_search(text)
        assert set(tesis._circuit_starts(text)) == expected, text
        tried += len(expected)
    assert tried > 1000


def test_a_text_is_upper_cased_for_chamber_cases_only_when_it_may_hold_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upper-casing a whole text is skipped when no chamber ("SUP") can stand before a
    hyphen of it: the cases read are those read upper-casing every text with a hyphen,
    among characters upper-casing turns into others or into two ("ß", "ı", "ﬁ")."""
    rng = random.Random(14)
    odd = ["ß", "ı", "ﬁ", "—", "‐", "“", "-", " - ", "sup", "SX", "\n", "ß-"]
    texts = []
    for text in variants(1500, 14):
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(odd) + text[at:]
        texts.append(text)
    texts += ["", "-", "SUP-JDC-1/2024", "ßUP-JDC-1/2024", "x" * 5 + "-", "sup -"]
    read = [list(cases.find_cases(text, fold(text))) for text in texts]
    monkeypatch.setattr(cases, "_may_cite_a_chamber", lambda folded: "-" in folded)
    chambers = 0
    for text, found in zip(texts, read, strict=True):
        assert list(cases.find_cases(text, fold(text))) == found, text
        chambers += sum(c.key.startswith(("SUP-", "SX-")) for c in found)
    assert chambers > 50


def _laws_in_word_by_word(original: str, folded: str, start: int, end: int) -> list:
    """The laws named in ``folded[start:end]`` as the reader read them before: ``law_at``
    tried at each word that ``may_name_a_law``, a law's words skipped once read."""
    from indexer.citations.laws import law_at, may_name_a_law

    found = []
    position = start
    while position < end:
        step = re.compile(r"(?<!\w)(?=[a-z])").search(folded, position, end)
        if step is None:
            break
        at = step.start()
        law = law_at(original, folded, at) if may_name_a_law(folded, at) else None
        if law is not None and law[1] <= end:
            found.append((law[0], at, law[1]))
            position = law[1]
        else:
            after = re.compile(r"\W").search(folded, at, end)
            position = after.end() if after else end
    return found


def test_the_laws_of_a_stretch_are_read_where_a_word_may_begin_one() -> None:
    """``law_starts`` finds in one pass the words ``may_name_a_law`` accepts, and the
    laws read there are those read word by word: stretches cut anywhere (inside a word,
    inside a law's name), over texts naming federal and state laws."""
    from bench.legal_corpus import LegalCorpus
    from indexer.citations.laws import FEDERAL_LAWS, law_starts, may_name_a_law

    rng = random.Random(16)
    names = [name for written in FEDERAL_LAWS.values() for name in written]
    names += ["Código Civil para el Estado de Querétaro", "Ley Electoral de la Ciudad de México"]
    texts = [
        " ".join(rng.choice([*names, "leyes", "la ley", "códigos", "CPEUM", "ñley", "_ley"])
                 + rng.choice(["", " ", ", ", "y", "-"]) for _ in range(rng.randint(1, 8)))
        for _ in range(600)
    ]  # fmt: skip
    texts += [doc.text for doc in LegalCorpus(40, seed=3)]
    laws = 0
    for text in texts:
        folded = fold(text)
        for _ in range(4):
            start = rng.randrange(len(folded) + 1)
            end = rng.randint(start, len(folded))
            expected = [
                m.start()
                for m in re.finditer(r"(?<!\w)(?=[a-z])", folded[:end])
                if m.start() >= start and may_name_a_law(folded, m.start())
            ]
            assert list(law_starts(folded, start, end)) == expected, (text, start, end)
            read = _laws_in_word_by_word(text, folded, start, end)
            assert articles._laws_in(text, folded, start, end) == read, (text, start, end)
            laws += len(read)
    assert laws > 500
