"""A session names the legislative documents its congress published: «la Iniciativa
140/LXVI» said in a congress's session is that congress's initiative, never a document
another institution of the same state published with the same number (first, to take
the link, or later, to fill a link still waiting). Otherwise any institution of the
jurisdiction could point a congress's sessions at its own text and leave the
congress's initiative without the sessions that discussed it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, Sesion

CONGRESS = "Congreso del Estado de Guanajuato"
OTHER = "Tribunal de Justicia Administrativa del Estado de Guanajuato"
SAID = "-El diputado José Luis Cabrera Ledesma (PAN): Apoyo la Iniciativa 140/LXVI sobre agua.\n"


def _initiative(doc_id: str, institution: str, source_id: str) -> Legislativo:
    return Legislativo(
        id=doc_id,
        title=f"Iniciativa 140/LXVI publicada por {institution}",
        institution=institution,
        jurisdiction="MX-GUA",
        source_id=source_id,
        url=f"https://{source_id}.example/ini140",
        doc_type="iniciativa",
        number="Iniciativa 140/LXVI",
        legislature="LXVI",
    )


def _session(doc_id: str) -> Sesion:
    return Sesion(
        id=doc_id,
        title="Sesión ordinaria del 18 de febrero de 2025",
        date=dt.date(2025, 2, 18),
        institution=CONGRESS,
        jurisdiction="MX-GUA",
        source_id="congreso-gto-sesiones",
        url=f"https://congreso.example/{doc_id}",
        text=SAID,
        congress=CONGRESS,
        legislature="LXVI",
        chamber="Pleno",
    )


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    yield opened
    opened.close()


def _discussed(http: TestClient, doc_id: str) -> list[str]:
    answer = http.get(f"/v1/documents/{doc_id}")
    assert answer.status_code == 200, answer.text
    return [session["id"] for session in answer.json()["discussed_in"]]


def test_a_number_published_first_by_another_institution_takes_no_session(
    library: Library,
) -> None:
    library.add_document(_initiative("ajena", OTHER, "tja-gto-copias"))
    library.flush()
    library.add_document(_initiative("propia", CONGRESS, "congreso-gto-gaceta"))
    library.add_document(_session("ses1"))
    library.flush()
    with TestClient(create_app(library)) as http:
        assert _discussed(http, "propia") == ["ses1"]
        assert _discussed(http, "ajena") == []


def test_a_number_published_later_by_another_institution_fills_no_waiting_link(
    library: Library,
) -> None:
    library.add_document(_session("ses1"))
    library.flush()
    library.add_document(_initiative("ajena", OTHER, "tja-gto-copias"))
    library.flush()
    library.add_document(_initiative("propia", CONGRESS, "congreso-gto-gaceta"))
    library.flush()
    with TestClient(create_app(library)) as http:
        assert _discussed(http, "ajena") == []
        assert _discussed(http, "propia") == ["ses1"]
