"""The hour the Diario de los Debates stamps where the chair speaks (``(11:51 horas)``)
and the bell or the applause noted in a turn are notes of the record, not anyone's
words: each becomes a procedural turn of no speaker, kept in its place, and the words
around it stay the speaker's. A heading with the hour in it (``(a las 14:10 horas):``)
still opens its speaker's turn. Modelled on the Cámara's versión estenográfica."""

from __future__ import annotations

import datetime as dt

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

CONGRESS = "Cámara de Diputados"
CHAIR = "El presidente diputado Sergio Carlos Gutiérrez Luna"
VERSION = (
    f"-{CHAIR}: (11:51 horas) Se reanuda la sesión. Tiene la palabra la diputada Ana "
    "Ruiz Soto. (Aplausos) Adelante, diputada.\n"
    "-La diputada Ana Ruiz Soto (PRI): Con su venia. (Campanilla) Son 2.50 hectáreas "
    "(2.50 hectáreas de riego) y jornadas (10:30 horas de trabajo).\n"
    f"-{CHAIR}: Gracias. (13:04 horas) Se levanta la sesión.\n"
    f"-{CHAIR} (a las 14:10 horas): Se abre la sesión vespertina.\n"
)


def test_hours_and_notes_are_no_ones_words() -> None:
    turns = split_turns(VERSION)
    assert [(t.speaker, t.text) for t in turns] == [
        (None, "(11:51 horas)"),
        (CHAIR, "Se reanuda la sesión. Tiene la palabra la diputada Ana Ruiz Soto."),
        (None, "(Aplausos)"),
        (CHAIR, "Adelante, diputada."),
        ("La diputada Ana Ruiz Soto (PRI)", "Con su venia."),
        (None, "(Campanilla)"),
        (
            "La diputada Ana Ruiz Soto (PRI)",
            "Son 2.50 hectáreas (2.50 hectáreas de riego) y jornadas (10:30 horas de trabajo).",
        ),
        (CHAIR, "Gracias."),
        (None, "(13:04 horas)"),
        (CHAIR, "Se levanta la sesión."),
        (f"{CHAIR} (a las 14:10 horas)", "Se abre la sesión vespertina."),
    ]
    assert all(t.procedural for t in turns if t.speaker is None)


def test_who_said_what_leaves_the_hour_to_the_record() -> None:
    session = Sesion(
        id="s", title="Sesión", date=dt.date(2025, 2, 18), institution=CONGRESS,
        jurisdiction="MX", source_id="diputados", url="https://diputados.example/s",
        text=VERSION, congress=CONGRESS, legislature="LXVI",
    )  # fmt: skip
    speeches = speeches_of(session, People(CONGRESS))
    chair = [s.text for s in speeches if s.person_name == "Sergio Carlos Gutiérrez Luna"]
    assert chair and not any("horas" in text or not text for text in chair), chair
    assert [s.text for s in speeches if s.procedural and "horas" in s.text] == [
        "(11:51 horas)",
        "(13:04 horas)",
    ]
