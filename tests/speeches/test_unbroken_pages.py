"""A Cámara de Diputados' Diario as a site serves its text, with no page breaks: the page
heads it repeats («Diario de los Debates», «Año I, Primer Periodo, 24 de septiembre de
2031», the page's number) fall inside speeches, even inside a word a line's end broke;
a speech quotes someone with a name and a colon that a line's end put first on its line;
a legislator speaks from the curul under a name of two words before the record names
them whole; another «en tribuna». Fixture ``camara-sin-saltos.txt`` (written after the
real Diario's layout, people invented), every speech read by hand in
``camara-sin-saltos.json`` beside it."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "speeches" / "legislatures"
TEXT = (FIXTURES / "camara-sin-saltos.txt").read_text(encoding="utf-8")
WANT = json.loads((FIXTURES / "camara-sin-saltos.json").read_text(encoding="utf-8"))


def _speeches() -> list:
    session = Sesion(
        id="s-sin-saltos", title="Sesión", institution=WANT["congress"],
        jurisdiction=WANT["jurisdiction"], source_id="x",
        url="https://ejemplo.gob.mx/sin-saltos", text=TEXT, congress=WANT["congress"],
    )  # fmt: skip
    return [s for s in speeches_of(session, People(WANT["congress"])) if s.order]


def test_every_speech_has_its_speaker_person_party_and_only_its_words() -> None:
    got = [[s.speaker_as_written, s.person_name, s.role, s.party, s.text] for s in _speeches()]
    assert got == WANT["speeches"]
    for words in WANT["not_said"]:
        assert not [s for s in got if s[4] and words in s[4]], words
    # a record's name said once in a speech, or a number in words, is no page's head
    text = (
        "La diputada Ana Ruiz Garza (PAN): Lo publicó el\n"
        "Diario de los Debates\n"
        "del año pasado. Son\n"
        "3\n"
        "puntos. Lo dice el Diario de los Debates, Año I, en su página 4.\n"
    )
    (turn,) = split_turns(text)
    assert turn.text == (
        "Lo publicó el Diario de los Debates del año pasado. Son 3 puntos. Lo dice el Diario "
        "de los Debates, Año I, en su página 4."
    )


def test_a_name_cut_from_its_sentence_by_a_lines_end_opens_no_turn() -> None:
    # a quotation ("…como lo señaló el senador⏎Octavio Benítez Alarcón: «…»"), an office
    # and a document after an article or a preposition: the speaker's words go on
    text = (
        "La diputada Ana Ruiz Garza (PAN): Como lo dijo el senador\n"
        "Octavio Benítez Alarcón: «no». Y lo propuso la\n"
        "Dip. Luisa Mora Vela: que se apruebe. Lo dijo en su\n"
        "Dictamen Primero: se aprueba. Es cuanto.\n"
        "La presidenta diputada Rosa Elvira Quintero Lugo: Gracias.\n"
    )
    turns = split_turns(text)
    assert [t.speaker for t in turns] == [
        "La diputada Ana Ruiz Garza (PAN)", "La presidenta diputada Rosa Elvira Quintero Lugo",
    ]  # fmt: skip
    assert turns[0].text.endswith("Dictamen Primero: se aprueba. Es cuanto.")
    # the same lines after a full stop are someone's heading (an unknown shape's is no
    # one's, never the speaker's before); a dash opens a turn after anything
    text = (
        "La diputada Ana Ruiz Garza (PAN): Es cuanto.\n"
        "Octavio Benítez Alarcón: Gracias.\n"
        "La diputada Ana Ruiz Garza (PAN): Como dijo la\n"
        "—La presidenta diputada Rosa Elvira Quintero Lugo: Gracias.\n"
    )
    assert [t.speaker for t in split_turns(text)] == [
        "La diputada Ana Ruiz Garza (PAN)", None, "La diputada Ana Ruiz Garza (PAN)",
        "La presidenta diputada Rosa Elvira Quintero Lugo",
    ]  # fmt: skip
