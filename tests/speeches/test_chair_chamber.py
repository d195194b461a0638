"""A change of chair names the chamber of the one who presides from there ("Presidencia
de la senadora …"): in a joint sitting (the Comisión Permanente, the Congreso General)
the name is resolved in that chamber, never to a deputy of a like name who spoke before,
whose party the chair's turns would then carry. Unsure, the chair's turns are no one's.
The transcript is written for the test on the Diario de los Debates' lines."""

from __future__ import annotations

import datetime as dt

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People

CONGRESS = "Congreso de la Unión"
TEXT = """Presidencia del diputado Sergio Luna Pardo
-El presidente diputado Sergio Luna Pardo: Se abre la sesión.
-La diputada Laura Castillo Juárez (PT): Con su venia, presidente.
-El presidente diputado Sergio Luna Pardo: Gracias, diputada.

Presidencia de la senadora Laura Castillo

-La presidenta: Tiene la palabra el senador Ricardo Monte Ávila.
-El senador Ricardo Monte Ávila (Morena): Con su venia, presidenta.
-La presidenta: Gracias, senador.
"""


def _who(text: str) -> list[tuple[str | None, str | None]]:
    session = Sesion(
        id="s",
        title="Sesión de la Comisión Permanente",
        date=dt.date(2025, 5, 7),
        institution="Congreso de la Unión",
        jurisdiction="MX",
        source_id="s",
        url="https://ejemplo.gob.mx/s",
        text=text,
        congress=CONGRESS,
        legislature="LXVI",
        chamber="Comisión Permanente",
    )
    return [(s.person_name, s.party) for s in speeches_of(session, People(CONGRESS)) if s.order]


def test_a_senator_taking_the_chair_is_no_deputy_of_a_like_name() -> None:
    who = _who(TEXT)
    assert who[1] == ("Laura Castillo Juárez", "PT")
    # the senator's turns as chair: not the deputy, not the deputy's party
    assert who[3] == (None, None) and who[5] == (None, None)
    assert who[4] == ("Ricardo Monte Ávila", "MORENA")


def test_a_deputy_taking_the_chair_is_the_deputy_who_spoke() -> None:
    text = TEXT.replace(
        "Presidencia de la senadora Laura Castillo", "Presidencia de la diputada Laura Castillo"
    )
    assert _who(text)[3] == ("Laura Castillo Juárez", "PT")


# The heading names the chair before anyone speaks: a deputy of a like name the scope
# already knows (a roster, an earlier session) is not the senator presiding.
HEADED = """Presidencia de la senadora Laura Castillo

-La presidenta: Se abre la sesión. Tiene la palabra el senador Ricardo Monte Ávila.
-El senador Ricardo Monte Ávila (Morena): Con su venia, presidenta.
-La presidenta: Gracias, senador.
"""


def _who_knowing_the_deputy(text: str) -> list[tuple[str | None, str | None]]:
    people = People(CONGRESS)
    deputy = people.resolve("Laura Castillo Juárez", body="diputados")
    assert deputy is not None
    deputy.add_term("LXVI", "PT", "Cámara de Diputados", "padrón", "diputados")
    session = Sesion(
        id="s",
        title="Sesión de la Comisión Permanente",
        date=dt.date(2025, 5, 7),
        institution="Congreso de la Unión",
        jurisdiction="MX",
        source_id="s",
        url="https://ejemplo.gob.mx/s",
        text=text,
        congress=CONGRESS,
        legislature="LXVI",
        chamber="Comisión Permanente",
    )
    return [(s.person_name, s.party) for s in speeches_of(session, people) if s.order]


def test_the_heading_chair_is_resolved_in_the_chamber_its_line_names() -> None:
    who = _who_knowing_the_deputy(HEADED)
    assert who[0] == (None, None) and who[2] == (None, None)
    assert who[1] == ("Ricardo Monte Ávila", "MORENA")


def test_a_heading_deputy_chair_is_the_deputy_the_scope_knows() -> None:
    who = _who_knowing_the_deputy(HEADED.replace("la senadora", "la diputada"))
    assert who[0][0] == "Laura Castillo Juárez" and who[2][0] == "Laura Castillo Juárez"
