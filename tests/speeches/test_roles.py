"""Speaker lines as congresses and courts write them: role, name, party, seat."""

from __future__ import annotations

import pytest

from indexer.speeches.people import read_roster
from indexer.speeches.roles import read_speaker
from indexer.speeches.split import split_turns

CASES = [
    ("-La C. Presidenta", "presidencia", None, None, False),
    ("-El diputado José Luis Cabrera Ledesma (PAN)", "legislador", "José Luis Cabrera Ledesma",
     "PAN", False),
    ("-La Secretaría", "secretaria", None, None, False),
    ("-El senador Ricardo Monreal Ávila (desde la curul)", "legislador", "Ricardo Monreal Ávila",
     None, True),
    ("-La Presidenta Senadora Laura Itzel Castillo Juárez", "presidencia",
     "Laura Itzel Castillo Juárez", None, False),
    ("-El C. Secretario Senador Jorge Carlos Ramírez Marín", "secretaria",
     "Jorge Carlos Ramírez Marín", None, False),
    ("-La diputada Ana María Ruiz (Morena)", "legislador", "Ana María Ruiz", "MORENA", False),
    ("-La diputada Laura Elena Pérez (Movimiento Ciudadano)", "legislador", "Laura Elena Pérez",
     "MC", False),
    ("SEÑORA MINISTRA PRESIDENTA", "presidencia", None, None, False),
    ("SEÑOR MINISTRO LAYNEZ POTISEK", "ministro", "Laynez Potisek", None, False),
    ("SEÑORA MINISTRA PRESIDENTA PIÑA HERNÁNDEZ", "presidencia", "Piña Hernández", None, False),
    ("SECRETARIO GENERAL DE ACUERDOS", "secretaria", None, None, False),
    ("La persona titular de la Secretaría del Agua y Medio Ambiente", "compareciente", None, None,
     False),
    ("-El Secretario de Hacienda y Crédito Público, Edgar Amador Zamora", "compareciente",
     "Edgar Amador Zamora", None, False),
    ("La persona galardonada", "otro", None, None, False),
    # a compareciente's name before the comma, the office after it
    ("El ciudadano Víctor Manuel Rodríguez, Secretario de Hacienda", "compareciente",
     "Víctor Manuel Rodríguez", None, False),
    ("El ciudadano Juan Pérez, Secretario de Hacienda", "compareciente", "Juan Pérez", None,
     False),
    ("La licenciada Ana María Ruiz, titular de la Fiscalía", "compareciente", "Ana María Ruiz",
     None, False),
    # a vicepresidency speaks only when it chairs the session
    ("La vicepresidenta diputada Dolores Padierna Luna", "presidencia", "Dolores Padierna Luna",
     None, False),
    # a state congress's capitals: particles stay lower case, hyphenated names keep both
    ("LA C. DIPUTADA MARÍA DE LA LUZ DÍAZ DE LEÓN (MORENA)", "legislador",
     "María de la Luz Díaz de León", "MORENA", False),
    ("DIP. JUAN PÉREZ-GÓMEZ", "legislador", "Juan Pérez-Gómez", None, False),
    # the Senado's seat, a seat after a comma
    ("-La Senadora Lilly Téllez García (PAN) (desde su escaño)", "legislador",
     "Lilly Téllez García", "PAN", True),
    ("-La diputada Ana Pérez, desde la curul", "legislador", "Ana Pérez", None, True),
    # a compareciente's name after the titles; an office there is no name
    ("-La ciudadana Luisa María Alcalde Luján", "compareciente", "Luisa María Alcalde Luján",
     None, False),
    ("El ciudadano Secretario de Salud", "compareciente", None, None, False),
    ("-La consejera presidenta Guadalupe Taddei Zavala", "presidencia", "Guadalupe Taddei Zavala",
     None, False),
]  # fmt: skip


