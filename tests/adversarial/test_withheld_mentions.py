"""A legislative document withheld for personal data (it answers 451) is not reached
through a session that named it either: the session's page and the sessions' list say
the words spoken («la Iniciativa 140/LXVI») as of a document not in the library, with
no link to its id and no title; nor does an id retired into it lead to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, PrivacyFinding, PrivacyReport, Sesion

CONGRESS = "Congreso del Estado de Guanajuato"
SAID = "-El diputado José Luis Cabrera Ledesma (PAN): Apoyo la Iniciativa 140/LXVI sobre agua.\n"
SECRET_TITLE = "Iniciativa 140/LXVI de Rosa Martínez Ruiz, calle Reforma 123"
HELD = "congreso-gto-ini140"


def _initiative(**change: object) -> Legislativo:
    return Legislativo(
        id=HELD,
        title=SECRET_TITLE,
        institution=CONGRESS,
        jurisdiction="MX-GUA",
        source_id="congreso-gto-gaceta",
        url="https://congreso.example/ini140",
        text="Rosa Martínez Ruiz, con domicilio en calle Reforma 123, propone…",
        doc_type="iniciativa",
        number="Iniciativa 140/LXVI",
        legislature="LXVI",
    ).model_copy(update=change)


def _session() -> Sesion:
    return Sesion(
        id="congreso-gto-ses1",
        title="Sesión ordinaria del 18 de febrero de 2025",
        date=dt.date(2025, 2, 18),
        institution=CONGRESS,
        jurisdiction="MX-GUA",
        source_id="congreso-gto-sesiones",
        url="https://congreso.example/ses1",
        text=SAID,
        congress=CONGRESS,
        legislature="LXVI",
        chamber="Pleno",
    )


WITHHOLD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="name", start=0, end=18)])


@pytest.fixture
def http(tmp_path: Path) -> Iterator[tuple[TestClient, Library]]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    library.add_document(_initiative(privacy=WITHHOLD))
    library.add_document(_session())
    library.flush()
    with TestClient(create_app(library)) as client:
        yield client, library
    library.close()


def test_a_session_naming_a_withheld_initiative_neither_links_nor_titles_it(
    http: tuple[TestClient, Library],
) -> None:
    client, library = http
    assert client.get(f"/v1/documents/{HELD}").status_code == 451
    for path in ("/d/congreso-gto-ses1", "/sesiones"):
        page = client.get(path)
        assert page.status_code == 200, page.text
        assert "Iniciativa 140/LXVI" in page.text  # what was said is still said
        assert HELD not in page.text, path
        assert "Rosa" not in page.text and "Reforma 123" not in page.text, path
    # released by a person who reviewed it: linked again
    library.add_document(_initiative(privacy=WITHHOLD.model_copy(update={"reviewed": True})))
    library.flush()
    assert client.get(f"/v1/documents/{HELD}").status_code == 200
    assert f"/d/{HELD}" in client.get("/d/congreso-gto-ses1").text


def test_an_id_retired_into_a_withheld_document_does_not_lead_to_it(
    http: tuple[TestClient, Library],
) -> None:
    client, library = http
    library.add_document(
        _initiative(
            id="congreso-gto-ini140-copia", url="https://congreso.example/copia", privacy=None
        )
    )
    library.flush()
    library.retire({"congreso-gto-ini140-copia": HELD})
    for path in ("/v1/documents/congreso-gto-ini140-copia", "/d/congreso-gto-ini140-copia"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 451, (path, answer.status_code)
        assert HELD not in answer.headers.get("location", "") + answer.text
