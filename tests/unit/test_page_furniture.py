"""A page's furniture is no sentence's content: a collegiate court's closing run over a page
(its number, «Página 30 de 31», the case's running header, or a letterhead the PDF repeats
on every page between «…del Tercer» and «Circuito») names its court whole, and a line
seen once that is no known furniture still names none (unsure). The day after the votes
(«…, por unanimidad de votos, el veinticinco de mayo de dos mil veinticuatro, siendo
ponente…») is the day it was resolved. Texts written for the project on the layout of
the SISE public versions of the collegiate courts."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence

COURT = "Segundo Tribunal Colegiado en Materia Civil del Tercer Circuito"
LETTERHEAD = "PODER JUDICIAL DE LA FEDERACIÓN"


def sentence(closing: str, pages: str = "") -> str:
    study = "El concepto de violación es fundado, pues la responsable omitió valorar la prueba. "
    return (
        "AMPARO DIRECTO 512/2023\n\nQUEJOSO: **********\n\nMAGISTRADO PONENTE: LUIS ARMANDO "
        "PÉREZ SOLÍS\nSECRETARIA: ANA LAURA RUIZ MEZA\n\nRESULTANDO\n\nPRIMERO. El quejoso "
        f"promovió juicio de amparo directo.{pages}\n\nCONSIDERANDO\n\n{study * 60}\n\n"
        "Por lo expuesto, se resuelve:\n\nPRIMERO. La Justicia de la Unión ampara y protege "
        "a **********.\n\nNotifíquese.\n\n" + closing
    )


VOTES = ", por unanimidad de votos, el veinticinco de mayo de dos mil veinticuatro, siendo "
VOTES += "ponente el Magistrado Luis Armando Pérez Solís."


@pytest.mark.parametrize(
    "between",
    [
        "\n\nPágina 30 de 31\n\nAMPARO DIRECTO 512/2023\n\n",
        "\n\n- 30 -\n\n",
        "\n\f",
        f"\n\n{LETTERHEAD}\n\n",  # repeated on every page (below)
    ],
)
def test_a_closing_over_a_page_names_its_court_whole(between: str) -> None:
    closing = f"Así lo resolvió el {COURT.replace(' Circuito', between + 'Circuito')}{VOTES}"
    pages = f"\n\n{LETTERHEAD}\n\nMás antecedentes.\n\n{LETTERHEAD}\n\nOtros antecedentes."
    reading = read_sentence(sentence(closing, pages))
    assert reading.values["court"] == COURT
    assert reading.values["resolution_date"] == "2024-05-25"


def test_a_line_seen_once_inside_the_name_names_no_court() -> None:
    broken = COURT.replace(" Circuito", f"\n\n{LETTERHEAD}\n\nCircuito")
    closing = f"Así lo resolvió el {broken}{VOTES}"
    assert "court" not in read_sentence(sentence(closing)).values


@pytest.mark.parametrize(
    "closing",
    [
        f"Así lo resolvió el {COURT}{VOTES}",
        f"Así lo resolvió el {COURT}, en la Ciudad de México, el veinticinco de mayo de dos mil "
        "veinticuatro, por unanimidad de votos.",
        f"Así lo resolvió el {COURT}, en Zapopan, Jalisco, a veinticinco de mayo de dos mil "
        "veinticuatro, por unanimidad de votos.",
        "Así lo resolvieron, por unanimidad de votos, los Magistrados que integran el "
        f"{COURT}, el veinticinco de mayo de dos mil veinticuatro.",
    ],
)
def test_the_day_the_closing_states_is_the_resolution_s(closing: str) -> None:
    reading = read_sentence(sentence(closing))
    assert reading.values["resolution_date"] == "2024-05-25"
    assert reading.values["court"] == COURT


@pytest.mark.parametrize(
    "closing",
    [
        f"Así lo resolvió el {COURT}, por unanimidad de votos, en la fecha de su firma.",
        f"Así lo resolvió el {COURT}, por mayoría de votos, el primero de los nombrados en contra.",
    ],
)
def test_a_closing_that_states_no_day_gives_none(closing: str) -> None:
    assert "resolution_date" not in read_sentence(sentence(closing)).values
