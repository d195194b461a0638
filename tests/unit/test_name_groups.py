"""Which stored ponentes and courts a typed name stands for (``indexer.query.names``)."""

from __future__ import annotations

import pytest

from indexer.query.names import GROUP_CAP, NameBook, NameTooBroad, asks_names, holds

BOOK = NameBook(
    {
        "ponente": ["ministro alberto perez dayan", "juan perez ortiz", "perez"],
        "court": ["primera sala de la suprema corte de justicia de la nacion", "sala penal"],
    }
)


def test_the_typed_words_all_in_one_value_in_any_order() -> None:
    assert set(BOOK.group("ponente", "Dayán, Pérez")) == {
        "dayan, perez", "ministro alberto perez dayan"
    }  # fmt: skip
    assert BOOK.group("ponente", "Pérez Ortiz Dayán") == ("perez ortiz dayan",)  # no one value
    assert BOOK.group("ponente", "pere") == ("pere",)  # whole words
    assert BOOK.group("court", "Primera_Sala")[1:] == (
        "primera sala de la suprema corte de justicia de la nacion",
    )
    # the typed value comes first: a value written later under that very name still matches
    assert BOOK.group("court", "Sala Penal")[0] == "sala penal"
    assert BOOK.group("matter", "penal") == ("penal",)  # a field of no names: as typed


def test_a_common_word_is_refused_unless_it_is_a_whole_value() -> None:
    many = [f"juez {n} de prueba" for n in range(GROUP_CAP)] + ["de"]
    book = NameBook({"ponente": many})
    with pytest.raises(NameTooBroad) as refused:
        book.group("ponente", "prueba")
    assert refused.value.found == GROUP_CAP and "los dos apellidos" in refused.value.mensaje
    assert book.group("ponente", "DE") == ("de",)  # the stored value «de», compared whole
    assert len(NameBook({"ponente": many}, capped=False).group("ponente", "prueba")) > GROUP_CAP


def test_one_document_holds_what_its_value_holds() -> None:
    assert holds("Ministro Alberto Pérez Dayán", "perez dayan")
    assert holds("Sala Penal", "SALA_PENAL") and not holds("Sala Penal", "sala civil")
    assert not holds("Sala Penal", "  ")


def test_which_questions_name_a_person_or_a_court() -> None:
    assert asks_names({"court": ["x"]}, "") and asks_names({}, "Órgano:colegiado amparo")
    assert not asks_names({"court": [" "], "matter": ["penal"]}, "tribunal colegiado")
