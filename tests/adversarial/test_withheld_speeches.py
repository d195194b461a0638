"""A session withheld for personal data after its speeches were published takes its
speeches with it: neither ``/v1/sessions/{id}/speeches``, nor a speech search, nor a
person's speeches reveal what the session no longer publishes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sesion, document_id

TEXT = (
    "-La C. Presidenta: Se abre la sesión.\n"
    "-El diputado Juan Pérez López (PAN): Mi vecina Rosa Martínez Ruiz vive en la calle "
    "Reforma 123 y pide apoyo.\n"
    "-La C. Presidenta: Gracias, diputado.\n"
)


def _session() -> Sesion:
    return Sesion(
        id=document_id("prueba", "https://ejemplo.gob.mx/sesion-9"),
        title="Sesión ordinaria del 9 de enero de 2024",
        date=dt.date(2024, 1, 9),
        institution="Congreso del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url="https://ejemplo.gob.mx/sesion-9",
        text=TEXT,
        congress="Congreso de Guanajuato",
        legislature="LXV",
        session_type="ordinaria",
    )


@pytest.fixture
def withheld(tmp_path: Path) -> Iterator[tuple[TestClient, Library, str]]:
    library = Library.open(Settings(data_dir=tmp_path))
    session = _session()
    library.add_document(session)
    library.flush()
    with TestClient(create_app(library)) as client:
        assert client.get("/v1/speeches", params={"q": "vecina"}).json()["total"] == 1
        report = PrivacyReport(
            policy="withhold", findings=[PrivacyFinding(kind="name", start=60, end=80)]
        )
        library.add_document(session.model_copy(update={"privacy": report}))
        library.flush()
        yield client, library, session.id
    library.close()


def test_its_speeches_are_no_longer_served(withheld: tuple[TestClient, Library, str]) -> None:
    client, _, session_id = withheld
    assert client.get(f"/v1/documents/{session_id}").status_code == 451
    assert client.get(f"/v1/sessions/{session_id}/speeches").status_code == 451
    found = client.get("/v1/speeches", params={"q": "vecina"}).json()
    assert found["total"] == 0 and "Rosa" not in str(found)
    people = client.get("/v1/people", params={"name": "Juan Pérez López"}).json()["people"]
    assert all(not person["speeches"] for person in people)


def test_a_reindex_does_not_split_it_again(withheld: tuple[TestClient, Library, str]) -> None:
    """``abierto reindex`` splits every session again: never a withheld one."""
    client, library, _ = withheld
    library.reindex()
    assert client.get("/v1/speeches", params={"q": "vecina"}).json()["total"] == 0
    people = client.get("/v1/people", params={"name": "Juan Pérez López"}).json()["people"]
    assert all(not person["speeches"] for person in people)


def test_released_it_has_its_speeches_again(withheld: tuple[TestClient, Library, str]) -> None:
    client, library, session_id = withheld
    doc = library.db.get_document(session_id)
    assert doc is not None and doc.privacy is not None
    released = doc.privacy.model_copy(update={"reviewed": True})
    library.add_document(doc.model_copy(update={"privacy": released}))
    library.flush()
    assert client.get(f"/v1/sessions/{session_id}/speeches").status_code == 200
    assert client.get("/v1/speeches", params={"q": "vecina"}).json()["total"] == 1
