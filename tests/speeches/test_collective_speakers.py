"""Many speaking at once, as the federal chambers' stenographic versions write it with no
dash at a paragraph's start ("Voces: ¡Fuera!", "Integrantes del Grupo Parlamentario de
Morena: ¡Es un honor…!", "La Asamblea: ¡Sí, protesto!"): its own turn, never the words of
the speaker before, and no person. Fixtures written after the Cámara's and the Senado's
published versions (cronica.diputados.gob.mx, comunicacion.senado.gob.mx)."""

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
from indexer.speeches import session_speeches
from indexer.speeches.roles import read_speaker
from indexer.speeches.split import split_turns

CAMARA = """La presidenta diputada Marcela Guerra Castillo: Tiene la palabra el diputado Jorge \
Triana Tena, del PAN.
El diputado Jorge Triana Tena: Con su venia, presidenta.
Voces: ¡Fuera, fuera!
La presidenta diputada Marcela Guerra Castillo: Orden, por favor. Continúe, diputado.
Integrantes del Grupo Parlamentario de Morena: ¡Es un honor estar con Obrador!
El diputado Jorge Triana Tena: Es cuanto.
(Aplausos)
"""

SENADO = """El Presidente Senador Gerardo Fernández Noroña: Ciudadanas y ciudadanos senadores: \
¿protestan guardar y hacer guardar la Constitución?
Las y los senadores: ¡Sí, protesto!
El Presidente Senador Gerardo Fernández Noroña: Si así no lo hicieren, que la nación se \
los demande.
(Aplausos)
La Senadora Lilly Téllez García: Presidente.
Diversos senadores: ¡No, no!
La Secretaria Senadora Verónica Noemí Camino Farjat: Se emitieron 85 votos a favor.
"""


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(t.speaker, t.text) for t in split_turns(text)]


def test_voices_and_a_bench_are_not_the_chair_or_the_speaker_before() -> None:
    assert _said(CAMARA) == [
        ("La presidenta diputada Marcela Guerra Castillo",
         "Tiene la palabra el diputado Jorge Triana Tena, del PAN."),
        ("El diputado Jorge Triana Tena", "Con su venia, presidenta."),
        ("Voces", "¡Fuera, fuera!"),
        ("La presidenta diputada Marcela Guerra Castillo", "Orden, por favor. Continúe, diputado."),
        ("Integrantes del Grupo Parlamentario de Morena", "¡Es un honor estar con Obrador!"),
        ("El diputado Jorge Triana Tena", "Es cuanto."),
        (None, "(Aplausos)"),
    ]  # fmt: skip


def test_a_chamber_answering_together_is_its_own_turn() -> None:
    said = _said(SENADO)
    assert ("Las y los senadores", "¡Sí, protesto!") in said
    assert ("Diversos senadores", "¡No, no!") in said
    assert ("La Senadora Lilly Téllez García", "Presidente.") in said


@pytest.mark.parametrize(
    "line",
    [
        # how a speaker addresses the hall, inside their own turn
        "Diputadas y diputados: vengo a esta tribuna a hablar del agua.",
        "Senadoras y senadores: les pido su voto.",
        "Compañeras y compañeros: ¡basta ya!",
        "Honorable Asamblea: se somete a votación.",
        "diputados: ¡no!",
    ],
)
def test_addressing_the_hall_stays_the_speakers_words(line: str) -> None:
    text = f"El diputado Juan Pérez Gil: Gracias.\n{line}\n"
    assert _said(text) == [("El diputado Juan Pérez Gil", f"Gracias. {line}")]


@pytest.mark.parametrize(
    ("written", "party"),
    [
        ("Voces", None),
        ("La Asamblea", None),
        ("Integrantes del Grupo Parlamentario de Morena", "MORENA"),
        ("Diputadas y diputados de la bancada del PRI", "PRI"),
        ("Legisladores del Partido Verde Ecologista de México", "PVEM"),
        ("INTEGRANTES DEL GRUPO PARLAMENTARIO DEL PAN", "PAN"),
        ("Diversos senadores", None),
    ],
)
def test_a_group_names_no_one_and_says_its_party(written: str, party: str | None) -> None:
    speaker = read_speaker(written)
    assert (speaker.name, speaker.party, speaker.role) == (None, party, "otro")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    library.add_document(
        Sesion(
            id="cd-2024-10-29",
            title="Sesión ordinaria del martes 29 de octubre de 2024",
            date=dt.date(2024, 10, 29),
            institution="Cámara de Diputados",
            jurisdiction="MX",
            source_id="diputados-sesiones",
            url="https://cronica.diputados.example/Ve29oct2024.html",
            text=CAMARA,
            congress="Congreso de la Unión",
            legislature="LXVI",
            chamber="Cámara de Diputados",
        )
    )
    library.flush()
    yield library
    library.close()


def test_the_session_page_shows_who_shouted_and_no_person_for_a_bench(library: Library) -> None:
    speeches = session_speeches(library.db, "cd-2024-10-29")
    bench = next(s for s in speeches if s.speaker_as_written.startswith("Integrantes"))
    assert (bench.person_id, bench.party) == (None, "MORENA")
    chair = [s.text for s in speeches if (s.speaker_as_written or "").startswith("La presidenta")]
    assert not any("Obrador" in said or "Fuera" in said for said in chair)
    with TestClient(create_app(library)) as http:
        page = http.get("/d/cd-2024-10-29").text
    assert "<strong>Voces</strong>" in page
    assert "<strong>Integrantes del Grupo Parlamentario de Morena</strong>" in page


ROLL_CALL = """La Secretaria Senadora Verónica Noemí Camino Farjat: Conforme al registro en el \
sistema electrónico, se emitieron 86 votos a favor y 39 en contra.
VOTACIÓN REGISTRADA EN EL SISTEMA ELECTRÓNICO
A FAVOR
ABREU ARTIÑANO ROCÍO ADRIANA
AGUILAR LÓPEZ JOSÉ ANTONIO

EN CONTRA
ANAYA CORTÉS RICARDO
El Presidente Senador Gerardo Fernández Noroña: En consecuencia, queda aprobado.
"""


def test_a_vote_list_is_the_records_not_the_secretarys_words() -> None:
    said = _said(ROLL_CALL)
    assert said[0] == (
        "La Secretaria Senadora Verónica Noemí Camino Farjat",
        "Conforme al registro en el sistema electrónico, se emitieron 86 votos a favor y 39 en "
        "contra.",
    )
    assert said[1][0] is None and "ANAYA CORTÉS RICARDO" in said[1][1]
    assert said[2] == (
        "El Presidente Senador Gerardo Fernández Noroña",
        "En consecuencia, queda aprobado.",
    )


@pytest.mark.parametrize(
    "text",
    [
        # a heading the section reader keeps, then the chair speaks
        "El diputado Juan Pérez Gil: Gracias.\nASISTENCIA\nLa Presidenta diputada Ana Ruiz: Ya.\n",
        # a sentence in capitals that mentions a vote goes on
        "El diputado Juan Pérez Gil: Leo el acuerdo:\nVOTACIÓN NOMINAL DEL DICTAMEN\nque se "
        "somete hoy.\n",
    ],
)
def test_no_list_where_none_is_printed(text: str) -> None:
    assert all(not (speaker is None and "·" in said) for speaker, said in _said(text))
