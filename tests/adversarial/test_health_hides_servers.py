"""``/healthz`` answers anyone: when the database or the search engine fails, it says
which part does not answer and the kind of failure, never the failure's text, which
names the server's address, port, database and user (the server's environment); the
operator reads that in the log."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
import sqlalchemy
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from tests.services.postgres import PostgresServer


def test_a_database_gone_is_said_without_naming_its_server(
    tmp_path: Path, postgres: PostgresServer, caplog: pytest.LogCaptureFixture
) -> None:
    name = "salud_oculta_bd"
    url = postgres.create_database(name)
    library = Library.open(Settings(data_dir=tmp_path, database_url=url))
    admin = sqlalchemy.create_engine(postgres.url, isolation_level="AUTOCOMMIT")
    try:
        with TestClient(create_app(library), raise_server_exceptions=False) as client:
            assert client.get("/healthz").status_code == 200
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
            with caplog.at_level(logging.WARNING):
                client.get("/healthz")  # the pooled connection, ended
                answer = client.get("/healthz")  # a new one: no such database
    finally:
        admin.dispose()
        library.close()
    assert answer.status_code == 503
    body = answer.json()
    assert body["database"]["ok"] is False
    assert body["mensaje"] == "no responde la base de datos"
    for secret in (name, str(postgres.port), "127.0.0.1", "postgres"):
        assert secret not in answer.text, answer.text
    assert name in caplog.text  # the operator still reads why


def test_an_engine_that_does_not_answer_is_said_without_its_address(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed once this block ends: nothing listens
    settings = Settings(
        data_dir=tmp_path, search_url=f"http://127.0.0.1:{port}", search_engine="opensearch",
        search_timeout_s=2,
    )  # fmt: skip
    with caplog.at_level(logging.WARNING), TestClient(create_app(settings=settings)) as client:
        answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["store"]["error"] == "el motor de búsqueda (opensearch) no responde"
    for secret in (str(port), "127.0.0.1", "Errno"):
        assert secret not in answer.text, answer.text
    assert str(port) in caplog.text  # the operator still reads why
