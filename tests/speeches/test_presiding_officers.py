"""Who presides, as the record says it while the Mesa Directiva's members relieve each
other in the chair: «Presidencia del diputado …», «(Preside la diputada …)», «Asume la
Presidencia el diputado …», a vice-president's named line. A bare «El Presidente:» is
whoever the record last said presides; a bare «El vicepresidente:» is never the
president; a line whose grammar says another person than the one known («La Presidenta:»
under «Presidencia del diputado …») is no one's: a wrong speaker is worse than none.
Fixture ``diputados-relevos.txt`` (written after the Diario de los Debates, people
invented), read by hand in ``hand-read.json``."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "speeches" / "legislatures"
CONGRESS = "Congreso de la Unión"


def _said(text: str) -> list[tuple[str | None, str | None, str]]:
    session = Sesion(
        id="s-relevos", title="Sesión", institution=CONGRESS, jurisdiction="MX",
        source_id="x", url="https://ejemplo.gob.mx/relevos", text=text, congress=CONGRESS,
    )  # fmt: skip
    return [
        (s.speaker_as_written, s.person_name, s.text)
        for s in speeches_of(session, People(CONGRESS))
        if s.speaker_as_written
    ]


def test_each_turn_of_a_sitting_whose_chair_changes_hands_is_its_own_person_or_no_one() -> None:
    name = "diputados-relevos.txt"
    want = json.loads((FIXTURES / "hand-read.json").read_text(encoding="utf-8"))[name]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    going_on = {t.order for t in split_turns(text) if t.continued}
    session = Sesion(
        id="s-relevos", title="Sesión", institution=CONGRESS, jurisdiction="MX",
        source_id="x", url="https://ejemplo.gob.mx/relevos", text=text, congress=CONGRESS,
    )  # fmt: skip
    said = [s for s in speeches_of(session, People(CONGRESS)) if s.speaker_as_written]
    heads = [s for s in said if s.order not in going_on]
    # exactly the hand-read person, and no one where the record does not say who
    assert [[s.speaker_as_written, s.person_name, s.role, s.party] for s in heads] == want["turns"]
    # the chair's change and the seat are the record's notes, in no one's words
    for words in want["not_said"]:
        assert not [s.text for s in said if words in s.text], words


def test_a_bare_vice_presidents_line_is_never_the_president_but_the_vice_presiding() -> None:
    text = (
        "Presidencia del diputado Ernesto Quiroga Salcedo\n\n"
        "—El Presidente: Se abre la sesión.\n"
        "—El Vicepresidente: Se turna a comisiones.\n"
        "EL C. VICEPRESIDENTE.- De enterado.\n"
        "—La Vicepresidenta: Continúe.\n"
        "—El Presidente: Tiene la palabra la diputada Lorena Becerril Anaya.\n"
        # …and the vice-president the record says takes the chair is
        "(Preside la vicepresidenta diputada Gabriela Ochoa Landeros)\n"
        "—La Vicepresidenta: Se levanta la sesión.\n"
    )
    assert [person for _, person, _ in _said(text)] == [
        "Ernesto Quiroga Salcedo", None, None, None, "Ernesto Quiroga Salcedo",
        "Gabriela Ochoa Landeros",
    ]  # fmt: skip


def test_the_record_saying_who_takes_the_chair_hands_it_over() -> None:
    text = (
        "Presidencia de la diputada Gabriela Ochoa Landeros\n\n"
        "—La Presidenta: Se abre la sesión.\n"
        "—La diputada Lorena Becerril Anaya: Gracias, presidenta.\n"
        "—Preside el diputado Ernesto Quiroga Salcedo.\n"
        "—El Presidente: Tiene la palabra el diputado Tomás Rivas Olmedo.\n"
        "—El diputado Tomás Rivas Olmedo: Con su venia.\n"
        "PRESIDE LA DIPUTADA MARISELA FONSECA RUELAS\n"
        "—La Presidenta: Gracias, diputado.\n"
        "—La diputada Lorena Becerril Anaya: Pido la palabra.\n"
        # (a sentence about who presides a committee hands nothing over)
        "Preside el diputado Tomás Rivas Olmedo la Comisión de Salud, que lo aprobó.\n"
        "(Preside el diputado Ernesto Quiroga Salcedo)\n"
        "—El Presidente: Adelante.\n"
    )
    said = _said(text)
    chair = [person for who, person, _ in said if who in ("La Presidenta", "El Presidente")]
    assert chair == [
        "Gabriela Ochoa Landeros", "Ernesto Quiroga Salcedo", "Marisela Fonseca Ruelas",
        "Ernesto Quiroga Salcedo",
    ]  # fmt: skip
    # each note of who presides is the record's, not the words of the speaker before it
    assert [words for _, _, words in said] == [
        "Se abre la sesión.", "Gracias, presidenta.",
        "Tiene la palabra el diputado Tomás Rivas Olmedo.", "Con su venia.",
        "Gracias, diputado.",
        "Pido la palabra. Preside el diputado Tomás Rivas Olmedo la Comisión de Salud, que lo"
        " aprobó.",
        "Adelante.",
    ]  # fmt: skip


def test_a_chair_line_whose_grammar_is_not_the_known_chairs_is_no_ones() -> None:
    text = (
        "Presidencia del diputado Ernesto Quiroga Salcedo\n\n"
        "—El Presidente: Se abre la sesión.\n"
        "—La Presidenta: Tiene la palabra la diputada Lorena Becerril Anaya.\n"
    )
    assert [person for _, person, _ in _said(text)] == ["Ernesto Quiroga Salcedo", None]


def test_who_takes_the_chair_mid_sitting_did_not_preside_the_turns_before() -> None:
    text = (
        "SESIÓN ORDINARIA\n\n"
        "—El Presidente: Se abre la sesión.\n"
        "—La diputada Lorena Becerril Anaya: Gracias.\n"
        "(Preside la diputada Gabriela Ochoa Landeros)\n"
        "—La Presidenta: Adelante.\n"
    )
    assert [person for _, person, _ in _said(text)] == [
        None, "Lorena Becerril Anaya", "Gabriela Ochoa Landeros",
    ]  # fmt: skip
