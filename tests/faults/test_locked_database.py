"""Another process holds the database's write lock: commands and the API say so plainly
within a bounded time, lose nothing, and the same call succeeds once the lock is gone."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.faults.helpers import Command, assert_consistent, document_count


@contextmanager
def write_lock(data: Path) -> Iterator[None]:
    """A second connection holding a write transaction open, as a stuck writer would."""
    connection = sqlite3.connect(data / "abierto.db", isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def test_index_while_another_writer_holds_the_lock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first, second = tmp_path / "dictamen_uno.txt", tmp_path / "dictamen_dos.txt"
    first.write_text("Dictamen de la comisión de hacienda sobre el presupuesto.", "utf-8")
    second.write_text("Dictamen de la comisión de salud sobre las vacunas.", "utf-8")
    assert Command(data, "index", "--kind", "legislativo", str(first)).finish()[0] == 0

    with write_lock(data):
        code, output = Command(data, "index", "--kind", "legislativo", str(second)).finish(60)
    assert code == 75, output
    assert "está ocupada por otro proceso" in output and "repita la orden" in output
    assert "no se perdió nada" in output and "locked" not in output
    assert "Traceback" not in output
    assert document_count(data) == 1

    code, output = Command(data, "index", "--kind", "legislativo", str(second)).finish(60)
    assert code == 0 and "1 documento nuevo" in output, output
    assert len(assert_consistent(data, "after the retry")) == 2


def test_api_answers_503_while_another_writer_holds_the_lock(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "Congreso de Guanajuato", "congress", "MX-GUA")
    _key_id, key = registry.issue_key("congreso-gto")
    auth = {"Authorization": f"Bearer {key}"}
    try:
        with TestClient(create_app(library, settings)) as client:
            with write_lock(tmp_path):
                busy = client.get("/v1/sources", headers=auth)  # the key's use is recorded
                assert busy.status_code == 503, busy.text
                assert busy.headers["Retry-After"] and "busy" in busy.json()["detail"]
                assert "base de datos está ocupada" in busy.json()["mensaje"]
                assert client.get("/v1/search", params={"q": "dictamen"}).status_code == 200
            assert client.get("/v1/sources", headers=auth).status_code == 200
    finally:
        library.close()
