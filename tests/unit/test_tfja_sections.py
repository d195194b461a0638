"""A sentence of the TFJA's Sala Superior by section: the Tercera Sección (since 2017:
recursos de apelación on grave administrative responsibilities) as the Primera and
Segunda are, its opening after the place and date as the TFJA separates them (".- La
Tercera Sección de la Sala Superior…, con fundamento en…, resuelve"); its own number
("R.A. 289/2024-S3") is no colegiado's amparo en revisión administrativa, so neither
the case type nor the matter is amparo. The text is written for this test in the shape of
the TFJA's published agendas and sentences."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence

SENTENCE = """RECURSO DE APELACIÓN: R.A. {number}
RECURRENTE: DIRECTOR GENERAL DE INVESTIGACIÓN
MAGISTRADO PONENTE: JULIO ÁNGEL SABINES CHESTERKING
SECRETARIA: TANIA IVONNE ESQUIVEL MONREAL

Ciudad de México, a veinticuatro de marzo de dos mil veintiséis.- La {section} Sección de la \
Sala Superior del Tribunal Federal de Justicia Administrativa, con fundamento en los artículos \
18 y 19 de su Ley Orgánica, resuelve el recurso de apelación al rubro citado.

RESULTANDO

PRIMERO. Por escrito presentado el diez de enero de dos mil veinticinco, la autoridad \
investigadora interpuso recurso de apelación en contra de la resolución de la Sala Auxiliar.
"""


@pytest.mark.parametrize(
    ("section", "number"), [("Tercera", "289/2024-S3"), ("Primera", "12/2024-S1")]
)
def test_a_sala_superior_sections_sentence(section: str, number: str) -> None:
    values = read_sentence(SENTENCE.format(section=section, number=number)).values
    assert values["court"] == (
        f"{section} Sección de la Sala Superior del Tribunal Federal de Justicia Administrativa"
    )
    assert values["matter"] == "administrativa"
    assert values.get("proceeding") != "amparo en revisión"
    assert values["resolution_date"] == "2026-03-24"
    assert values["ponente"] == "JULIO ÁNGEL SABINES CHESTERKING"
