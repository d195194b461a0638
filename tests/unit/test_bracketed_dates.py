"""A date spelled out with its digits in brackets after the day and the year, as the
courts of the Estado de México, Oaxaca and others write their sentences' dates: "quince
(15) de marzo de dos mil veintiuno (2021)". Read as the day it names; words and digits
that disagree are unsure (none)."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import parse_date


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("Toluca de Lerdo, México, quince (15) de marzo de dos mil veintiuno (2021).",
         dt.date(2021, 3, 15)),
        ("Oaxaca de Juárez, Oaxaca, a trece (13) de mayo de dos mil veintidós (2022).",
         dt.date(2022, 5, 13)),
        ("a treinta y uno (31) de enero de dos mil veinticuatro (2024)", dt.date(2024, 1, 31)),
        ("primero (1) de julio del año dos mil veinte (2020)", dt.date(2020, 7, 1)),
    ],
)  # fmt: skip
def test_a_spelled_day_with_its_digits_in_brackets(written: str, day: dt.date) -> None:
    assert parse_date(written) == day


def test_words_and_digits_that_disagree_are_no_date() -> None:
    assert parse_date("quince (16) de marzo de dos mil veintiuno (2021)") is None


_CONSIDERING = "\n\n".join(
    f"{n}. El apelante aduce que la sentencia recurrida no valoró las pruebas que ofreció en "
    "el juicio natural; el agravio es infundado por las razones que se exponen." * 3
    for n in range(30)
)
TOCA = f"""TOCA DE APELACIÓN: 234/2021
PRIMERA SALA CIVIL DE TOLUCA

Toluca de Lerdo, México, quince (15) de marzo de dos mil veintiuno (2021).

V I S T O S, para resolver los autos del toca 234/2021, relativo al recurso de apelación
interpuesto por la parte actora en contra de la sentencia definitiva de fecha diez (10) de
diciembre de dos mil veinte (2020), dictada por el Juez Segundo Civil de Primera Instancia
de Toluca, en el expediente 567/2019; y

R E S U L T A N D O

1. Mediante escrito presentado el tres (3) de febrero de dos mil diecinueve (2019), la
parte actora demandó el pago de pesos.

C O N S I D E R A N D O

{_CONSIDERING}

R E S U E L V E

PRIMERO. Se confirma la sentencia recurrida.

Así lo resolvieron por unanimidad de votos los Magistrados integrantes de la Primera Sala
Civil de Toluca del Tribunal Superior de Justicia del Estado de México, siendo ponente el
Magistrado Raúl Aarón Romero Ortega, que firman ante el Secretario de Acuerdos que da fe.
"""


def test_a_tocas_date_in_brackets_is_its_resolution_date() -> None:
    values = read_sentence(TOCA).values
    # its own date, not the appealed sentence's (diez (10) de diciembre…) nor the demand's
    assert values.get("resolution_date") == "2021-03-15"
    assert values.get("expediente") == "TOCA DE APELACIÓN 234/2021"
