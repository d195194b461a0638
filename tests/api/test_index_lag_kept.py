"""The check of a page's hits against the database (``api.index_lag``) keeps, per
process, what the database told it, and trusts it only while no other connection has
committed (SQLite's ``data_version``). A change another process writes after the kept
state was taken (a crawler withholding, masking or deleting documents, with no index
commit yet) is still caught at the next search; with nothing changed, a search asked
again reads nothing of the check through the library's connections. Real HTTP on
127.0.0.1, a real SQLite/Tantivy library, the other writer a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import event

from api import index_lag
from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from tests.api.conftest import federal_sentencia
from tests.uvicorn_thread import serving

REPO = Path(__file__).resolve().parents[2]
SAID = "{} promovió el juicio por la concesión minera del cerro de San Pedro."
NAME = "María Guadalupe Hernández"

# another process, as a crawler writes: the database only (the index commits later)
OTHER_WRITER = """
import json, sys
from indexer.db import Database
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia
url, docs = sys.argv[1], json.loads(sys.argv[2])
db = Database(url)
found = db.get_documents(["enmascarada", "retenida"])
masked, held = found["enmascarada"], found["retenida"]
name = [PrivacyFinding(kind="nombre", field="text", start=0, end=25)]
mask = PrivacyReport(policy="mask", findings=name)
db.save_document(masked.model_copy(update={
    "title": "Amparo de [DATO PERSONAL]", "text": docs["masked"], "privacy": mask}))
hold = PrivacyReport(policy="withhold", findings=name)
db.save_document(held.model_copy(update={"privacy": hold}))
with db.engine.begin() as connection:
    connection.exec_driver_sql("DELETE FROM documents WHERE id = 'borrada'")
db.close()
"""


def _library(root: Path) -> Library:
    library = Library.open(Settings(data_dir=root))
    named = federal_sentencia("enmascarada", SAID.format(NAME))
    library.add_document(named.model_copy(update={"title": f"Amparo de {NAME}"}))
    library.add_document(federal_sentencia("retenida", SAID.format("Juan Pérez Soto")))
    library.add_document(federal_sentencia("borrada", SAID.format("La minera")))
    library.add_document(federal_sentencia("publica", SAID.format("La empresa")))
    library.flush()
    return library


def test_a_change_another_process_commits_after_the_state_was_kept_is_caught(
    tmp_path: Path,
) -> None:
    library = _library(tmp_path)
    try:
        with serving(create_app(library)) as base:
            # the kept state: every hit seen to exist, the queue empty (twice: the second
            # a replay of the answer cache, checked against what is kept)
            for _ in range(2):
                got = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
                assert len(got["hits"]) == 4
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            docs = json.dumps({"masked": SAID.format("[DATO PERSONAL]")})
            subprocess.run(
                [sys.executable, "-c", OTHER_WRITER, library.db.url, docs],
                check=True,
                env=env,
                timeout=120,
            )
            for path in ("/v1/search", "/buscar"):
                answer = httpx.get(f"{base}{path}", params={"q": "concesión"})
                assert answer.status_code == 200
                assert "Hernández" not in answer.text and "Pérez" not in answer.text
                assert "borrada" not in answer.text and "publica" in answer.text
            got = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
            ids = [hit["id"] for hit in got["hits"]]
            assert sorted(ids) == ["enmascarada", "publica"]
            by_name = httpx.get(f"{base}/v1/search", params={"q": "Hernández"}).json()
            assert by_name["hits"] == []
    finally:
        library.close()


def test_a_queue_longer_than_kept_every_page_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More pending than the process keeps (a reindex, a crawl between commits): the
    kept ids are not trusted, each page's are read."""
    monkeypatch.setattr(index_lag, "QUEUE_HELD", 1)
    library = _library(tmp_path)
    try:
        with serving(create_app(library)) as base:
            for _ in range(2):
                got = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
                assert len(got["hits"]) == 4
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            docs = json.dumps({"masked": SAID.format("[DATO PERSONAL]")})
            subprocess.run(
                [sys.executable, "-c", OTHER_WRITER, library.db.url, docs],
                check=True,
                env=env,
                timeout=120,
            )
            answer = httpx.get(f"{base}/v1/search", params={"q": "concesión"})
            assert "Hernández" not in answer.text and "Pérez" not in answer.text
            assert sorted(h["id"] for h in answer.json()["hits"]) == ["enmascarada", "publica"]
    finally:
        library.close()


def test_a_row_deleted_by_another_process_is_caught_with_the_queue_untouched(
    tmp_path: Path,
) -> None:
    """A deletion writes no queue row: only its tombstone tells the kept ids are stale."""
    library = _library(tmp_path)
    try:
        with serving(create_app(library)) as base:
            for _ in range(2):
                got = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
                assert len(got["hits"]) == 4
            delete = (
                "import sqlite3, sys\n"
                "c = sqlite3.connect(sys.argv[1])\n"
                "c.execute(\"DELETE FROM documents WHERE id IN ('borrada', 'retenida')\")\n"
                "c.commit()\n"
            )
            path = library.db.engine.url.database
            subprocess.run([sys.executable, "-c", delete, str(path)], check=True, timeout=60)
            got = httpx.get(f"{base}/v1/search", params={"q": "concesión"}).json()
            assert sorted(h["id"] for h in got["hits"]) == ["enmascarada", "publica"]
    finally:
        library.close()


def test_nothing_changed_no_read_of_the_check_through_the_library_connections(
    tmp_path: Path,
) -> None:
    library = _library(tmp_path)
    said: list[str] = []
    library.db.engine.dispose()  # the pool's connections anew, each one traced
    event.listen(
        library.db.engine,
        "connect",
        lambda connection, _record: connection.set_trace_callback(said.append),
    )
    try:
        with serving(create_app(library)) as base:
            for q in ("concesión", "cerro", "concesión"):
                got = httpx.get(f"{base}/v1/search", params={"q": q}).json()
                assert len(got["hits"]) == 4
            said.clear()
            for q in ("concesión", "minera", "cerro", "concesión"):
                got = httpx.get(f"{base}/v1/search", params={"q": q}).json()
                assert len(got["hits"]) == 4
            assert [s for s in said if "index_queue" in s] == []
    finally:
        library.close()
