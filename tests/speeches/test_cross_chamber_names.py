"""A name a senator's line writes is never a deputy's of the same congress, a deputy's
never a senator's, a minister's never a legislator's: a shorter (or longer) name resolves
to a person only when no one else of the same body could be them and that person is not
known in another body. A whole name written as the person's stays theirs (the deputy of
one legislature is the senator of the next)."""

from __future__ import annotations

import datetime as dt

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People, Person, person_id

CONGRESS = "Congreso de la Unión"


def _session(text: str, legislature: str = "LXVI") -> Sesion:
    return Sesion(
        id=f"s-{legislature}",
        title="Sesión de la Comisión Permanente",
        date=dt.date(2025, 6, 11),
        institution="Congreso de la Unión",
        jurisdiction="MX",
        source_id="s",
        url="https://ejemplo.gob.mx/s",
        text=text,
        congress=CONGRESS,
        legislature=legislature,
        chamber="Comisión Permanente",
    )


def _who(text: str, people: People) -> list[tuple[str, str | None]]:
    return [
        (s.speaker_as_written or "", s.person_name)
        for s in speeches_of(_session(text), people)
        if not s.procedural and s.speaker_as_written
    ]


# Modelled on the Comisión Permanente's versión estenográfica: deputies and senators sit
# together, and a senator may be named briefly.
PERMANENTE = """-La presidenta diputada Kenia Ruiz Salas: Se abre la sesión.
-El diputado Juan Pérez López (PAN): Con su venia, presidenta.
-El senador Juan Pérez: Solicito la palabra, presidenta.
-La presidenta diputada Kenia Ruiz Salas: Adelante, senador.
-El senador Juan Pérez: Gracias.
-El diputado Juan Pérez: Una moción, presidenta.
"""


def test_a_senators_short_name_is_no_deputy_of_the_same_sitting() -> None:
    people = People(CONGRESS)
    assert _who(PERMANENTE, people) == [
        ("La presidenta diputada Kenia Ruiz Salas", "Kenia Ruiz Salas"),
        ("El diputado Juan Pérez López (PAN)", "Juan Pérez López"),
        ("El senador Juan Pérez", None),  # old: Juan Pérez López, a deputy
        ("La presidenta diputada Kenia Ruiz Salas", "Kenia Ruiz Salas"),
        ("El senador Juan Pérez", None),
        ("El diputado Juan Pérez", "Juan Pérez López"),  # the deputy's short name still
    ]


def test_a_rostered_senator_is_no_deputys_short_line() -> None:
    # the Senate's roster names Juan Pérez López; the Cámara's roster Juan Pérez Ruiz:
    # "El diputado Juan Pérez" is the deputy alone, "El senador Juan Pérez" the senator
    people = People(CONGRESS)
    for name, chamber in (
        ("Juan Pérez López", "Senado de la República"),
        ("Juan Pérez Ruiz", "Cámara de Diputados"),
    ):
        person = people.resolve(name)
        assert person is not None
        person.add_term("LXVI", None, chamber, "padrón")
    text = """-La presidenta diputada Kenia Ruiz Salas: Se abre la sesión.
-El diputado Juan Pérez (desde la curul): Una moción, presidenta.
-El senador Juan Pérez: Con su venia, presidenta.
"""
    assert _who(text, people)[1:] == [
        ("El diputado Juan Pérez (desde la curul)", "Juan Pérez Ruiz"),  # old: no one
        ("El senador Juan Pérez", "Juan Pérez López"),  # old: no one
    ]


def test_a_ministers_line_is_no_legislators() -> None:
    people = People(CONGRESS)
    text = """-La presidenta diputada Kenia Ruiz Salas: Se abre la sesión.
-La senadora Norma Lucía Piña Hernández (MORENA): Con su venia.
-La ministra Norma Piña Hernández: Agradezco la invitación.
"""
    assert _who(text, people)[1:] == [
        ("La senadora Norma Lucía Piña Hernández (MORENA)", "Norma Lucía Piña Hernández"),
        ("La ministra Norma Piña Hernández", "Norma Piña Hernández"),  # old: the senator
    ]
    assert len({p.id for p in people.by_id.values() if "Piña" in p.name}) == 2


def test_a_senator_known_from_an_earlier_session_is_no_deputy_later() -> None:
    # the body a line stated is kept with the person's term: a later session (a new
    # People loaded from the store) still knows the deputy is one
    first = People(CONGRESS)
    speeches_of(_session(PERMANENTE), first)
    deputy = first.by_id[person_id(CONGRESS, "Juan Pérez López")]
    stored = Person(deputy.id, deputy.name, deputy.scope, list(deputy.forms), deputy.terms)
    later = People(CONGRESS, [stored])
    assert later.find("Juan Pérez", body="senado") is None
    assert later.find("Juan Pérez", body="diputados") is stored


def test_a_whole_name_stays_its_persons_in_another_chamber() -> None:
    people = People(CONGRESS)
    deputy = people.resolve("Juan Pérez López", body="diputados")
    assert people.resolve("Juan Pérez López", body="senado") is deputy


def test_the_body_a_line_states() -> None:
    from indexer.speeches.roles import body_of

    assert body_of("-El Senador Juan Pérez:") == "senado"
    assert body_of("-El Sen. Juan Pérez (PAN):") == "senado"
    assert body_of("-La diputada Ana Ruiz Pérez (desde la curul):") == "diputados"
    assert body_of("LA C. DIP. ANA RUIZ PÉREZ:") == "diputados"
    assert body_of("La Presidenta de la Comisión de Salud, senadora Ana Ruiz:") == "senado"
    assert body_of("-El diputado Juan Pérez, a nombre de la senadora Ana Ruiz:") == "diputados"
    assert body_of("La ministra Norma Piña Hernández:") == "ministro"
    assert body_of("El legislador Juan Pérez:") is None
    assert body_of("El ciudadano Juan Pérez López, Secretario de Hacienda:") == "compareciente"
