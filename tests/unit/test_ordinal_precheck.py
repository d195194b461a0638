"""The quick look that spares most queries the walk misses no ordinal and no legal
abbreviation: every spelling of 1 to 99 and every abbreviation's form, in any case,
still reaches ``with_spellings`` and is expanded."""

from __future__ import annotations

import unicodedata

import pytest

from indexer.query import And, Or, Phrase, Term, parse_query
from indexer.query.abbreviations import GROUPS
from indexer.query.ordinals import _spellings_of
from indexer.query.spellings import may_have_spellings

SPELLINGS = sorted(
    {
        form
        for n in range(1, 100)
        for gender in (False, True)
        for form in _spellings_of(n, gender, alone=False)
    }
)
ABBREVIATIONS = sorted({form for group in GROUPS for form in group})


@pytest.mark.parametrize("forms", [SPELLINGS, ABBREVIATIONS], ids=["ordinals", "abbreviations"])
def test_every_spelling_is_looked_at(forms: list[str]) -> None:
    for form in forms:
        for written in (form, form.upper(), form.capitalize(), unicodedata.normalize("NFD", form)):
            assert may_have_spellings(f"Juzgado {written} de Distrito"), written
        first = parse_query(f'"Sala {form.upper()}"')
        assert isinstance(first, Or) and len(first.items) > 1, form


def test_a_query_without_ordinals_keeps_its_tree() -> None:
    assert not may_have_spellings('(robo OR fraude OR despojo) AND víctima -"daño moral"')
    assert parse_query("amparo AND pensión") == And((Term("amparo"), Term("pensión")))


def test_numbers_past_the_ordinals_and_other_words_are_left_as_typed() -> None:
    assert parse_query('"sala 100o"') == Phrase("sala 100o")
    assert parse_query('"artista famoso"') == Phrase("artista famoso")
    assert parse_query("arte") == Term("arte")
