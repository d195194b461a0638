"""Pages that list from the search index alone took a document withheld for personal data
since the index's last commit as published: a session's page listed a same-day record
withheld since (its title, its link), and the sessions finder's calendar counted a session
withheld since in its month. Both now list and count what the database publishes now,
before the index's next commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, PrivacyFinding, PrivacyReport, Sesion, document_id

DAY = dt.date(2024, 3, 12)
INSTITUTION = "Congreso del Estado de Guanajuato"
HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="name", start=0, end=5)])
SECRET_TITLE = "Iniciativa de Rosa Martínez Ruiz sobre su domicilio"


def _session(n: int, day: dt.date) -> Sesion:
    url = f"https://ejemplo.gob.mx/sesion-{n}"
    return Sesion(
        id=document_id("congreso-gto", url),
        title=f"Sesión ordinaria número {n}",
        date=day,
        institution=INSTITUTION,
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url=url,
        text="-La C. Presidenta: Se abre la sesión.\n",
        congress="Congreso de Guanajuato",
        legislature="LXV",
        session_type="ordinaria",
    )


def _record(n: int, title: str) -> Legislativo:
    url = f"https://ejemplo.gob.mx/iniciativa-{n}"
    return Legislativo(
        id=document_id("congreso-gto", url),
        title=title,
        date=DAY,
        institution=INSTITUTION,
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url=url,
        text="Iniciativa que reforma la ley del agua.",
        doc_type="iniciativa",
        legislature="LXV",
    )


@pytest.fixture
def withheld_since(tmp_path: Path) -> Iterator[tuple[TestClient, Sesion]]:
    library = Library.open(Settings(data_dir=tmp_path))
    session, held_session = _session(1, DAY), _session(2, dt.date(2024, 5, 7))
    kept, held = _record(1, "Iniciativa sobre la ley del agua"), _record(2, SECRET_TITLE)
    for doc in (session, held_session, kept, held):
        library.add_document(doc)
    library.flush()
    with TestClient(create_app(library)) as client:
        page = client.get(f"/d/{session.id}").text
        assert SECRET_TITLE in page and "ley del agua" in page
        for doc in (held, held_session):  # withheld now; the index commits later
            library.add_document(doc.model_copy(update={"privacy": HELD}))
        yield client, session
    library.close()


def test_a_sessions_page_lists_no_record_withheld_since(
    withheld_since: tuple[TestClient, Sesion],
) -> None:
    client, session = withheld_since
    page = client.get(f"/d/{session.id}").text
    assert "Iniciativa sobre la ley del agua" in page
    assert SECRET_TITLE not in page and _record(2, SECRET_TITLE).id not in page


def test_the_calendar_does_not_count_a_session_withheld_since(
    withheld_since: tuple[TestClient, Sesion],
) -> None:
    client, _ = withheld_since
    page = client.get("/sesiones", params={"anio": "2024"}).text
    assert "Marzo <small>1 sesión</small>" in page
    assert "Mayo <small>sin sesiones</small>" in page
