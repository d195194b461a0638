"""Speaker lines as the Senado's versión estenográfica and other records write them: a
dash before an abbreviated title ("-Sen. …:", "-Dip. …:"), the speaker's bench after a
comma ("…, del Grupo Parlamentario de Morena:"), a change of chair in capitals
("PRESIDENCIA DE LA SENADORA …") and a chair-only turn whose grammar names someone else
than the one taken to preside. Each was a wrong value before: another speaker's words,
a garbled name, an agenda item that was no part of the sitting, another chair."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.split import split_turns

SENADO = "Senado de la República"


def _session(text: str, congress: str | None = SENADO) -> Sesion:
    return Sesion(
        id="s",
        title="Sesión ordinaria",
        date=dt.date(2025, 2, 18),
        institution=SENADO,
        jurisdiction="MX",
        source_id="s",
        url="https://ejemplo.gob.mx/s",
        text=text,
        congress=congress,
        legislature="LXVI",
        chamber=SENADO,
    )


def _who(text: str) -> list[tuple[str | None, str | None, str | None]]:
    speeches = speeches_of(_session(text), People(SENADO))
    return [(s.person_name, s.role, s.party) for s in speeches if not s.procedural]


def test_a_dash_before_an_abbreviated_title_opens_a_turn() -> None:
    text = (
        "-La Presidenta Senadora Ana Lilia Rivera Rivera: Tiene la palabra el senador.\n"
        "-Sen. Juan Pérez García (PAN): Con su venia, presidenta.\n"
        "- Dip. María Ruiz Olvera: Una pregunta al orador.\n"
        "— C. Sen. Luis Díaz Ortega: Para rectificar hechos.\n"
    )
    assert [(t.speaker, t.text) for t in split_turns(text)] == [
        ("La Presidenta Senadora Ana Lilia Rivera Rivera", "Tiene la palabra el senador."),
        ("Sen. Juan Pérez García (PAN)", "Con su venia, presidenta."),
        ("Dip. María Ruiz Olvera", "Una pregunta al orador."),
        ("C. Sen. Luis Díaz Ortega", "Para rectificar hechos."),
    ]


def test_a_dashed_vote_or_board_line_is_still_no_turn() -> None:
    """A vote list's "- Dip. Ana Ruiz: a favor." and a board's "- PRESIDENTE: DIP. …"
    stay the previous speaker's text, as without the dash."""
    text = (
        "-La Presidenta Senadora Ana Lilia Rivera Rivera: Se da cuenta.\n"
        "- Dip. Ana Ruiz Olvera: a favor.\n"
        "- PRESIDENTE: DIP. ANA RUIZ OLVERA\n"
    )
    assert len(split_turns(text)) == 1


def test_the_speakers_bench_after_a_comma_is_their_party_not_their_name() -> None:
    text = (
        "-La Senadora Ana Lilia Rivera Rivera, del Grupo Parlamentario de MORENA: Gracias.\n"
        "-El Senador Ricardo Monreal Ávila, a nombre del grupo parlamentario de Morena: "
        "Gracias.\n"
        "-La senadora Lilly Téllez García, del PAN: Pido la palabra.\n"
        "-El senador Jorge Romero Herrera, Coordinador del Grupo Parlamentario del PAN: Sí.\n"
        "-El senador Jorge Romero Herrera, en representación de la Comisión de Salud: Bien.\n"
    )
    assert _who(text) == [
        ("Ana Lilia Rivera Rivera", "legislador", "MORENA"),
        ("Ricardo Monreal Ávila", "legislador", "MORENA"),
        ("Lilly Téllez García", "legislador", "PAN"),
        ("Jorge Romero Herrera", "legislador", "PAN"),
        # the commission says no bench; the same person's other line that day does
        ("Jorge Romero Herrera", "legislador", "PAN"),
    ]


