"""A congress's page (``/sesiones/<address>``) is its own: a session whose congress is
written so it reads the same as an address ("Congreso del Estado de Jalisco." with a
dot) once took the page, last in name order, and hid the congress's own sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.models import Sesion, document_id
from tests.api.conftest import make_library

JALISCO = "Congreso del Estado de Jalisco"


def _session(day: int, congress: str, source: str) -> Sesion:
    return Sesion(
        id=document_id(source, f"https://congreso.example/{source}/{day}"),
        title=f"Sesión del {day} de marzo ({source})",
        date=dt.date(2025, 3, day),
        institution=congress,
        jurisdiction="MX-JAL",
        source_id=source,
        url=f"https://congreso.example/{source}/{day}",
        text="Orden del día.",
        congress=congress,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library = make_library(tmp_path_factory.mktemp("data"))
    for day in range(1, 6):
        library.add_document(_session(day, JALISCO, "propia"))
    library.add_document(_session(20, JALISCO + ".", "ajena"))
    library.flush()
    with TestClient(create_app(library)) as test_client:
        yield test_client
    library.close()


def test_the_congress_keeps_its_address(client: TestClient) -> None:
    page = client.get("/sesiones/congreso-del-estado-de-jalisco")
    assert page.status_code == 200
    assert page.text.count("(propia)") == 5 and "(ajena)" not in page.text


def test_the_look_alike_name_gets_an_address_of_its_own(client: TestClient) -> None:
    finder = client.get("/sesiones", params={"congreso": JALISCO + "."})
    assert 'href="/sesiones/congreso-del-estado-de-jalisco-2"' in finder.text
    page = client.get("/sesiones/congreso-del-estado-de-jalisco-2")
    assert page.status_code == 200
    assert "(ajena)" in page.text and "(propia)" not in page.text
