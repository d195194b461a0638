"""A turn whose written name another of the session's speakers also goes by ("El
diputado López Ruiz" when a Juan and a María López Ruiz both speak) is credited to no
one, even when it was read before the second of them spoke: its line stays as written
(the session page shows it), and no party is filled in. A short name only one speaker
goes by still resolves."""

from __future__ import annotations

import datetime as dt

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.model import Speech
from indexer.speeches.people import People

CONGRESS = "Congreso de la Unión"


def _speeches(text: str, people: People) -> list[Speech]:
    session = Sesion(
        id="s",
        title="Sesión ordinaria",
        date=dt.date(2025, 2, 18),
        institution="Cámara de Diputados",
        jurisdiction="MX",
        source_id="s",
        url="https://ejemplo.gob.mx/s",
        text=text,
        congress=CONGRESS,
        legislature="LXVI",
        chamber="Cámara de Diputados",
    )
    return [s for s in speeches_of(session, people) if not s.procedural]


def _who(text: str, people: People | None = None) -> list[tuple[str | None, str | None]]:
    return [(s.person_name, s.party) for s in _speeches(text, people or People(CONGRESS))]


# Modelled on the Diario de los Debates: a short name from the seat before the two
# legislators it could be take the rostrum.
DIARIO = """Presidencia de la diputada Kenia Ruiz Salas
-La presidenta diputada Kenia Ruiz Salas: Se abre la sesión.
-El diputado Juan López Ruiz (PAN): Con su venia, presidenta.
-El diputado López Ruiz (desde la curul): Una moción, presidenta.
-La diputada María López Ruiz (PRI): Con su venia, presidenta.
-La presidenta diputada Kenia Ruiz Salas: Gracias, diputada.
"""


def test_a_short_name_read_before_a_second_person_goes_by_it_is_no_ones() -> None:
    speeches = _speeches(DIARIO, People(CONGRESS))
    moción = speeches[2]
    assert moción.speaker_as_written is not None
    assert "López Ruiz (desde la curul)" in moción.speaker_as_written
    assert (moción.person_id, moción.person_name, moción.party) == (None, None, None)
    assert [(s.person_name, s.party) for s in speeches] == [
        ("Kenia Ruiz Salas", None),
        ("Juan López Ruiz", "PAN"),
        (None, None),
        ("María López Ruiz", "PRI"),
        ("Kenia Ruiz Salas", None),
    ]


def test_a_short_name_only_one_speaker_goes_by_still_resolves() -> None:
    text = DIARIO.replace("María López Ruiz", "María Gómez Sol")
    assert _who(text)[2] == ("Juan López Ruiz", "PAN")


def test_a_roster_known_name_is_not_credited_when_the_session_shows_a_namesake() -> None:
    """The roster knew only Juan; the line's party is not learnt as his."""
    people = People(CONGRESS)
    juan = people.resolve("López Ruiz, Juan")
    assert juan is not None
    text = (
        "-El diputado López Ruiz (PRI): Una pregunta a la oradora.\n"
        "-La diputada María López Ruiz (PRI): Con su venia.\n"
    )
    assert _who(text, people) == [(None, "PRI"), ("María López Ruiz", "PRI")]
    assert all(term.get("party") != "PRI" for term in juan.terms)


def test_the_chair_named_by_a_shared_name_presides_for_no_one() -> None:
    text = (
        "-El presidente diputado López Ruiz: Se abre la sesión.\n"
        "-El presidente: Tiene la palabra el diputado Juan López Ruiz.\n"
        "-El diputado Juan López Ruiz (PAN): Con su venia.\n"
        "-La diputada María López Ruiz (PRI): Con su venia.\n"
    )
    assert [who for who, _ in _who(text)] == [
        None,
        None,
        "Juan López Ruiz",
        "María López Ruiz",
    ]


def test_a_full_name_after_a_shared_short_one_keeps_its_person() -> None:
    text = (
        "-El diputado López Ruiz: Una pregunta.\n"
        "-El diputado Juan López Ruiz (PAN): Con su venia.\n"
        "-La diputada María López Ruiz (PRI): Con su venia.\n"
        "-El diputado Juan López Ruiz: Para concluir.\n"
    )
    assert _who(text) == [
        (None, None),
        ("Juan López Ruiz", "PAN"),
        ("María López Ruiz", "PRI"),
        ("Juan López Ruiz", "PAN"),
    ]