def test_a_name_in_roster_order_after_the_comma_is_still_the_name() -> None:
    assert _who("-La diputada PÉREZ LÓPEZ, ANA: Con su venia.\n") == [
        ("Ana Pérez López", "legislador", None)
    ]


SENADO_CHAIRS = """PRESIDENCIA DEL SENADOR GERARDO FERNÁNDEZ NOROÑA
-El Presidente: Se abre la sesión.
-La Secretaria Senadora Verónica Camino Farjat: Hay quórum.
ORDEN DEL DÍA
-El Presidente: Continúe la Secretaría.
PRESIDENCIA DE LA SENADORA LAURA ITZEL CASTILLO JUÁREZ
-La Presidenta: Tiene la palabra la senadora.
-La C. Presidenta: Se levanta la sesión.
"""


def test_a_change_of_chair_in_capitals_says_who_presides_and_is_no_section() -> None:
    speeches = speeches_of(_session(SENADO_CHAIRS), People(SENADO))
    assert [(s.person_name, s.agenda_item) for s in speeches if s.order] == [
        ("Gerardo Fernández Noroña", None),
        ("Verónica Camino Farjat", None),
        ("Gerardo Fernández Noroña", "ORDEN DEL DÍA"),
        ("Laura Itzel Castillo Juárez", "ORDEN DEL DÍA"),
        ("Laura Itzel Castillo Juárez", "ORDEN DEL DÍA"),
    ]


def test_the_heading_chair_is_the_first_named_not_a_later_change() -> None:
    text = (
        "-El Presidente: Se abre la sesión.\n"
        "Presidencia de la senadora Ana Lilia Rivera Rivera\n"
        "-La Presidenta: Continúe.\n"
    )
    capitals = "PRESIDENCIA DEL SENADOR GERARDO FERNÁNDEZ NOROÑA\n" + text
    assert [name for name, _, _ in _who(capitals)] == [
        "Gerardo Fernández Noroña",
        "Ana Lilia Rivera Rivera",
    ]


def test_a_chair_turn_whose_grammar_names_another_person_is_credited_to_no_one() -> None:
    """The Mesa Directiva's members take turns at the chair; "-La C. Presidenta:" while
    "El Presidente Senador Gerardo Fernández Noroña" was the last named is someone the
    record does not name here."""
    text = (
        "-El Presidente Senador Gerardo Fernández Noroña: Se abre la sesión.\n"
        "-El C. Presidente: Continúe.\n"
        "-La C. Presidenta: Gracias, senadora.\n"
        "-La Presidenta Senadora Ana Lilia Rivera Rivera: Continúe la Secretaría.\n"
        "-La C. Presidenta: Se levanta la sesión.\n"
    )
    assert [name for name, _, _ in _who(text)] == [
        "Gerardo Fernández Noroña",
        "Gerardo Fernández Noroña",
        None,
        "Ana Lilia Rivera Rivera",
        "Ana Lilia Rivera Rivera",
    ]


def test_a_courts_one_president_keeps_a_chair_turn_written_in_the_other_gender() -> None:
    """The SCJN's record once writes "SEÑOR MINISTRO PRESIDENTE" for its Presidenta (the
    real versión taquigráfica of 18 Feb 2025): a court's session has one President."""
    text = (
        "ASISTENCIA:\nPRESIDENTA SEÑORA MINISTRA:\nNORMA LUCÍA PIÑA HERNÁNDEZ\n"
        "(SE ABRIÓ LA SESIÓN A LAS 11:45 HORAS)\n"
        "SEÑORA MINISTRA PRESIDENTA PIÑA HERNÁNDEZ: Se abre la sesión.\n"
        "SEÑOR MINISTRO PRESIDENTE: Gracias.\n"
    )
    session = _session(text, congress=None).model_copy(
        update={"institution": "Suprema Corte de Justicia de la Nación"}
    )
    people = People(session.institution)
    names = [s.person_name for s in speeches_of(session, people) if not s.procedural]
    assert names == ["Norma Lucía Piña Hernández", "Norma Lucía Piña Hernández"]


