"""The quick look that spares most queries the ordinal walk misses no ordinal: every
spelling of 1 to 10, in any case, still reaches ``with_ordinals`` and is expanded."""

from __future__ import annotations

import unicodedata

import pytest

from indexer.query import And, Or, Term, parse_query
from indexer.query.ordinals import _spellings_of, may_name_ordinal

SPELLINGS = sorted(
    {form for n in range(1, 11) for gender in (False, True) for form in _spellings_of(n, gender)}
)


@pytest.mark.parametrize("form", SPELLINGS)
def test_every_spelling_is_looked_at(form: str) -> None:
    for written in (form, form.upper(), form.capitalize(), unicodedata.normalize("NFD", form)):
        assert may_name_ordinal(f"Juzgado {written} de Distrito"), written
    first = parse_query(f"Sala {form.upper()}").items[1]
    assert isinstance(first, Or) and len(first.items) > 1


def test_a_query_without_ordinals_keeps_its_tree() -> None:
    assert not may_name_ordinal('(robo OR fraude OR despojo) AND víctima -"daño moral"')
    assert parse_query("amparo AND pensión") == And((Term("amparo"), Term("pensión")))
