"""A day written as an ordinal ("vigésimo primero de marzo"), as some state courts and
public versions date a session, is that day, never the unit read from inside it (the
1st); a day in figures may carry its words in brackets ("21 (veintiuno) de marzo de 2024
(dos mil veinticuatro)"). Words and figures that disagree, or an ordinal that is no day,
are unsure: no date. The texts are written for these tests, in the shape of a circuit
court's opening formula."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.readers.judgments import read_sentence
from indexer.readers.normalise import parse_date


@pytest.mark.parametrize(
    ("written", "day"),
    [("en sesión del día vigésimo primero de marzo de dos mil veinticuatro",
      dt.date(2024, 3, 21)),
     ("celebrada el trigésimo primero de enero de dos mil veinticinco", dt.date(2025, 1, 31)),
     ("correspondiente al décimo quinto de mayo de 2023", dt.date(2023, 5, 15)),
     ("el vigésimo de marzo de 2024", dt.date(2024, 3, 20)),
     ("Toluca, México, 21 (veintiuno) de marzo de 2024 (dos mil veinticuatro)",
      dt.date(2024, 3, 21))],
)  # fmt: skip
def test_an_ordinal_or_bracketed_day_is_that_day(written: str, day: dt.date) -> None:
    assert parse_date(written) == day


@pytest.mark.parametrize(
    "written",
    ["el vigésimo sexagésimo de marzo de 2024",  # no ordinal day
     "vigésimo cuadragésimo primero de marzo de 2024",
     "21 (veintidós) de marzo de 2024"],  # the figures and the words disagree
)  # fmt: skip
def test_an_unsure_ordinal_or_bracketed_day_is_no_date(written: str) -> None:
    assert parse_date(written) is None


OPENING = (
    "AMPARO DIRECTO 412/2023\n"
    "QUEJOSA: **********\n"
    "MAGISTRADO PONENTE: JUAN CARLOS RAMÍREZ SOTO\n"
    "SECRETARIA: LAURA GÓMEZ DÍAZ\n\n"
    "Guadalajara, Jalisco. Acuerdo del Segundo Tribunal Colegiado en Materia Civil del "
    "Tercer Circuito, correspondiente a la sesión del día {day} de marzo de dos mil "
    "veinticuatro.\n\n"
    "VISTOS para resolver los autos del juicio de amparo directo 412/2023; y,\n\n"
    "RESULTANDO:\n\nPRIMERO. Por escrito presentado el dos de octubre de dos mil veintitrés, "
    "la quejosa promovió juicio de amparo directo.\n"
)


@pytest.mark.parametrize(
    ("day", "date"),
    [("vigésimo primero", "2024-03-21"), ("vigésimo segundo", "2024-03-22"),
     ("décimo", "2024-03-10")],
)  # fmt: skip
def test_a_sentence_dated_by_an_ordinal_day(day: str, date: str) -> None:
    values = read_sentence(OPENING.format(day=day)).values
    assert values["resolution_date"] == date
    assert values["expediente"] == "AMPARO DIRECTO 412/2023"
