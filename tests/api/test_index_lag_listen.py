"""On PostgreSQL the check of a page's hits against the database (``api.index_lag``)
keeps what the database told it while nothing was notified (migration 0025's triggers,
a listening connection per process): with nothing changed a search reads nothing of
the check through the library's connections; a change another process commits is
caught at the next search; and a listening connection dropped never leaves the kept
ids trusted: a change committed while nobody listened is caught, and the process
listens again. Real PostgreSQL, real HTTP on 127.0.0.1, the other writer a real
process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import event, make_url

from api import index_lag
from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from tests.api.conftest import federal_sentencia
from tests.api.test_index_lag_kept import NAME, OTHER_WRITER, SAID
from tests.services.postgres import PostgresServer
from tests.uvicorn_thread import serving

REPO = Path(__file__).resolve().parents[2]
WAIT_S = 60.0  # a bound on waiting for the listening thread, never a measure


@pytest.fixture
def library(postgres: PostgresServer, tmp_path: Path) -> Iterator[Library]:
    url = postgres.create_database(f"lag{os.getpid()}_{time.monotonic_ns()}")
    library = Library.open(Settings(data_dir=tmp_path, database_url=url))
    named = federal_sentencia("enmascarada", SAID.format(NAME))
    library.add_document(named.model_copy(update={"title": f"Amparo de {NAME}"}))
    library.add_document(federal_sentencia("retenida", SAID.format("Juan Pérez Soto")))
    library.add_document(federal_sentencia("borrada", SAID.format("La minera")))
    library.add_document(federal_sentencia("publica", SAID.format("La empresa")))
    library.flush()
    yield library
    library.close()


def _traced(library: Library) -> list[str]:
    said: list[str] = []
    event.listen(
        library.db.engine,
        "before_cursor_execute",
        lambda _c, _cursor, statement, *_rest: said.append(statement),
    )
    return said


def _reads_nothing(base: str, said: list[str]) -> bool:
    """Whether a search asked again (its answer replayed) read nothing of the check."""
    said.clear()
    got = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
    assert len(got["hits"]) in (2, 4)
    return not [s for s in said if "index_queue" in s or "document_deletions" in s]


def _until_nothing_read(base: str, said: list[str]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not _reads_nothing(base, said):
        assert time.monotonic() < deadline, "every search still reads the page's ids"
        time.sleep(0.1)


def _other_process_writes(library: Library) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    docs = json.dumps({"masked": SAID.format("[DATO PERSONAL]")})
    subprocess.run(
        [sys.executable, "-c", OTHER_WRITER, library.db.url, docs],
        check=True,
        env=env,
        timeout=120,
    )


def _current(base: str) -> None:
    for path in ("/v1/search", "/buscar"):
        answer = httpx.get(f"{base}{path}", params={"q": "concesión"})
        assert answer.status_code == 200
        assert "Hernández" not in answer.text and "Pérez" not in answer.text
        assert "borrada" not in answer.text and "publica" in answer.text
    got = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
    assert sorted(hit["id"] for hit in got["hits"]) == ["enmascarada", "publica"]
    assert httpx.get(f"{base}/v1/search", params={"q": "Hernández"}).json()["hits"] == []


def _drop_listeners(library: Library) -> int:
    url = make_url(library.db.url)
    with psycopg.connect(
        host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True
    ) as connection:
        rows = connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = 'abierto-index-lag'"
        ).fetchall()
    return len(rows)


def test_nothing_read_while_nothing_changed_and_another_process_commit_is_caught(
    library: Library,
) -> None:
    said = _traced(library)
    with serving(create_app(library)) as base:
        _until_nothing_read(base, said)
        _other_process_writes(library)
        _current(base)
        library.flush()  # the index catches up: the queue empty again, nothing to read
        _until_nothing_read(base, said)


def test_a_dropped_listening_connection_misses_nothing_and_listens_again(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    reachable = threading.Event()  # the server unreachable for a while after the drop
    reachable.set()
    connect = index_lag._Listening._connect

    def connecting(watch: object) -> object:
        if not reachable.is_set():
            raise psycopg.OperationalError("inalcanzable")
        return connect(watch)  # type: ignore[arg-type]

    monkeypatch.setattr(index_lag._Listening, "_connect", connecting)
    monkeypatch.setattr(index_lag, "RETRY_SECONDS", 0.2)
    said = _traced(library)
    with serving(create_app(library)) as base:
        _until_nothing_read(base, said)
        reachable.clear()
        assert _drop_listeners(library) == 1
        _other_process_writes(library)  # committed while nobody listens: not notified
        _current(base)
        reachable.set()
        watch = index_lag._WATCHES[library.db]
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() >= watch._alive_until:  # listening again, trusted
            assert time.monotonic() < deadline, "it never listened again"
            time.sleep(0.05)
        _current(base)  # what it kept before the drop is not what it trusts now
        library.flush()
        _until_nothing_read(base, said)
        with library.db.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM documents WHERE id = 'publica'")
        got = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
        assert [hit["id"] for hit in got["hits"]] == ["enmascarada"]
