"""Speaker lines as state congresses and the Cámara de Diputados write them beside the
shapes the fixtures already hold: ``LA C. PRESIDENTA.- …`` (a full stop and a dash close
the speaker), a compareciente named before their office, a vicepresidency in the chair.
A line the splitter cannot read as a speaker stays speech; it never becomes a speaker
that says what the line does not."""

from __future__ import annotations

import subprocess
import sys

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

CONGRESS = "Congreso de la Ciudad de México"

DOTTED = """VERSIÓN ESTENOGRÁFICA
LA C. PRESIDENTA.- Gracias. Proceda la Secretaría a dar lectura al comunicado.
EL C. SECRETARIO.- Por instrucciones de la Presidencia se da lectura.
C. DIP. PRESIDENTE DE LA MESA DIRECTIVA.- PRESENTE.
Por medio del presente remito la iniciativa.
SECRETARIA DE GOBERNACIÓN.- Oficio número 123.
Es cuanto, diputada Presidenta.
LA C. DIPUTADA MARÍA DE LA LUZ DÍAZ DE LEÓN (MORENA).- Con su venia, Presidenta.
DIP. JUAN PÉREZ-GÓMEZ.- Gracias.
"""


def test_a_state_congress_speaker_closed_by_a_full_stop_and_dash_opens_a_turn() -> None:
    turns = split_turns(DOTTED)
    assert [t.speaker for t in turns] == [
        "LA C. PRESIDENTA",
        "EL C. SECRETARIO",
        "LA C. DIPUTADA MARÍA DE LA LUZ DÍAZ DE LEÓN (MORENA)",
        "DIP. JUAN PÉREZ-GÓMEZ",
    ]
    # a letter's addressee and a read heading are what the secretary reads, no speakers
    assert "PRESENTE. Por medio del presente" in turns[1].text
    assert "SECRETARIA DE GOBERNACIÓN.- Oficio número 123." in turns[1].text
    assert turns[2].text == "Con su venia, Presidenta."


def test_a_compareciente_named_before_the_office_is_a_speaker_of_their_own() -> None:
    text = (
        "La presidenta diputada Kenia López Rabadán: Tiene la palabra el Secretario.\n"
        "El ciudadano Juan Pérez Ortega, Secretario de Hacienda: Gracias, Presidenta.\n"
    )
    [chair, guest] = speeches_of(_session(text), People(CONGRESS))
    assert chair.person_name == "Kenia López Rabadán"
    assert (guest.speaker_as_written, guest.role, guest.person_name) == (
        "El ciudadano Juan Pérez Ortega, Secretario de Hacienda",
        "compareciente",
        "Juan Pérez Ortega",
    )
    assert guest.text == "Gracias, Presidenta."


def test_a_vicepresidency_in_the_chair_presides_from_then_on() -> None:
    text = (
        "La presidenta diputada Kenia López Rabadán: Se abre la sesión.\n"
        "La vicepresidenta diputada Dolores Padierna Luna: Continúa la sesión.\n"
        "-La Presidenta: Se levanta la sesión.\n"
    )
    speeches = speeches_of(_session(text), People(CONGRESS))
    assert [(s.role, s.person_name) for s in speeches] == [
        ("presidencia", "Kenia López Rabadán"),
        ("presidencia", "Dolores Padierna Luna"),
        ("presidencia", "Dolores Padierna Luna"),
    ]


def _session(text: str) -> Sesion:
    return Sesion(
        id="s-cdmx",
        title="Sesión",
        institution=CONGRESS,
        jurisdiction="MX-CMX",
        source_id="x",
        url="https://ejemplo.gob.mx/s-cdmx",
        text=text,
        agenda=[],
        congress=CONGRESS,
        legislature="III",
        chamber="Pleno",
    )


def test_a_long_word_in_capitals_after_a_role_is_split_in_bounded_time() -> None:
    """OCR glues words ("El diputado INICIATIVACONPROYECTODEDECRETO…"): the speaker
    patterns must not try every way of cutting such a word into names (the old pattern
    took minutes on a 40-letter word). Run in a child so a hang fails, not blocks."""
    program = (
        "from indexer.speeches.split import split_turns\n"
        "lines = ['El diputado ' + 'A' * 60 + ' propone', 'El diputado Juan, ' + 'A' * 60 + ' x',"
        " 'LA C. ' + 'PRESIDENTA ' * 500 + 'x']\n"
        "turns = split_turns('\\n'.join(lines * 50))\n"
        "print(len(turns))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "0"
