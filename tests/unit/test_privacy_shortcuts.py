"""The guard's shortcuts (lowercase twins of its case-insensitive patterns, and skipping
a family whose required characters a text lacks) find exactly what the full patterns
find: same kinds, same places, on the labelled evaluation set and on texts with the
characters that make lowering inexact."""

from __future__ import annotations

import random
import re
import sys

import pytest

from bench.privacy import document
from indexer.privacy import contact, identifiers, names, redactions
from indexer.privacy.folding import by_first_letter, lowered, twin
from indexer.privacy.guard import _scan, protect

RNG = random.Random(14)
SET = [document(RNG, held_out=i % 3 == 1, blind=i % 3 == 2)[0] for i in range(240)]
TRICKY = [
    "promovido por \u017feñor Juan Pérez López, en contra de la actora MARÍA RUIZ",
    "la víctima, de nombre Ana Ortiz Paz, vive en la Calle Hidalgo 12 \u212aelvin",
    "el quejoso \u0130gnacio Soto Rey; ELIMINADO: nombre. \u00b5 \u0131",
    "Sr. Luis Peña Gómez (parte actora) por su propio derecho; ***; XXX; [DATO PERSONAL]",
]


def _full(text: str) -> list[tuple[int, int, str]]:
    """What the full patterns find, without any shortcut."""
    spans = [
        *identifiers.curps(text), *identifiers.rfcs(text), *identifiers.claves_de_elector(text),
        *identifiers.nss(text), *identifiers.clabes(text), *identifiers.cards(text),
        *identifiers.grouped(text), *contact.emails(text), *contact.phones(text),
        *contact.addresses(text), *names.find(text),
    ]  # fmt: skip
    return sorted((s.start, s.end, s.kind) for s in spans)


def _fast(text: str) -> list[tuple[int, int, str]]:
    low = lowered(text)
    spans = [*identifiers.find(text), *contact.find(text, low), *names.find(text, low)]
    return sorted((s.start, s.end, s.kind) for s in spans)


@pytest.mark.parametrize("text", SET + TRICKY)
def test_shortcuts_find_what_the_full_patterns_find(text: str) -> None:
    assert _fast(text) == _full(text)
    assert redactions.count(text, lowered(text)) == redactions.count(text)


def test_the_evaluation_set_has_findings_of_every_family() -> None:
    """So the comparison above is not between two empty lists."""
    kinds = {kind for text in SET for _, _, kind in _fast(text)}
    assert {"curp", "nss", "clabe", "card", "phone", "email", "address", "name"} <= kinds


def test_a_text_lowering_cannot_mirror_gets_the_full_patterns() -> None:
    assert lowered("el señor Ruiz") == "el señor ruiz"
    for odd in ("\u017f", "\u0131", "\u0130", "\u212a", "\u00b5"):
        assert lowered(f"promovido por {odd}eñor") is None


def test_lowering_agrees_with_re_case_folding_on_every_allowed_character() -> None:
    """For each character the twins may see, re's case-insensitive match against each
    letter of the patterns equals comparing lowercase forms."""
    allowed = "".join(chr(c) for c in range(sys.maxunicode + 1)
                      if not 0xD800 <= c < 0xE000 and lowered(chr(c)) is not None)  # fmt: skip
    letters = "abcdefghijklmnopqrstuvwxyzáéíóúñü"
    for letter in letters + letters.upper():
        by_re = set(re.findall(f"(?i){letter}", allowed))
        by_lowering = {c for c in allowed if c.lower() == letter.lower()}
        assert by_re == by_lowering, letter
    assert all(len(c.lower()) == 1 for c in allowed)
    lookbehind = {c for c in allowed if re.fullmatch("[A-ZÁÉÍÓÚÑÜa-záéíóúñü]", c)}
    assert lookbehind == {c for c in allowed if re.fullmatch("[a-záéíóúñü]", c.lower())}


def test_a_pattern_with_uppercase_escapes_has_no_twin() -> None:
    with pytest.raises(ValueError):
        twin(r"\S+ caso")


def test_masking_is_unchanged_by_the_shortcuts() -> None:
    for text in SET[:60]:
        masked = protect("Título", text, "").text
        assert "[DATO PERSONAL]" in masked or not _full(text)
        assert [(s.start, s.end) for s in _scan(text, lowered(text))] == [
            (s.start, s.end) for s in _scan(text, None)
        ]


def test_alternatives_grouped_by_first_letter_keep_their_order() -> None:
    """Leading groups are opened, each letter's alternatives keep their order (the first
    that matches wins, as before), and an alternative that opens with no plain letter is
    refused rather than grouped wrong."""
    grouped = by_first_letter("(?:la|el) parte|actora?|a favor de|ley|(?:b[|(]c|d)\\)")
    assert grouped == (
        "l(?:(?:a) parte|ey)|e(?:(?:l) parte)|a(?:ctora?| favor de)|b(?:(?:[|(]c)\\))|d(?:(?:)\\))"
    )
    plain = re.compile("en contra de|en contra del|el|ella")
    regrouped = re.compile(by_first_letter(plain.pattern))
    for text in ("en contra del actor", "ella y el", "contra ella en contra de"):
        assert [m.span() for m in regrouped.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
    for refused in ("[ée]l|a", "a?b", "(?:x)?y"):
        with pytest.raises(ValueError):
            by_first_letter(refused)
