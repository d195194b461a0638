"""Someone who breaks into a speech, glued by the text to the words before it («…¿Acepta
una pregunta? —La diputada Ana Ruiz (PAN) (desde la curul): No, gracias.»): their words
are theirs, not the speaker's they interrupt, and the seat is no part of anyone's words.
A quotation inside a speech («como dijo —el diputado Ruiz: …») opens no turn."""

from __future__ import annotations

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People

CONGRESS = "Congreso de la Unión"


def test_an_interruption_glued_to_the_words_before_it_is_its_speakers_own_turn() -> None:
    text = (
        "Presidencia del diputado Ernesto Quiroga Salcedo\n\n"
        "—La diputada Lorena Becerril Anaya (PRI): Como dijo —el diputado Rivas: «no hay"
        " recorte». ¿Acepta una pregunta? —El diputado Tomás Rivas Olmedo (PAN) (desde la"
        " curul): No, gracias. —El Presidente: Continúe, diputada.\n"
        "—La diputada Lorena Becerril Anaya (PRI): Es cuanto.\n"
    )
    session = Sesion(
        id="s-glued", title="Sesión", institution=CONGRESS, jurisdiction="MX",
        source_id="x", url="https://ejemplo.gob.mx/glued", text=text, congress=CONGRESS,
    )  # fmt: skip
    said = [
        (s.person_name, s.text)
        for s in speeches_of(session, People(CONGRESS))
        if s.speaker_as_written
    ]
    assert said == [
        ("Lorena Becerril Anaya",
         "Como dijo —el diputado Rivas: «no hay recorte». ¿Acepta una pregunta?"),
        ("Tomás Rivas Olmedo", "No, gracias."),
        ("Ernesto Quiroga Salcedo", "Continúe, diputada."),
        ("Lorena Becerril Anaya", "Es cuanto."),
    ]  # fmt: skip
