"""A speaker heading with both a party and a seat in brackets (``La diputada Ana Ruiz
Soto (PRI) (desde la curul):``) opens that speaker's turn in every shape congresses
write; and what the Diario notes while no one has the floor (a video shown, voices,
an interruption) is a stage direction, not the speaker's words."""

from __future__ import annotations

from indexer.speeches.roles import read_speaker
from indexer.speeches.split import split_turns


def test_a_party_and_a_seat_in_brackets_open_the_turn_in_every_shape() -> None:
    text = (
        "La presidenta diputada Ana Ruiz Soto: Tiene la palabra.\n"
        "La diputada Eva Mora Paz (PRI) (desde la curul): Gracias, presidenta.\n"
        "El diputado Juan Pérez López (PAN)\n"
        "(desde la curul):\n"
        "Pido la palabra.\n"
        "DIP. LUIS GÓMEZ VEGA (MORENA) (DESDE SU CURUL).- Con su venia.\n"
        "La Diputada Rosa Núñez Ávila (PT) (desde su curul).- Una pregunta.\n"
        "DIP. JORGE TORRES GARZA (MC) (DESDE SU CURUL): Gracias.\n"
    )
    turns = split_turns(text)
    assert [t.text for t in turns] == [
        "Tiene la palabra.",
        "Gracias, presidenta.",
        "Pido la palabra.",
        "Con su venia.",
        "Una pregunta.",
        "Gracias.",
    ]
    read = [read_speaker(t.speaker or "") for t in turns[1:]]
    assert [(s.name, s.party, s.from_seat) for s in read] == [
        ("Eva Mora Paz", "PRI", True),
        ("Juan Pérez López", "PAN", True),
        ("Luis Gómez Vega", "MORENA", True),
        ("Rosa Núñez Ávila", "PT", True),
        ("Jorge Torres Garza", "MC", True),
    ]


def test_a_video_voices_and_an_interruption_are_stage_directions() -> None:
    text = (
        "-La Presidenta diputada Ana Ruiz Soto: Se pide proyectar el mensaje. (Se proyecta "
        "video) Gracias. (Voces) Orden, por favor. (Interrupción) Continúe, diputado.\n"
    )
    turns = split_turns(text)
    assert [(t.speaker is None, t.text) for t in turns] == [
        (False, "Se pide proyectar el mensaje."),
        (True, "(Se proyecta video)"),
        (False, "Gracias."),
        (True, "(Voces)"),
        (False, "Orden, por favor."),
        (True, "(Interrupción)"),
        (False, "Continúe, diputado."),
    ]


def test_a_seat_written_after_the_colon_or_dash_is_no_part_of_the_speech() -> None:
    text = (
        "-La Presidenta Senadora Ana Ruiz Soto: Tiene la palabra.\n"
        "-El Senador Gonzalo Ibarra Fuentes: (Desde su escaño) Pido la palabra, Presidenta.\n"
        "DIP. LUIS GÓMEZ VEGA.- (DESDE SU CURUL). Con su venia.\n"
        "La diputada Eva Mora Paz: (desde la curul)\n"
        "Gracias, presidenta (desde la curul no se oye).\n"
    )
    turns = split_turns(text)
    assert [t.text for t in turns] == [
        "Tiene la palabra.",
        "Pido la palabra, Presidenta.",
        "Con su venia.",
        "Gracias, presidenta (desde la curul no se oye).",
    ]
    read = [read_speaker(t.speaker or "") for t in turns[1:]]
    assert [(s.name, s.from_seat) for s in read] == [
        ("Gonzalo Ibarra Fuentes", True),
        ("Luis Gómez Vega", True),
        ("Eva Mora Paz", True),
    ]