@pytest.mark.parametrize(("line", "role", "name", "party", "seat"), CASES)
def test_a_speaker_line_says_role_name_party_and_seat(
    line: str, role: str, name: str | None, party: str | None, seat: bool
) -> None:
    speaker = read_speaker(line)
    assert (speaker.role, speaker.name, speaker.party, speaker.from_seat) == (
        role,
        name,
        party,
        seat,
    )


def test_voices_from_the_floor_are_turns_of_their_own() -> None:
    text = "-El diputado Juan Pérez Gil: ¿Están de acuerdo?\n-Voces a coro: ¡Sí!\n"
    turns = split_turns(text)
    assert [(t.speaker, t.text) for t in turns] == [
        ("El diputado Juan Pérez Gil", "¿Están de acuerdo?"),
        ("Voces a coro", "¡Sí!"),
    ]
    assert read_speaker("Voces a coro").name is None


@pytest.mark.parametrize(
    ("line", "party"),
    [
        ("-El diputado Jorge Kahwagi Macari (NA)", "PANAL"),  # as the Cámara's records write it
        ("-El diputado Jorge Kahwagi Macari (Nueva Alianza)", "PANAL"),
        ("-El diputado Luis Pérez (Convergencia)", "CONV"),  # not renamed after the fact
        ("-La diputada Ana Ruiz (PSD)", "PSD"),
        ("-La diputada Ana Ruiz (PH)", "PH"),
        ("-La diputada Ana Ruiz (Redes Sociales Progresistas)", "RSP"),
        ("-La diputada Ana Ruiz (Fuerza por México)", "FXM"),
        ("-La diputada Ana Ruiz (Partido Verde Ecologista de México)", "PVEM"),
        ("-La diputada Ana Ruiz (Partido del Trabajo)", "PT"),
        ("- El C. Dip. Omar Bazán Flores.- P.R.I.", "PRI"),
        ("-La diputada Ana Ruiz (P.R.D.)", "PRD"),
    ],
)
def test_every_national_party_past_and_present_is_read_as_written(line: str, party: str) -> None:
    speaker = read_speaker(line)
    assert speaker.party == party
    assert speaker.role == "legislador"


@pytest.mark.parametrize(
    "stage",
    ["(Se levanta la sesión a las 14:00 horas)", "(Se levantó la sesión)",
     "(Se abre la sesión)", "(SE ABRIÓ LA SESIÓN A LAS 11:30 HORAS)",
     "(Se suspende la sesión)", "(Se reanuda la sesión)", "(Se clausura la sesión)",
     "(Se inicia la sesión)"],
)  # fmt: skip
def test_what_the_session_does_is_a_stage_direction_in_any_tense(stage: str) -> None:
    text = f"-La C. Presidenta: No habiendo más asuntos.\n{stage}\n-La Secretaría: Gracias.\n"
    turns = split_turns(text)
    assert [(t.speaker, t.procedural) for t in turns] == [
        ("La C. Presidenta", False), (None, True), ("La Secretaría", False)
    ]  # fmt: skip
    assert turns[1].text == stage


def test_a_transcript_opening_with_the_session_opened_in_the_present_marks_it() -> None:
    turns = split_turns("(Se abre la sesión a las 11:05 horas)\n-La C. Presidenta: Buenos días.\n")
    assert [(t.speaker, t.procedural) for t in turns] == [(None, True), ("La C. Presidenta", False)]


def test_a_rosters_parties_as_the_camaras_records_write_them() -> None:
    # modelled on a dissent ranking's columns (rank, person_id, nombre, partido, …): "NA"
    # is Nueva Alianza in a legislature of its years, and unknown when nothing says which
    text = (
        "rank,person_id,nombre,partido,disidencia_pct\n"
        "1,P00001,Pérez López Juan,PRI,100.0\n"
        "2,P00002,Ruiz Soto Ana,NA,86.4\n"
        "3,P00003,Gómez Vega Luis,Convergencia,80.0\n"
    )
    roster = read_roster(text, nueva_alianza=True)
    assert [entry.party for entry in roster] == ["PRI", "PANAL", "CONV"]
    assert [entry.party for entry in read_roster(text)] == ["PRI", None, "CONV"]
