"""The readers' shortcuts find what the plain patterns find.

Case types are searched for grouped by their first letter, and a few case-insensitive
readers look for their words in the lowered text before running; a letter that ``re``
takes for an ASCII one ignoring case (the long s, the dotless i) must never make a
shortcut skip what the pattern would have read."""

from __future__ import annotations

import random
import re
import string

import pytest

from indexer.readers import judgments
from indexer.readers.expedientes import TYPE_PHRASES, TYPE_WORDS, TYPE_WORDS_BY_LETTER
from indexer.readers.judgments import read_sentence

# the patterns that run only when one of these words is in the lowered text
GUARDED = [
    (judgments._REGIONAL_PROSE, ("regional",)),
    (judgments._PROSE_COURT, ("suprema", "electoral")),
    (judgments._MATTER_LABEL, ("materia",)),
    (judgments._MATTER_OF_CASE, ("toca", "causa")),
    (judgments._STATEMENT, ("resolver", "resuelve")),
    (judgments._JUDGMENT, ("sentencia", "resoluci", "ejecutoria")),
    (judgments._JUDGMENT, ("definitiva", "interlocutoria", "segunda", "ejecutoria")),
]
ODD = {"s": "ſ", "i": "ı", "I": "İ", "k": "K"}
WRITTEN = [
    "La Primera Sala de la Suprema Corte de Justicia de la Nación resolvió",
    "Sala Regional Xalapa del Tribunal Electoral del Poder Judicial de la Federación, con sede "
    "en Xalapa",
    "la Sala Superior del Tribunal Electoral del Poder Judicial de la Federación",
    "MATERIA: CIVIL",
    "toca penal 12/2023",
    "causa penal 3/2021",
    "V I S T O S para resolver el toca 12/2023",
    "mediante la cual se resuelve el amparo directo en revisión 1309/2023",
    "sentencia definitiva",
    "resolución interlocutoria",
    "sentencia de segunda instancia",
    "ejecutoria",
]


def _spelled(rng: random.Random, text: str) -> str:
    """``text`` in some case, some letters written as their odd twins."""
    text = rng.choice((str, str.upper, str.lower))(text)
    return "".join(ODD[c] if c in ODD and rng.random() < 0.2 else c for c in text)


def test_no_other_letter_is_taken_for_an_ascii_one() -> None:
    """Every character outside ASCII that a case-insensitive pattern takes for an ASCII
    letter either lowers to that letter or is one the shortcut steps aside for."""
    letter = re.compile("[a-z]", re.I)
    for code in range(128, 0x110000):
        char = chr(code)
        if letter.match(char) and char.lower() not in string.ascii_lowercase:
            assert char in judgments._ODD_CASES, hex(code)


@pytest.mark.parametrize("pattern,words", GUARDED)
def test_a_pattern_that_matches_is_never_skipped(pattern: re.Pattern[str], words: tuple) -> None:
    rng = random.Random(7)
    for _ in range(400):
        text = " … ".join(_spelled(rng, w) for w in rng.sample(WRITTEN, 3))
        if pattern.search(text):
            assert judgments._may_hold(judgments._lowered(text), *words), text


def test_odd_letters_read_as_the_pattern_reads_them() -> None:
    """A court, a matter and a judgment's kind written with the long s are read as
    ``re`` reads them ignoring case (here: found), the shortcut notwithstanding."""
    reading = read_sentence(
        "MATERIA: CIVIL\nEsta Primera Sala de la ſuprema Corte de Justicia de la Nación dicta "
        "ſentencia definitiva en el toca civil 12/2023."
    ).values
    assert reading["matter"] == "civil"
    assert reading["judgment_type"] == "sentencia definitiva"
    assert reading["court"] == "Primera Sala de la SCJN"


def test_types_grouped_by_letter_find_what_the_plain_list_finds() -> None:
    rng = random.Random(11)
    phrases = list(TYPE_PHRASES)
    for flags in (0, re.IGNORECASE):
        plain = re.compile(rf"(?<![\w.])(?:{TYPE_WORDS})(?![\w])", flags)
        grouped = re.compile(rf"(?<![\w.])(?:{TYPE_WORDS_BY_LETTER})(?![\w])", flags)
        for _ in range(300):
            text = " ".join(_spelled(rng, p) + rng.choice(("", "s", " 12/2023", ".")) for p in
                            rng.sample(phrases, 4))  # fmt: skip
            assert [m.span() for m in plain.finditer(text)] == [
                m.span() for m in grouped.finditer(text)
            ]


