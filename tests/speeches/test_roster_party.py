"""A speaker's party when the transcript does not state it: taken only from a roster of
the session's own legislature, for the one person the name is, and said to come from
there; "NA" in a roster is Nueva Alianza only where its years and its column say so."""

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
from indexer.speeches.people import People, read_roster
from indexer.speeches.store import load_people

CONGRESS = "Congreso de la Unión"
STATE = "H. Congreso del Estado de Prueba"
TEXT = """-La diputada Ana Ruiz Soto (desde la curul): Pido la palabra.
-El diputado Luis Mora Paz (PT): Con su venia.
-El diputado Luis Mora Paz (desde la curul): Una pregunta más.
"""


def _session(text: str, legislature: str | None, congress: str = CONGRESS) -> Sesion:
    return Sesion(
        id="s",
        title="Sesión ordinaria",
        date=dt.date(2025, 2, 18),
        institution="Cámara de Diputados",
        jurisdiction="MX",
        source_id="x",
        url="https://ejemplo.gob.mx/s",
        text=text,
        congress=congress,
        legislature=legislature,
        chamber="Cámara de Diputados",
    )


def _people(*terms: tuple[str, str | None, str | None]) -> People:
    people = People(CONGRESS)
    for name, legislature, party in terms:
        people.resolve(name).add_term(legislature, party, None, "padrón")  # type: ignore[union-attr]
    return people


def _parties(text: str, legislature: str | None, people: People) -> list[tuple]:  # type: ignore[type-arg]
    speeches = speeches_of(_session(text, legislature), people)
    return [(s.person_name, s.party, s.party_source) for s in speeches]


def test_a_roster_of_the_sessions_legislature_fills_the_party_and_says_so() -> None:
    people = _people(("Ruiz Soto, Ana", "LXVI", "MORENA"), ("Mora Paz, Luis", "LXVI", "PRI"))
    assert _parties(TEXT, "LXVI", people) == [
        ("Ana Ruiz Soto", "MORENA", "padron"),
        # the transcript's own word stands over the roster's, in all his turns that day
        ("Luis Mora Paz", "PT", "transcripcion"),
        ("Luis Mora Paz", "PT", "sesion"),
    ]


def test_another_legislatures_roster_says_nothing_of_this_one() -> None:
    """People change party: a roster of the LXV gives no party in the LXVI, nor does a
    roster with no legislature, nor a session whose legislature is unknown."""
    people = _people(("Ruiz Soto, Ana", "LXV", "PRD"), ("Mora Paz, Luis", None, "PAN"))
    assert _parties(TEXT, "LXVI", people)[0] == ("Ana Ruiz Soto", None, None)
    assert _parties(TEXT, None, people) == [
        ("Ana Ruiz Soto", None, None),
        ("Luis Mora Paz", "PT", "transcripcion"),
        ("Luis Mora Paz", "PT", "sesion"),
    ]


def test_a_party_a_speech_stated_fills_no_turn_of_another_session() -> None:
    """What one session's heading said is that day's; the next session's turn without a
    party is not given one from it (people change party)."""
    people = People(CONGRESS)
    _parties(TEXT, "LXVI", people)
    later = "-El diputado Luis Mora Paz (desde la curul): Otra sesión.\n"
    assert _parties(later, "LXVI", people) == [("Luis Mora Paz", None, None)]


def test_a_name_two_roster_people_share_gets_no_party() -> None:
    people = _people(
        ("Ruiz Soto, Ana María", "LXVI", "MORENA"), ("Ruiz Soto, Ana Luisa", "LXVI", "PAN")
    )
    text = "-La diputada Ana Ruiz Soto (desde la curul): Pido la palabra.\n"
    assert _parties(text, "LXVI", people) == [(None, None, None)]


# Modelled on a roll-call ranking of the Cámara (rank, id, "Apellidos Nombres", partido):
# the LXII Legislatura's writes Nueva Alianza "NA".
RANKING = (
    "rank,person_id,nombre,partido\n"
    "1,P1,Pérez López Juan,PRI\n"
    "2,P2,Ruiz Soto Ana,NA\n"
    "3,P3,Gómez Vega Luis,PVEM\n"
    "4,P4,Núñez Ávila Eva,N/A\n"
    "5,P5,Torres Garza Roberto,PAN\n"
)
# An export whose party column holds no values: "NA" on (almost) every row.
EMPTY_COLUMN = (
    "nombre,partido,distrito\n"
    "Pérez López Juan,NA,NA\n"
    "Ruiz Soto Ana,NA,III\n"
    "Gómez Vega Luis,PAN,NA\n"
)


@pytest.mark.parametrize(
    ("text", "congress", "legislature", "parties"),
    [
        (RANKING, CONGRESS, "LXII", ["PRI", "PANAL", "PVEM", None, "PAN"]),
        (
            RANKING,
            "Cámara de Diputados",
            "LXIII Legislatura",
            ["PRI", "PANAL", "PVEM", None, "PAN"],
        ),
        # after 2018 there is no Nueva Alianza in the Congreso de la Unión
        (RANKING, CONGRESS, "LXIV", ["PRI", None, "PVEM", None, "PAN"]),
        # a state's LXII is other years, and its own parties: the roster cannot tell
        (RANKING, STATE, "LXII", ["PRI", None, "PVEM", None, "PAN"]),
        (RANKING, CONGRESS, None, ["PRI", None, "PVEM", None, "PAN"]),
        # a column of "NA" writes missing values, whatever the years
        (EMPTY_COLUMN, CONGRESS, "LXII", [None, None, "PAN"]),
    ],
)
def test_na_in_a_roster_is_nueva_alianza_only_where_the_context_says_so(
    tmp_path: Path, text: str, congress: str, legislature: str | None, parties: list
) -> None:  # type: ignore[type-arg]
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        import_roster(library.db, text, congress, legislature)
        people = {p.name: p for p in load_people(library.db, congress).by_id.values()}
        names = [entry.name for entry in read_roster(text)]
        assert [people[name].terms[0]["party"] for name in names] == parties
    finally:
        library.close()


def test_a_missing_district_is_no_district() -> None:
    assert [e.district for e in read_roster(EMPTY_COLUMN)] == [None, "III", None]


@pytest.mark.parametrize(("legislature", "party"), [("LXII", "PANAL"), ("LXV", None)])
def test_na_after_a_name_in_a_federal_transcript_is_read_by_its_years(
    legislature: str, party: str | None
) -> None:
    text = "-El diputado Luis Mora Paz (NA): Con su venia.\n"
    [speech] = speeches_of(_session(text, legislature), People(CONGRESS))
    assert speech.party == party


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    import_roster(library.db, "nombre|partido\nRuiz Soto, Ana|MORENA\n", CONGRESS, "LXVI")
    library.add_document(_session(TEXT, "LXVI"))
    library.flush()
    with TestClient(create_app(library)) as test_client:
        yield test_client
    library.close()


def test_the_session_page_and_api_say_where_a_party_came_from(client: TestClient) -> None:
    answer = client.get("/v1/sessions/s/speeches").json()
    assert [(s["party"], s["party_source"]) for s in answer["speeches"]] == [
        ("MORENA", "padron"),
        ("PT", "transcripcion"),
        ("PT", "sesion"),
    ]
    page = client.get("/d/s").text
    assert "Legisladora · MORENA según el padrón" in page
    assert "Legislador · PT)" in page
