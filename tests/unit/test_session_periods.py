"""A session's number read from its heading together with the period it counts in.
Congresses that number their sessions anew each period (the Cámara's Diario: «Año I …
Sesión 8», of the «Segundo Periodo de Sesiones Ordinarias») print a number that names
the session only with its period; a listing that counts through the legislature (the
Senado's no. 174) is another count, and the two never split one session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from config.settings import Settings
from config.specs import parse_spec
from crawlers.pipelines import LibraryPipeline
from crawlers.tenancy import Tenant
from indexer.build import build_document
from indexer.library import Library
from indexer.readers.session_numbers import session_number_in_heading

CAMARA = (
    "DIARIO DE LOS DEBATES\nPoder Legislativo Federal, LXVI Legislatura\n"
    "Correspondiente al Segundo Periodo de Sesiones Ordinarias del Primer Año de Ejercicio\n"
    "Año I    Ciudad de México, miércoles 12 de febrero de 2025    Sesión 8\n"
)


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        (CAMARA, "8, segundo periodo ordinario"),
        (
            "SEGUNDO PERIODO ORDINARIO DE SESIONES\nSESIÓN NÚMERO 12, 26 DE MARZO",
            "12, segundo periodo ordinario",
        ),
        # an ordinal before «sesión» counts the session; the period's ordinal never does
        ("SEGUNDA SESIÓN ORDINARIA DEL PRIMER PERIODO", "2, primer periodo"),
        ("SESIÓN ORDINARIA DEL TERCER PERIODO ORDINARIO", None),
        ("Sesión No. 3 del Primer Periodo Extraordinario", "3, primer periodo extraordinario"),
        # no period named: the number alone, as before
        ("SESIÓN EXTRAORDINARIA No. 033 CELEBRADA EL 8 DE ABRIL DE 2026", "33"),
        # the minutes of another session are not this one's number
        ("Lectura del acta de la segunda sesión ordinaria", None),
    ],
)
def test_the_number_comes_with_the_period_it_counts_in(heading: str, number: str | None) -> None:
    assert session_number_in_heading(heading) == number


TABLE = parse_spec(
    {
        "id": "camara-sesiones",
        "kind": "sesion",
        "institution": "Cámara de Diputados",
        "jurisdiction": "MX",
        "start_urls": ["https://ejemplo.gob.mx/sesiones/"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
        "identity": {"scope": "camara", "key": ["date", "session_type"]},
    }
)
DIARIO = parse_spec(
    {
        "id": "camara-diario",
        "kind": "sesion",
        "institution": "Cámara de Diputados",
        "jurisdiction": "MX",
        "start_urls": ["https://ejemplo.gob.mx/diario/"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
        "identity": {"scope": "camara", "key": ["date", "session_type"]},
    }
)


def _row(number: str) -> Any:
    return build_document(
        kind="sesion", source_id=TABLE.id, institution=TABLE.institution, jurisdiction="MX",
        url=f"https://ejemplo.gob.mx/sesiones/{number}", text="",
        fields={"date": "12 de febrero de 2025", "session_type": "Ordinaria",
                "session_number": number},
    )  # fmt: skip


def _diario(text: str, page: str = "12-febrero") -> Any:
    return build_document(
        kind="sesion", source_id=DIARIO.id, institution=DIARIO.institution, jurisdiction="MX",
        url=f"https://ejemplo.gob.mx/diario/{page}", text=text,
        fields={"date": "12 de febrero de 2025", "session_type": "Ordinaria"},
    )  # fmt: skip


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(Settings(data_dir=tmp_path))


def test_a_periods_count_and_the_legislatures_are_one_session(library: Library) -> None:
    LibraryPipeline._save(TABLE, library, _row("174"), Tenant(TABLE.id))
    doc = _diario(CAMARA + "—La presidenta diputada Ana Ruiz López: Se abre la sesión.\n")
    assert doc.session_number == "8, segundo periodo ordinario"
    LibraryPipeline._save(DIARIO, library, doc, Tenant(DIARIO.id))
    docs = list(library.db.iter_documents())
    assert len(docs) == 1
    assert {s.source_id for s in docs[0].sources} == {"camara-sesiones", "camara-diario"}


def test_two_numbers_of_one_period_are_two_sessions(library: Library) -> None:
    for number in ("8", "9"):
        text = CAMARA.replace("Sesión 8", f"Sesión {number}") + "—La presidenta: Se abre.\n"
        LibraryPipeline._save(DIARIO, library, _diario(text, number), Tenant(DIARIO.id))
    numbers = sorted(d.session_number for d in library.db.iter_documents())
    assert numbers == ["8, segundo periodo ordinario", "9, segundo periodo ordinario"]
