"""Speaker lines without a name: a state congress's bare "PRESIDENTE.-" (no article), a
forum's "La moderadora:" and a committee's "El secretario técnico:". Each opens its own
turn (never the previous speaker's words), with a role that says what the text says: a
moderator or a technical secretary is neither the presidency (who presides is someone
else, named in the heading) nor the chamber's secretaría."""

from __future__ import annotations

import pytest

from indexer.speeches.roles import read_speaker
from indexer.speeches.split import split_turns

STATE_SESSION = """LA PRESIDENTA.- Se abre la sesión.
SECRETARIO.- Se da lectura al orden del día.
SECRETARÍA DE GOBERNACIÓN.- Oficio por el que remite la iniciativa.
PRESIDENTE.- Gracias. Se turna a comisiones.
PRESIDENTA DIP. ANA RUIZ SOTO.- Continúe la secretaría.
La Presidenta.- Se levanta la sesión.
"""

FORUM = """El moderador: Bienvenidos a este foro de parlamento abierto.
La diputada Ana Ruiz Soto: Gracias por la invitación.
La moderadora: Damos la palabra al siguiente ponente.
El secretario técnico: Se informa que hay quórum.
LA SECRETARIA TÉCNICA: Se da cuenta de los asistentes.
EL SECRETARIO TÉCNICO.- Hay quórum, señor presidente.
"""


def test_a_bare_role_line_opens_its_own_turn() -> None:
    turns = [(t.speaker, t.text) for t in split_turns(STATE_SESSION)]
    assert turns == [
        ("LA PRESIDENTA", "Se abre la sesión."),
        # an office's heading is what the secretary reads, no speaker
        ("SECRETARIO", "Se da lectura al orden del día. SECRETARÍA DE GOBERNACIÓN.- Oficio "
                       "por el que remite la iniciativa."),
        ("PRESIDENTE", "Gracias. Se turna a comisiones."),
        ("PRESIDENTA DIP. ANA RUIZ SOTO", "Continúe la secretaría."),
        ("La Presidenta", "Se levanta la sesión."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "role", "name"),
    [("PRESIDENTE", "presidencia", None), ("SECRETARIO", "secretaria", None),
     ("PRESIDENTA DIP. ANA RUIZ SOTO", "presidencia", "Ana Ruiz Soto"),
     ("El moderador", "moderacion", None), ("La moderadora", "moderacion", None),
     ("El secretario técnico", "secretaria_tecnica", None),
     ("LA SECRETARIA TÉCNICA", "secretaria_tecnica", None),
     ("La secretaria técnica Laura Díaz Mena", "secretaria_tecnica", "Laura Díaz Mena")],
)  # fmt: skip
def test_the_role_is_what_the_line_says(written: str, role: str, name: str | None) -> None:
    speaker = read_speaker(written)
    assert (speaker.role, speaker.name) == (role, name)
    assert not speaker.chair or role == "presidencia"


def test_a_forums_moderator_and_technical_secretary_speak_in_their_own_turns() -> None:
    turns = [(t.speaker, t.text) for t in split_turns(FORUM)]
    assert turns == [
        ("El moderador", "Bienvenidos a este foro de parlamento abierto."),
        ("La diputada Ana Ruiz Soto", "Gracias por la invitación."),
        ("La moderadora", "Damos la palabra al siguiente ponente."),
        ("El secretario técnico", "Se informa que hay quórum."),
        ("LA SECRETARIA TÉCNICA", "Se da cuenta de los asistentes."),
        ("EL SECRETARIO TÉCNICO", "Hay quórum, señor presidente."),
    ]