FORMULAS = [
    "Ciudad de México. Acuerdo de la Primera Sala, en sesión correspondiente al trece de "
    "agosto de dos mil veinticinco, emite la siguiente",
    "la sesión pública ordinaria celebrada el día 12 de marzo de 2024",
    "correspondiente a la sesión de veinte de octubre de dos mil veintidós",
    "LA SESIÓN REMOTA NO PRESENCIAL VERIFICADA EN DÍA\nquince de enero\n\nde 2020",
    "en sesión de 3 de mayo de 2021",  # a cited session: no formula
    "Correspondiente a la Sesión Privada del Día primero de julio de dos mil diecinueve",
]


def test_the_formula_twin_finds_what_the_formula_finds() -> None:
    """Found through the lowered text or not, the same formulas at the same places, with
    the same dates (the long s, the dotless i and the Kelvin sign among them)."""
    rng = random.Random(5)
    found = 0
    for _ in range(400):
        text = " … ".join(_spelled(rng, f) for f in rng.sample(FORMULAS, 3))
        text += rng.choice(("", "\n\n", " en sesión", " sesión "))
        plain = [(m.span(), m.groupdict()) for m in judgments._FORMULA.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in judgments._formulas(text)] == plain
        found += len(plain)
    assert found > 400


def test_the_formula_twin_reads_each_letter_as_the_pattern_does() -> None:
    """Every character the lowered text keeps (all but ``_ODD_CASES``) lowers to one
    character, and to a letter of the formula exactly when ``re`` takes it for that
    letter ignoring case: the twin over the lowered text sees what the pattern sees."""
    kept = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
                   and chr(c) not in judgments._ODD_CASES)  # fmt: skip
    assert all(len(c.lower()) == 1 for c in kept)
    for letter in sorted(set(re.sub(r"\\.|[^a-záéíóúñü]", "", judgments._FORMULA_LOW.pattern))):
        by_re = set(re.findall(letter, kept, re.IGNORECASE))
        assert by_re == {c for c in kept if c.lower() == letter}, letter


def test_line_start_patterns_find_what_the_plain_patterns_find() -> None:
    """The place-and-date lines and the closing paragraphs, looked for after line breaks
    once the start was tried, are those ``(?:^|\\n)`` finds: at the start, after an
    opening line break, one after another."""
    rng = random.Random(9)
    lines = [
        "Ciudad de México, a quince de marzo de dos mil veinte.",
        "Toluca, Estado de México, treinta de",
        "Así lo resolvió la Primera Sala, en sesión de 3 de mayo de 2021.",
        "POR UNANIMIDAD de votos lo resolvió el Pleno",
        "  Monterrey, Nuevo León, 12 de enero de 2024",
        "texto sin fecha",
        "",
    ]
    found = 0
    for _ in range(400):
        text = "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 6)))
        for lines_pattern in (judgments._PLACE_DATE, judgments._CLOSING):
            plain = [(m.span(), m.groups()) for m in lines_pattern.whole.finditer(text)]
            assert [(m.span(), m.groups()) for m in lines_pattern.finditer(text)] == plain
            found += len(plain)
    assert found > 400
    with pytest.raises(ValueError):
        judgments._LineStarts("x", re.MULTILINE)


def test_the_background_heading_is_found_where_multiline_finds_it() -> None:
    for text in ("ANTECEDENTES\nx", "x\n\n  I. RESULTANDO\n", "x\nR E S U L T A N D O S", "x\nnada",
                 "\nANTECEDENTES", "ANTECEDENTESX\nRESULTANDO"):  # fmt: skip
        plain = judgments._BACKGROUND.search(text)
        expected = min(judgments.HEAD_CHARS, plain.start() if plain else len(text))
        assert judgments._head_end(text) == expected, text
