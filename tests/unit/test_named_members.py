"""A collegiate court's closing may name its ponente by place in its list of members: "…por
unanimidad de votos de los Magistrados Ana Ruiz Soto (presidenta), Luis Gómez Paz y Juan
Pérez López, siendo ponente el último de los nombrados". The member at that place is the
ponente, read from the closing; where the list does not read as names (or has one), none.
Shapes written after circuit courts' and state salas' published sentences."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence
from tests.unit.test_judge_closings import sentence

CAPTION = "AMPARO DIRECTO 345/2023\n\nQUEJOSO: **********"
COURT = "Así lo resolvió el Tercer Tribunal Colegiado en Materia Civil del Tercer Circuito, "


@pytest.mark.parametrize(
    ("closing", "ponente"),
    [(COURT + "por unanimidad de votos de los Magistrados Ana Ruiz Soto (presidenta), Luis "
      "Gómez Paz y Juan Carlos Pérez López, siendo ponente el último de los nombrados.",
      "Juan Carlos Pérez López"),
     (COURT + "por mayoría de votos de las Magistradas María de la Luz Campos Rea, Eva Gil "
      "Mora y Rosa Elena Díaz Paz, siendo ponente la primera de las nombradas, contra el voto "
      "particular de la última.", "María de la Luz Campos Rea"),
     ("Así lo resolvieron los Magistrados Ana Ruiz, Luis Soto y Eva Gil, siendo ponente el "
      "último de los nombrados, quienes firman.", "Eva Gil"),
     ("Así lo resolvieron por unanimidad de votos los Magistrados integrantes de la Tercera "
      "Sala Penal del Tribunal Superior de Justicia del Estado, Licenciados Raúl Núñez Pardo, "
      "Luis Gómez Paz y Juan Pérez López, siendo ponente el segundo de los nombrados, ante "
      "la Secretaria de Acuerdos que autoriza y da fe.", "Luis Gómez Paz")],
)  # fmt: skip
def test_the_member_at_the_named_place_is_the_ponente(closing: str, ponente: str) -> None:
    reading = read_sentence(sentence(CAPTION, closing))
    assert reading.values["ponente"] == ponente
    assert reading.sources["ponente"] == "body"


@pytest.mark.parametrize(
    "closing",
    # no list of names before the place; a single member; a list the place is beyond
    [COURT + "por unanimidad de votos de los Magistrados que lo integran, siendo ponente el "
     "último de los nombrados.",
     COURT + "por unanimidad de votos, con el voto del Magistrado Juan Pérez López, siendo "
     "ponente el último de los nombrados.",
     COURT + "por unanimidad de votos de los Magistrados Ana Ruiz Soto y Luis Gómez Paz, "
     "siendo ponente el tercero de los nombrados."],
)  # fmt: skip
def test_a_place_the_list_does_not_answer_names_no_ponente(closing: str) -> None:
    assert "ponente" not in read_sentence(sentence(CAPTION, closing)).values
