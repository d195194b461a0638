"""What a citizen reads of a congress session printed the way its PDFs come out: page
marks left between the lines of a turn where no page break tells them apart
("Cámara de Diputados — Versión estenográfica — página 12", "Página 14 de 14"), words
broken over two lines with a hyphen ("la refor-⏎ma"), a vote's sides with the members'
names ("A favor: Ana…, Juan… y Pedro…"), and a sitting declared permanent that runs
past midnight, its hour noted as a sentence ("(Son las 23:58 horas)"). Fixtures in
``tests/fixtures/speeches/legislatures/`` (written after real ones, invented people)."""

from __future__ import annotations

from pathlib import Path

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "speeches" / "legislatures"
CONGRESS = "Congreso de la Unión"


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _speeches(name: str) -> list:
    session = Sesion(
        id=f"s-{name}", title="Sesión", institution=CONGRESS, jurisdiction="MX",
        source_id="x", url=f"https://ejemplo.gob.mx/{name}", text=_text(name),
        congress=CONGRESS,
    )  # fmt: skip
    return [s for s in speeches_of(session, People(CONGRESS)) if s.order]


def test_a_page_mark_between_two_lines_of_a_turn_is_no_ones_words() -> None:
    speeches = _speeches("camara-paginas.txt")
    words = " ".join(s.text for s in speeches)
    assert "página" not in words.lower()
    assert "Versión estenográfica" not in words
    oradora = [s for s in speeches if s.person_name == "María Guadalupe Chavira de la Peña"]
    # her words run on across the page as she said them
    assert oradora[-1].text.endswith("el proyecto atiende a quienes no tienen agua en sus casas.")
    # a page a speech names at its line's end, once, is its words
    text = (
        "Versión estenográfica de la sesión ordinaria del martes 11 de marzo de 2025\n\n"
        "El diputado Ulises Baeza Montoya (PAN): Lo dice el dictamen en su\n"
        "página 12\n"
        "y lo repito: es urgente.\n"
    )
    turns = split_turns(text)
    assert turns[0].text == "Lo dice el dictamen en su página 12 y lo repito: es urgente."


def test_a_word_a_line_end_broke_with_a_hyphen_is_whole_again() -> None:
    speeches = _speeches("camara-paginas.txt")
    oradora = next(s for s in speeches if s.person_name == "María Guadalupe Chavira de la Peña")
    # a page mark between the two halves too
    assert "defender la reforma en materia de agua" in oradora.text
    # a heading whose name a line's end broke so is hers, never the chair's words
    assert [s.speaker_as_written for s in speeches if s.text.startswith("No, gracias.")] == [
        "La diputada María Guadalupe Chavira de la Peña (Morena)"
    ]
    pregunta = next(s for s in speeches if s.person_name == "Ulises Baeza Montoya")
    assert pregunta.text == "Presidenta, ¿acepta una pregunta la oradora?"
    assert pregunta.party == "PAN"


def test_the_names_of_a_votes_sides_are_the_records_list_not_the_secretarys_words() -> None:
    speeches = _speeches("camara-paginas.txt")
    secretaria = next(s for s in speeches if s.person_name == "Noemí Valle Arreola")
    assert secretaria.text == "Se emitieron cuatro votos a favor y uno en contra."
    listed = next(s for s in speeches if s.text.startswith("A favor: Araceli Medina Tovar"))
    assert listed.procedural and listed.speaker_as_written is None and listed.person_id is None
    assert "En contra: Ulises Baeza Montoya." in listed.text
    assert "Abstenciones: ninguna." in listed.text
    # a count the chair says aloud stays his words
    last = speeches[-1]
    assert last.person_name == "Joaquín Ibarra Solórzano"
    assert last.text == "Aprobado. A favor: cuatro; en contra: uno."
    # one name, or a count, after a side is someone's words
    text = (
        "Versión estenográfica de la sesión ordinaria del martes 11 de marzo de 2025\n\n"
        "La secretaria diputada Noemí Valle Arreola: Se da cuenta de la votación.\n"
        "A favor: 351 votos.\n"
        "La secretaria diputada Noemí Valle Arreola: Se informa.\n"
        "En contra: el diputado Ulises Baeza Montoya, por las razones que expuso.\n"
    )
    turns = split_turns(text)
    assert [t.speaker for t in turns] == [
        "La secretaria diputada Noemí Valle Arreola",
        "La secretaria diputada Noemí Valle Arreola",
    ]
    assert turns[0].text.endswith("A favor: 351 votos.")


def test_a_sitting_past_midnight_keeps_its_hour_notes_apart_and_its_chair() -> None:
    speeches = _speeches("permanente-medianoche.txt")
    said = [(s.speaker_as_written, s.person_name, s.text) for s in speeches]
    assert (
        "La C. Presidenta",
        "Estela Garza Villarreal",
        "Se declara la sesión permanente.",
    ) in said
    assert (None, None, "(Son las 23:58 horas)") in said
    # the list of the nominal vote is no one's
    assert not any(s.speaker_as_written and "Heriberto Lugo Cisneros," in s.text for s in speeches)
    # the chair changes mid-sitting, in the other chamber
    assert said[-2][:2] == ("El C. Presidente", "Ramiro Corona Espinosa")
