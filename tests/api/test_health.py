"""``GET /healthz``."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from config.settings import Settings
from tests.api.conftest import make_library


def test_healthz_ok(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "documents": 10}
    assert body["store"]["ok"] is True
    assert body["store"]["documents"] == 10
    assert body["mensaje"] == "la base de datos y el índice de búsqueda responden"
    # anyone may ask: the answer names no folder of the server
    assert str(client.app.state.library.store.path) not in response.text
    assert "/index" not in response.text


def test_healthz_503_when_the_database_fails(tmp_path: Path) -> None:
    library = make_library(tmp_path)
    with library.db.engine.begin() as connection:
        connection.execute(text("DROP TABLE documents"))
    with TestClient(create_app(library)) as client:
        response = client.get("/healthz")
    library.close()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"]["ok"] is False
    assert body["database"]["error"] == "OperationalError"  # its text is the log's
    assert body["store"]["ok"] is True
    assert body["mensaje"] == "no responde la base de datos"


def test_openapi_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "Estado Abierto"
    assert {"/v1/search", "/v1/documents/{doc_id}", "/v1/sessions", "/healthz"} <= set(
        schema["paths"]
    )
    assert client.get("/docs").status_code == 200


def test_app_opens_and_closes_its_own_library(tmp_path: Path) -> None:
    app = create_app(settings=Settings(data_dir=tmp_path, database_url=None))
    with TestClient(app) as client:
        body = client.get("/healthz").json()
    assert body["database"] == {"ok": True, "documents": 0}
    assert (tmp_path / "abierto.db").exists()
    assert (tmp_path / "index").is_dir()
