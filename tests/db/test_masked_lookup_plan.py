"""At each change of the database each API worker asks which queued documents had
personal data masked since the index took them (``api.index_lag``: the masked ones a
count must not give away). It joined the queue's first thousand rows to ``documents``
and read each row's JSON, stored after the long text: SQLite walked every overflow page
of every queued row (6.5-7.5 ms per change and worker with 3 KB texts, 25 ms with 53 KB).
Now the queued ids are looked up in a partial index of the rows with findings
(``ix_documents_findings``, migration 0032) and only those found are read: the same
answer, with no queued row's JSON read unless it has findings. SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from api import index_lag
from indexer.db import Database
from indexer.db.tables import FINDINGS_SQLITE
from indexer.models import PrivacyFinding, PrivacyReport
from tests.api.conftest import federal_sentencia

FOUND = [PrivacyFinding(kind="nombre", start=0, end=5)]
SAID = "La parte actora promovió el juicio de arrendamiento."
# what each row is, and whether the question must call it masked now
ROWS = {
    "enmascarada": (PrivacyReport(findings=FOUND), True),
    "retenida": (PrivacyReport(policy="withhold", findings=FOUND), False),
    "liberada": (PrivacyReport(policy="withhold", findings=FOUND, reviewed=True), True),
    "limpia": (PrivacyReport(), False),
    "sin-informe": (None, False),
}


def _library(url: str) -> Database:
    db = Database(url)
    for doc_id, (privacy, _) in ROWS.items():
        db.save_document(federal_sentencia(doc_id, SAID).model_copy(update={"privacy": privacy}))
    # masked too, but indexed already: not queued, not asked
    db.save_document(federal_sentencia("indexada", SAID).model_copy(
        update={"privacy": PrivacyReport(findings=FOUND)}))  # fmt: skip
    with db.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM index_queue WHERE doc_id = 'indexada'"))
    return db


MASKED = {doc_id for doc_id, (_, masked) in ROWS.items() if masked}


def _plan(connection: sqlite3.Connection, sql: str, params: object) -> list[str]:
    return [str(row[-1]) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


def _reads_no_row_but_through_an_index_of_few(plan: list[str]) -> None:
    """Each step on ``documents`` reads a key alone (a covering index) or a row held in a
    partial index of a few (``ix_documents_findings`` / ``ix_documents_withheld``)."""
    steps = [s for s in plan if s.startswith(("SCAN d", "SEARCH d", "SCAN documents"))]
    steps += [s for s in plan if s.startswith("SEARCH documents")]
    assert steps, plan
    for step in steps:
        assert (
            "COVERING INDEX" in step
            or "ix_documents_findings" in step
            or "ix_documents_withheld" in step
        ), plan
    assert any("ix_documents_findings" in s for s in steps), plan


def test_the_masked_queued_ones_are_found_through_the_index_alone(database_url: str) -> None:
    db = _library(database_url)
    try:
        statement = index_lag._masked_sql(db)
        bound = {"queued": 1000, "most": 1000}
        with db.engine.connect() as connection:
            found = set(connection.execute(statement).scalars())  # type: ignore[call-overload]
            assert found == MASKED
            if db.engine.dialect.name != "sqlite":
                # planned by statistics (a big library's plan went through the index by
                # itself): here, that the index can serve it, the table not read whole
                connection.exec_driver_sql("SET enable_seqscan = off")
                plan = connection.execute(sa.text(f"EXPLAIN {statement}"), bound).scalars()
                assert "ix_documents_findings" in "\n".join(plan)
                return
        compiled = statement.compile(compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
        path = str(db.engine.url.database)
        connection = sqlite3.connect(path)
        try:
            _reads_no_row_but_through_an_index_of_few(_plan(connection, str(compiled), ()))
            # the watch's own statement (each worker's, at each change): alike, same answer
            most = (1000, 1000, 1000, 1000)
            plan = _plan(connection, index_lag._HIDDEN_SQLITE, most)
            _reads_no_row_but_through_an_index_of_few(plan)
            # the withheld ones through their own index (a few), not every masked one
            assert "SCAN documents USING INDEX ix_documents_withheld" in plan, plan
            withheld = db._withheld_now().text
            counted = _plan(connection, f"SELECT count(*) FROM documents WHERE {withheld}", ())
            assert not any("ix_documents_findings" in step for step in counted), counted
        finally:
            connection.close()
        watch = index_lag._Watch(path)
        try:
            hidden = watch.read_hidden()
        finally:
            watch.close()
        assert hidden.masked == MASKED
        assert hidden.ids == MASKED | {"retenida"}
    finally:
        db.close()


def test_sqlite_refuses_the_index_to_a_condition_said_otherwise(tmp_path: Path) -> None:
    """The query must say the index's condition exactly (``FINDINGS_SQLITE``): said
    otherwise, SQLite refuses ``INDEXED BY`` with an error, never a wrong answer."""
    url = f"sqlite:///{tmp_path / 'abierto.db'}"
    Database(url).close()
    connection = sqlite3.connect(tmp_path / "abierto.db")
    try:
        (declared,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'ix_documents_findings'"
        ).fetchone()
        assert declared.endswith(f"WHERE {FINDINGS_SQLITE}")
        through = "SELECT id FROM documents INDEXED BY ix_documents_findings WHERE "
        assert connection.execute(through + FINDINGS_SQLITE).fetchall() == []
        with pytest.raises(sqlite3.OperationalError, match="no query solution"):
            connection.execute(through + "json_array_length(data, '$.privacy.findings') > 0")
    finally:
        connection.close()
