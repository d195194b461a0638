"""A ruling typed as a journalist writes it names one stored value and every spelling of
its meaning; never a value of another meaning (an amparo granted is never one denied)."""

from __future__ import annotations

import collections

import pytest

from indexer.query.rulings import RULING_FORMS
from indexer.query.values import keyword_value, keyword_values


@pytest.mark.parametrize(
    ("typed", "value"),
    [("sobresee", "sobreseer"), ("Sobreseído", "sobreseer"), ("SOBRESEIMIENTO", "sobreseer"),
     ("Se  sobresee", "sobreseer"), ("sobreseyó", "sobreseer"), ("revocó", "revocar"),
     ("ampara", "amparar"), ("Se concede el amparo", "amparar"), ("no ampara", "no amparar"),
     ("niega el amparo", "no amparar"), ("absuelve", "absolutorio"),
     ("Condenatoria", "condenatorio"), ("sin materia", "declarar sin materia"),
     ("Nulidad", "declarar la nulidad"), ("se declara la nulidad", "declarar la nulidad"),
     ("Reponer Procedimiento", "reponer procedimiento")],
)  # fmt: skip
def test_a_typed_form_names_its_value(typed: str, value: str) -> None:
    assert keyword_value("ruling", typed) == value
    assert value in keyword_values("ruling", typed)


def test_no_form_names_two_meanings() -> None:
    forms = collections.Counter(f for group in RULING_FORMS.values() for f in group)
    assert [form for form, n in forms.items() if n > 1] == []
    assert not set(forms) & set(RULING_FORMS)
    assert "no amparar" not in keyword_values("ruling", "ampara")
    assert "amparar" not in keyword_values("ruling", "no ampara")


def test_other_fields_keep_one_key() -> None:
    assert keyword_values("court", "Sala  Penal") == ("sala penal",)
