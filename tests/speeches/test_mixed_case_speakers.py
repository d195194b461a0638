"""State congresses write their speaker lines in more ways than the capitals with a full
stop and a dash: in mixed case ("La Presidenta Ana Ruiz.- …"), with a title and a colon
and no article ("C. PRESIDENTA: …", "DIP. JUAN PÉREZ LÓPEZ: …"), or with the party after
the name and a dash ("- El C. Dip. Omar Bazán Flores.- P.R.I.: …"). Each is a turn with
its role, name and party; a board's list, a signature or an office's heading is none."""

from __future__ import annotations

import pytest

from indexer.speeches.roles import read_speaker
from indexer.speeches.split import split_turns


def _turns(line: str) -> list[tuple[str | None, str]]:
    text = f"Se da cuenta del orden del día.\n{line}\nY continúa en la línea siguiente.\n"
    return [(t.speaker, t.text) for t in split_turns(text)]


@pytest.mark.parametrize(
    ("line", "speaker", "role", "name", "party"),
    [
        ("La Presidenta Ana Ruiz.- Gracias, diputadas y diputados.", "La Presidenta Ana Ruiz",
         "presidencia", "Ana Ruiz", None),
        ("El Presidente Juan Carlos de la Garza López.- Se abre la sesión.",
         "El Presidente Juan Carlos de la Garza López", "presidencia",
         "Juan Carlos de la Garza López", None),
        ("La Secretaria Dip. María López Torres.- Con gusto, Presidenta.",
         "La Secretaria Dip. María López Torres", "secretaria", "María López Torres", None),
        ("La Diputada Sofía Núñez Ávila (MORENA).- Con su venia.",
         "La Diputada Sofía Núñez Ávila (MORENA)", "legislador", "Sofía Núñez Ávila", "MORENA"),
        ("Dip. Ana Ruiz Pérez.- Con su permiso.", "Dip. Ana Ruiz Pérez", "legislador",
         "Ana Ruiz Pérez", None),
        ("C. Presidente.- Se levanta la sesión.", "C. Presidente", "presidencia", None, None),
        ("La Presidenta diputada Ana Ruiz.- Gracias.", "La Presidenta diputada Ana Ruiz",
         "presidencia", "Ana Ruiz", None),
        ("C. PRESIDENTA: Gracias, diputada.", "C. PRESIDENTA", "presidencia", None, None),
        ("C. SECRETARIO: Hay quórum, Presidenta.", "C. SECRETARIO", "secretaria", None, None),
        ("DIP. JUAN PÉREZ LÓPEZ: Con su venia.", "DIP. JUAN PÉREZ LÓPEZ", "legislador",
         "Juan Pérez López", None),
        ("Dip. Ana Ruiz Pérez (PAN): Con su venia.", "Dip. Ana Ruiz Pérez (PAN)", "legislador",
         "Ana Ruiz Pérez", "PAN"),
        ("PRESIDENTA DIP. ANA RUIZ: Gracias.", "PRESIDENTA DIP. ANA RUIZ", "presidencia",
         "Ana Ruiz", None),
        ("C. Presidenta: ¿Alguien más desea intervenir?", "C. Presidenta", "presidencia", None,
         None),
        ("- El C. Dip. Omar Bazán Flores.- P.R.I.: Gracias, Diputada Presidenta.",
         "El C. Dip. Omar Bazán Flores.- P.R.I.", "legislador", "Omar Bazán Flores", "PRI"),
        ("- La C. Dip. Presidenta.- P.A.N.: Se abre la sesión.", "La C. Dip. Presidenta.- P.A.N.",
         "presidencia", None, "PAN"),
        ("- El C. Dip. Juan Pérez.- MORENA: Gracias.", "El C. Dip. Juan Pérez.- MORENA",
         "legislador", "Juan Pérez", "MORENA"),
    ],
)  # fmt: skip
def test_a_speaker_line_of_a_state_congress_opens_a_turn(
    line: str, speaker: str, role: str, name: str | None, party: str | None
) -> None:
    turns = _turns(line)
    assert [who for who, _ in turns] == [speaker]
    assert turns[0][1].endswith("Y continúa en la línea siguiente.")
    read = read_speaker(speaker)
    assert (read.role, read.name, read.party) == (role, name, party)


@pytest.mark.parametrize(
    "line",
    [
        "El Secretario de Finanzas.- Oficio por el que remite el informe.",
        "El Presidente Municipal de Tlaquepaque.- Oficio por el que solicita.",
        "La Secretaría de Gobernación.- Oficio número 12.",
        "Dip. Ana Ruiz Pérez.- Rúbrica.",
        "DIP. ANA RUIZ.- RÚBRICA.",
        "PRESIDENTE: DIP. ANA RUIZ PÉREZ",
        "SECRETARIA: JUAN PÉREZ LÓPEZ",
        "Secretaria: Juan Pérez López",
        "C. PRESIDENTE DE LA MESA DIRECTIVA: Presente.",
        "C. DIP. PRESIDENTE: PRESENTE",
        "SECRETARIO DE SALUD: Buenas tardes.",
        "Presidenta: en uso de las facultades que le confiere la ley.",
        "La Diputada Ana Ruiz presentó la iniciativa.- Se turna a comisiones.",
    ],
)
def test_a_list_a_signature_or_an_office_is_no_turn(line: str) -> None:
    assert _turns(line) == []