PAGE_SESSION = SENADO_CHAIRS.replace(
    "-La Presidenta: Tiene la palabra la senadora.\n",
    "-La Presidenta: Tiene la palabra la senadora.\n"
    "-La Senadora Ana Lilia Rivera Rivera, del Grupo Parlamentario de MORENA: Gracias.\n"
    "-El Presidente: Orden.\n",
)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    library.add_document(_session(PAGE_SESSION))
    library.flush()
    with TestClient(create_app(library)) as test_client:
        yield test_client
    library.close()


def _turns_shown(page: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", strong)
        for strong in re.findall(r'<li id="intervencion-\d+"><p><strong>(.*?)</strong>', page)
    ]


def test_the_session_page_and_person_page_show_who_spoke_with_their_bench(
    client: TestClient,
) -> None:
    page = client.get("/d/s").text
    assert _turns_shown(page) == [
        "Gerardo Fernández Noroña",
        "Verónica Camino Farjat",
        "Gerardo Fernández Noroña",
        "Laura Itzel Castillo Juárez",
        "Ana Lilia Rivera Rivera",
        # a man's turn while a woman presides, and no line says who took the chair
        "El Presidente",
        "Laura Itzel Castillo Juárez",
    ]
    link = re.search(r'<a href="(/personas/[^"]+)">Ana Lilia Rivera Rivera</a></strong>'
                     r' <span class="meta">\(Legisladora · MORENA\)</span>', page)  # fmt: skip
    assert link is not None, page
    assert "MORENA Ana Lilia" not in page  # the old garbled name (the clause put first)
    person = client.get(link[1]).text
    assert "<h1>Ana Lilia Rivera Rivera</h1>" in person and "Gracias." in person
    api = client.get("/v1/sessions/s/speeches").json()["speeches"]
    assert {s["agenda_item"] for s in api} == {None, "ORDEN DEL DÍA"}


def test_a_name_written_without_accents_then_with_them_is_shown_with_them() -> None:
    text = (
        "-Sen. Ana Maria Perez Lopez (PT): Con su venia.\n"
        "-La senadora Ana María Pérez López: Para rectificar hechos.\n"
        "-SEN. ANA MARIA PEREZ LOPEZ: Gracias.\n"
    )
    people = People(SENADO)
    speeches = speeches_of(_session(text), people)
    assert len({s.person_id for s in speeches}) == 1
    (person,) = people.by_id.values()
    assert person.name == "Ana María Pérez López"
    assert [s.party for s in speeches] == ["PT", "PT", "PT"]


CONVERGENCIA = """Presidencia del senador Carlos Navarrete Ruiz
-El senador Dante Delgado Rannauro (Convergencia): Con su venia, presidente.
-La senadora Patricia Mercado Castro (MC): Con su venia.
-El senador Carlos Navarrete Ruiz (PRD): Gracias.
"""


def test_asking_for_movimiento_ciudadano_finds_convergencia_as_written(tmp_path: Path) -> None:
    """Convergencia took the name Movimiento Ciudadano in 2011: one party. A speech stays
    as its record wrote it ("CONV"); asking for either name finds both."""
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        library.add_document(_session(CONVERGENCIA))
        library.flush()
        with TestClient(create_app(library)) as http:

            def found(party: str) -> list[tuple[str, str]]:
                answer = http.get("/v1/speeches", params={"party": party})
                assert answer.status_code == 200, answer.text
                hits = answer.json()["speeches"]
                return sorted((h["speech"]["person_name"], h["speech"]["party"]) for h in hits)

            both = [("Dante Delgado Rannauro", "CONV"), ("Patricia Mercado Castro", "MC")]
            assert found("MC") == both
            assert found("Convergencia") == both
            assert found("movimiento ciudadano") == both
            assert found("PRD") == [("Carlos Navarrete Ruiz", "PRD")]
    finally:
        library.close()
