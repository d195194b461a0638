"""A failure no route foresaw (here the documents' table gone from a real SQLite
database) is still a 500, but told in Spanish: JSON with a ``mensaje`` for the API, the
error page for a browser. Starlette answered "Internal Server Error" in English plain
text to both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library = Library.open(Settings(data_dir=tmp_path_factory.mktemp("data")))
    with library.db.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE documents"))
    with TestClient(create_app(library), raise_server_exceptions=False) as client:
        yield client
    library.close()


def test_the_api_says_in_spanish_that_the_failure_is_its_own(broken: TestClient) -> None:
    answer = broken.get("/v1/documents/sentencia-1")
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/json"
    assert "error interno del servicio" in answer.json()["mensaje"]


def test_a_browser_gets_the_spanish_error_page(broken: TestClient) -> None:
    answer = broken.get("/documentos/sentencia-1", headers={"Accept": "text/html"})
    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("text/html")
    assert "Algo salió mal" in answer.text and "error interno del servicio" in answer.text


@pytest.fixture(scope="module")
def no_speeches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A library opened without its speech search (``Library`` built by hand, as a tool
    that only reads documents builds it): the speeches routes answer 503."""
    opened = Library.open(Settings(data_dir=tmp_path_factory.mktemp("data")))
    library = Library(opened.db, opened.store, opened.archive, opened.limits)
    with TestClient(create_app(library), raise_server_exceptions=False) as client:
        yield client
    opened.close()


def test_a_503_a_route_raises_says_why_in_spanish(no_speeches: TestClient) -> None:
    answer = no_speeches.get("/v1/speeches", params={"q": "presupuesto"})
    assert answer.status_code == 503
    body = answer.json()
    assert body["mensaje"] == "la búsqueda de intervenciones no está disponible"
    assert body["detail"] != body["mensaje"]
