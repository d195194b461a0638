"""Speaker headings as the Cámara de Diputados' Diario de los Debates and versiones
estenográficas really print them: alone on their line with the words on the next ones
(older pages and scans), or closed by the hour the sitting opens with its colon lost."""

from __future__ import annotations

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

CONGRESS = "Cámara de Diputados"
# Modelled on the Diario de los Debates of the LVIII Legislatura (2002): the chair named in
# a heading broken over three lines, each speaker's heading on a line of its own.
DIARIO = """DIARIO DE LOS DEBATES
Presidencia
del diputado
Ernesto Villalobos Cantú
ASISTENCIA
El Presidente:
Ruego a la Secretaría haga del
conocimiento de esta Presidencia el resultado del cómputo de asistencia.
El secretario Rodrigo Anaya Pérez:
Se informa a la Presidencia que existen
registrados previamente 430 diputados, por lo tanto, hay quórum.
El Presidente (a las 13:04 horas):
Se abre la sesión.
La diputada Lucía Medina
Robles (desde la curul):
Pido la palabra, señor Presidente.
El Presidente:
Sí, diputada. Y le recuerdo lo que dijo
la presidenta de la Comisión de Salud:
“no hay recursos”.
"""


def _session(text: str) -> Sesion:
    return Sesion(
        id="d1",
        title="Sesión ordinaria",
        institution=CONGRESS,
        jurisdiction="MX",
        source_id="x",
        url="https://ejemplo.gob.mx/d1",
        text=text,
        agenda=[],
        congress=CONGRESS,
        legislature="LVIII",
        chamber="Pleno",
    )


def test_a_heading_alone_on_its_line_opens_the_turn_of_the_words_below_it() -> None:
    speeches = speeches_of(_session(DIARIO), People(CONGRESS))
    seen = [(s.speaker_as_written, s.person_name, s.role, s.text) for s in speeches if s.order]
    assert seen == [
        (
            "El Presidente",
            "Ernesto Villalobos Cantú",
            "presidencia",
            "Ruego a la Secretaría haga del conocimiento de esta Presidencia el resultado "
            "del cómputo de asistencia.",
        ),
        (
            "El secretario Rodrigo Anaya Pérez",
            "Rodrigo Anaya Pérez",
            "secretaria",
            "Se informa a la Presidencia que existen registrados previamente 430 "
            "diputados, por lo tanto, hay quórum.",
        ),
        ("El Presidente (a las 13:04 horas)", "Ernesto Villalobos Cantú", "presidencia",
         "Se abre la sesión."),
        (
            "La diputada Lucía Medina Robles (desde la curul)",
            "Lucía Medina Robles",
            "legislador",
            "Pido la palabra, señor Presidente.",
        ),
        # a quoted office at a line's end ("la presidenta de la Comisión de Salud:") is
        # no heading: the words stay the chair's
        (
            "El Presidente",
            "Ernesto Villalobos Cantú",
            "presidencia",
            "Sí, diputada. Y le recuerdo lo que dijo la presidenta de la Comisión de "
            "Salud: “no hay recursos”.",
        ),
    ]  # fmt: skip


def test_the_hour_after_a_name_closes_a_heading_whose_colon_was_lost() -> None:
    text = (
        "La secretaria diputada Brenda Ortega López: Hay quórum de Congreso General.\n"
        "El presidente diputado Sergio Ramírez Luna (17:17 horas) Se abre la sesión.\n"
        "La secretaria diputada Brenda Ortega López: Se da lectura al orden del día.\n"
    )
    assert [(t.speaker, t.text) for t in split_turns(text)] == [
        ("La secretaria diputada Brenda Ortega López", "Hay quórum de Congreso General."),
        ("El presidente diputado Sergio Ramírez Luna (17:17 horas)", "Se abre la sesión."),
        ("La secretaria diputada Brenda Ortega López", "Se da lectura al orden del día."),
    ]


def test_lines_of_speech_that_end_in_a_colon_stay_speech() -> None:
    """Only a role and a name make a heading alone on its line: an office ("El
    Presidente Municipal:"), a description ("La presidenta de la Mesa:") or a sentence
    ("El diputado Juan Pérez dijo:") before a line's colon stays in the speech."""
    text = (
        "La C. Presidenta: Se da cuenta con el oficio que dice\n"
        "El Presidente Municipal:\n"
        "“Solicito el apoyo”.\n"
        "La presidenta de la Mesa:\n"
        "lo turnó.\n"
        "El diputado Juan Pérez dijo:\n"
        "“votemos”.\n"
    )
    [turn] = split_turns(text)
    assert turn.speaker == "La C. Presidenta"
    assert turn.text.endswith("El diputado Juan Pérez dijo: “votemos”.")
