"""A party one turn of a session states is that person's in their other turns of the same
session (the Diario de los Debates writes it on the first: "La diputada María López Ruiz
(PRI):", then "La diputada María López Ruiz:"), said to come from there; never in another
session, never when the name could be another speaker's or the lines disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sesion
from indexer.speeches import import_roster
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.store import person_speeches, session_speech_page

CONGRESS = "Congreso de la Unión"
MARIA = "María López Ruiz"

# Modelled on the Diario de los Debates of the Cámara de Diputados: a presidency named in
# the heading, a first turn with the party, the same person later from the seat and at
# the rostrum without it, and a secretary reading.
DIARIO = """Presidencia de la diputada Kenia Ruiz Salas
-La presidenta diputada Kenia Ruiz Salas: Se abre la sesión.
-La secretaria diputada Ana Mora Vega: Se informa a la Presidencia que hay quórum.
-La diputada María López Ruiz (PRI): Con su venia, presidenta. Vengo a esta tribuna.
-La presidenta diputada Kenia Ruiz Salas: Sonido en la curul de la diputada López Ruiz.
-La diputada María López Ruiz (desde la curul): Para una moción, presidenta.
-El diputado Pedro Gómez Sol (PAN): Con su venia.
-La diputada María López Ruiz: Para rectificar hechos, presidenta.
-La secretaria diputada Ana Mora Vega: Se consulta a la asamblea.
"""


def _session(text: str, legislature: str | None = "LXVI", sid: str = "s") -> Sesion:
    return Sesion(
        id=sid,
        title="Sesión ordinaria",
        date=dt.date(2025, 2, 18),
        institution="Cámara de Diputados",
        jurisdiction="MX",
        source_id=sid,
        url=f"https://ejemplo.gob.mx/{sid}",
        text=text,
        congress=CONGRESS,
        legislature=legislature,
        chamber="Cámara de Diputados",
    )


def _parties(text: str, people: People, legislature: str | None = "LXVI") -> list[tuple]:  # type: ignore[type-arg]
    speeches = speeches_of(_session(text, legislature), people)
    return [(s.person_name, s.party, s.party_source) for s in speeches if not s.procedural]


def test_a_party_the_first_turn_states_is_the_persons_in_their_later_turns() -> None:
    assert _parties(DIARIO, People(CONGRESS)) == [
        ("Kenia Ruiz Salas", None, None),
        ("Ana Mora Vega", None, None),
        ("María López Ruiz", "PRI", "transcripcion"),
        ("Kenia Ruiz Salas", None, None),
        ("María López Ruiz", "PRI", "sesion"),
        ("Pedro Gómez Sol", "PAN", "transcripcion"),
        ("María López Ruiz", "PRI", "sesion"),
        ("Ana Mora Vega", None, None),
    ]


def test_a_later_turn_stating_the_party_fills_the_earlier_ones() -> None:
    text = (
        "-El diputado Pedro Gómez Sol: Con su venia.\n"
        "-El diputado Pedro Gómez Sol (PAN) (desde la curul): Una pregunta.\n"
    )
    assert _parties(text, People(CONGRESS)) == [
        ("Pedro Gómez Sol", "PAN", "sesion"),
        ("Pedro Gómez Sol", "PAN", "transcripcion"),
    ]


def test_the_next_session_gets_nothing_from_this_one() -> None:
    people = People(CONGRESS)
    _parties(DIARIO, people)
    later = "-La diputada María López Ruiz: Con su venia, presidenta.\n"
    assert _parties(later, people) == [("María López Ruiz", None, None)]


def test_a_name_two_speakers_of_the_session_go_by_gets_no_party() -> None:
    """ "López Ruiz" could be María (PRI) or Juan (PAN), whoever spoke first; a surname
    alone names no one."""
    text = (
        "-La diputada María López Ruiz (PRI): Con su venia.\n"
        "-El diputado López Ruiz: Una pregunta a la oradora.\n"
        "-El diputado López: Otra pregunta.\n"
        "-El diputado Juan López Ruiz (PAN): Con su venia.\n"
        "-La diputada López Ruiz (desde la curul): Para aclarar.\n"
    )
    assert [party for _, party, _ in _parties(text, People(CONGRESS))] == [
        "PRI",
        None,
        None,
        "PAN",
        None,
    ]


def test_a_name_stated_with_two_parties_fills_no_other_turn() -> None:
    """Two people of one name, or a slip of the record: which party the third turn is
    cannot be told."""
    text = (
        "-El diputado Juan Pérez Díaz (PAN): Con su venia.\n"
        "-El diputado Juan Pérez Díaz (PRI): Con su venia.\n"
        "-El diputado Juan Pérez Díaz (desde la curul): Una pregunta.\n"
    )
    assert [party for _, party, _ in _parties(text, People(CONGRESS))] == ["PAN", "PRI", None]


def test_the_days_party_stands_over_the_rosters_in_all_the_turns() -> None:
    people = People(CONGRESS)
    people.resolve("López Ruiz, María").add_term("LXVI", "PAN", None, "padrón")  # type: ignore[union-attr]
    people.resolve("Mora Vega, Ana").add_term("LXVI", "MORENA", None, "padrón")  # type: ignore[union-attr]
    got = _parties(DIARIO, people)
    assert [g for g in got if g[0] == "María López Ruiz"] == [
        ("María López Ruiz", "PRI", "transcripcion"),
        ("María López Ruiz", "PRI", "sesion"),
        ("María López Ruiz", "PRI", "sesion"),
    ]
    assert ("Ana Mora Vega", "MORENA", "padron") in got


@pytest.mark.parametrize(("legislature", "party"), [("LXII", "PANAL"), ("LXV", None)])
def test_na_fills_the_other_turns_only_where_it_is_nueva_alianza(
    legislature: str, party: str | None
) -> None:
    text = (
        "-El diputado Luis Mora Paz (NA): Con su venia.\n"
        "-El diputado Luis Mora Paz (desde la curul): Una pregunta.\n"
    )
    assert [p for _, p, _ in _parties(text, People(CONGRESS), legislature)] == [party, party]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    import_roster(library.db, "nombre|partido\nMora Vega, Ana|MORENA\n", CONGRESS, "LXVI")
    library.add_document(_session(DIARIO))
    library.flush()
    with TestClient(create_app(library)) as test_client:
        yield test_client
    library.close()


def test_the_api_and_session_page_say_the_party_came_from_another_turn(
    client: TestClient,
) -> None:
    answer = client.get("/v1/sessions/s/speeches").json()
    got = [(s["person_name"], s["party"], s["party_source"]) for s in answer["speeches"]]
    assert ("María López Ruiz", "PRI", "sesion") in got
    assert ("María López Ruiz", "PRI", "transcripcion") in got
    assert ("Ana Mora Vega", "MORENA", "padron") in got
    page = client.get("/d/s").text
    assert "PRI según otra de sus intervenciones en la sesión" in page
    assert "MORENA según el padrón" in page


def test_a_stored_turn_read_apart_from_the_one_stating_the_party_still_says_so(
    tmp_path: Path,
) -> None:
    """The database keeps no source: a page of turns without the stating one, and a
    person's list of speeches, read it back from the session."""
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        library.add_document(_session(DIARIO))
        library.flush()
        later = session_speech_page(library.db, "s", 4, 10)
        hers = [s for s in later if s.person_name == MARIA]
        assert [(s.party, s.party_source) for s in hers] == [("PRI", "sesion")] * 2
        mine = person_speeches(library.db, hers[0].person_id or "")
        assert [(s.party, s.party_source) for s in mine] == [
            ("PRI", "transcripcion"),
            ("PRI", "sesion"),
            ("PRI", "sesion"),
        ]
    finally:
        library.close()
