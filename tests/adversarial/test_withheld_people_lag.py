"""A session withheld for personal data takes its speakers with it at the next flush; until
that flush the people table still holds them. Meanwhile ``/v1/people``, a person's record
and ``/personas`` no longer list someone only that session named, while a person who also
spoke in a published session, or whom a roster names, stays."""

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
from indexer.speeches.service import import_roster

CONGRESS = "Congreso de Guanajuato"
KEPT = (
    "-La C. Presidenta: Se abre la sesión.\n"
    "-El diputado Juan Pérez López (PAN): Hablo del agua de la presa.\n"
    "-La C. Presidenta: Gracias, diputado.\n"
)
HELD = (
    "-La C. Presidenta: Se abre la sesión.\n"
    "-El diputado Juan Pérez López (PAN): Mi vecina vive en la calle Reforma 123.\n"
    "-La diputada Rosa Martínez Ruiz (PRI): Pido reserva de su domicilio.\n"
    "-La diputada Elena Gómez Ruiz (PVEM): Me sumo a la petición.\n"
    "-La C. Presidenta: Gracias.\n"
)
REPORT = PrivacyReport(
    policy="withhold", findings=[PrivacyFinding(kind="address", start=60, end=80)]
)


def _session(number: int, text: str, day: dt.date) -> Sesion:
    url = f"https://ejemplo.gob.mx/sesion-{number}"
    return Sesion(
        id=document_id("prueba", url),
        title=f"Sesión ordinaria número {number}",
        date=day,
        institution="Congreso del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url=url,
        text=text,
        congress=CONGRESS,
        legislature="LXV",
        session_type="ordinaria",
    )


def _names(client: TestClient) -> dict[str, str]:
    found = client.get("/v1/people", params={"congress": CONGRESS}).json()["people"]
    return {person["name"]: person["id"] for person in found}


@pytest.fixture
def before_flush(tmp_path: Path, database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    import_roster(library.db, "nombre|partido\nElena Gómez Ruiz|\n", CONGRESS, "LXV")
    held = _session(2, HELD, dt.date(2024, 1, 9))
    library.add_document(_session(1, KEPT, dt.date(2023, 1, 9)))
    library.add_document(held)
    library.flush()
    with TestClient(create_app(library)) as client:
        before = _names(client)
        assert {"Juan Pérez López", "Rosa Martínez Ruiz", "Elena Gómez Ruiz"} <= set(before)
        library.add_document(held.model_copy(update={"privacy": REPORT}))  # no flush yet
        yield client, before
    library.close()


def test_who_only_the_withheld_session_named_is_not_listed(
    before_flush: tuple[TestClient, dict[str, str]],
) -> None:
    client, before = before_flush
    now = _names(client)
    assert "Rosa Martínez Ruiz" not in now
    assert {"Juan Pérez López", "Elena Gómez Ruiz"} <= set(now)  # a published speech, a roster
    assert client.get(f"/v1/people/{before['Rosa Martínez Ruiz']}").status_code == 404
    assert client.get(f"/v1/people/{before['Juan Pérez López']}").status_code == 200
    page = client.get("/personas", params={"nombre": "Rosa Martínez"})
    assert page.status_code == 200 and "Martínez Ruiz" not in page.text
    assert client.get(f"/personas/{before['Rosa Martínez Ruiz']}").status_code == 404
