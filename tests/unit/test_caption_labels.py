"""A caption's ``JUICIO:`` label (``JUICIO: ORDINARIO CIVIL``, ``JUICIO: AMPARO DIRECTO``,
``JUICIO DE AMPARO: 345/2024``): its value is the proceeding or the case, never the label
itself, a number run on into it or prose after a colon; and the value says it was read
from the sentence's heading. The captions follow the shapes of first-instance courts' and
district courts' public versions (labels in capitals, a table's cells, a label alone on its
line with the value on the next)."""

from __future__ import annotations

import pytest

from indexer.build import build_document
from indexer.readers.judgments import read_sentence

OPENING = "\n\nLeón, Guanajuato, a tres de marzo de dos mil veinticinco.\n\nVISTOS para resolver.\n"


@pytest.mark.parametrize(
    ("label", "proceeding"),
    [
        ("JUICIO: AMPARO DIRECTO", "amparo directo"),
        ("JUICIO: AMPARO INDIRECTO", "amparo indirecto"),
        ("JUICIO: ORAL MERCANTIL 279/2023", "juicio oral mercantil"),
        ("JUICIO: ESPECIAL HIPOTECARIO.", "juicio especial hipotecario"),
        ("JUICIO: Especial Hipotecario", "juicio especial hipotecario"),
        ("JUICIO | EJECUTIVO MERCANTIL |", "juicio ejecutivo mercantil"),
        ("JUICIO\tEJECUTIVO MERCANTIL", "juicio ejecutivo mercantil"),
        ("TIPO DE JUICIO: SUCESORIO INTESTAMENTARIO", "juicio sucesorio intestamentario"),
        ("JUICIO: JUICIO ORDINARIO CIVIL", "juicio ordinario civil"),
    ],
)
def test_a_juicio_labels_value_is_the_proceeding(label: str, proceeding: str) -> None:
    reading = read_sentence(f"JUZGADO SEGUNDO CIVIL\nEXPEDIENTE: 279/2023\n{label}{OPENING}")
    assert reading.values["proceeding"] == proceeding
    assert reading.values["expediente"] == "279/2023"
    assert reading.sources["proceeding"] == "heading"


def test_a_juicio_label_holding_a_number_gives_no_proceeding_and_a_later_label_is_read() -> None:
    text = f"JUZGADO SEGUNDO CIVIL\nJUICIO: 279/2023\nVÍA: ORDINARIA CIVIL{OPENING}"
    assert read_sentence(text).values.get("proceeding") == "juicio ordinaria civil"
    alone = read_sentence(f"JUZGADO SEGUNDO CIVIL\nJUICIO: 279/2023{OPENING}").values
    assert "proceeding" not in alone and "expediente" not in alone


def test_prose_after_a_juicio_colon_is_no_proceeding() -> None:
    text = f"EXPEDIENTE: 279/2023\njuicio: en el que la parte actora reclama{OPENING}"
    assert "proceeding" not in read_sentence(text).values


@pytest.mark.parametrize(
    ("label", "written"),
    [
        ("JUICIO DE AMPARO: 345/2024-III", "JUICIO DE AMPARO 345/2024-III"),
        ("JUICIO DE AMPARO INDIRECTO: 345/2024", "JUICIO DE AMPARO INDIRECTO 345/2024"),
        ("AMPARO DIRECTO: 512/2024", "AMPARO DIRECTO 512/2024"),
    ],
)
def test_a_case_label_gives_the_case_without_the_labels_colon(label: str, written: str) -> None:
    text = f"JUZGADO PRIMERO DE DISTRITO EN MATERIA CIVIL\n{label}\nQUEJOSO: **********{OPENING}"
    reading = read_sentence(text)
    assert reading.values["expediente"] == written
    assert reading.sources["expediente"] == "heading"


def test_the_label_read_is_the_documents_field_with_its_source() -> None:
    text = f"JUZGADO SEGUNDO CIVIL\nEXPEDIENTE: 279/2023\nJUICIO: AMPARO DIRECTO{OPENING}"
    doc = build_document(
        kind="sentencia",
        source_id="pj-gto",
        institution="Poder Judicial del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        url="https://ejemplo.gob.mx/s/1",
        fields={"title": "Sentencia"},
        text=text,
    )
    assert doc.proceeding == "amparo directo"  # type: ignore[union-attr]
    assert doc.field_sources["proceeding"] == "heading"
