"""Rows inserted at the driver's speed (``indexer.db.bulk``) are stored exactly as
SQLAlchemy's own insert stores them: dates, times, JSON (a JSON null too) and booleans
read back the same by every reader of the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import insert

from indexer.db import Database
from indexer.db.bulk import insert_rows, insert_tuples
from indexer.db.citation_tables import CitationRow
from indexer.db.tables import DocumentRow, IndexQueueRow

WHEN = dt.datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=dt.UTC)


def _document(doc_id: str, data: object) -> dict[str, object]:
    return {
        "id": doc_id,
        "kind": "sentencia",
        "source_id": "scjn",
        "title": "Amparo directo 12/2024",
        "date": dt.date(2024, 5, 6),
        "institution": "SCJN",
        "jurisdiction": "federal",
        "url": f"https://example.org/{doc_id}",
        "text": "Texto con acentos: resolución, año.",
        "content_sha256": "a" * 64,
        "data": data,
        "fetched_at": WHEN,
        "updated_at": WHEN,
        "created_at": WHEN,
    }


def _raw(db: Database, table: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return list(connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1").all())


def test_rows_are_stored_as_sqlalchemy_stores_them(tmp_path: Path) -> None:
    bulk = Database(f"sqlite:///{tmp_path / 'bulk.db'}")
    core = Database(f"sqlite:///{tmp_path / 'core.db'}")
    documents = [
        _document("d1", {"court": "Primera Sala", "forms": ["12/2024"], "n": 3}),
        _document("d2", None),
    ]
    queue = [
        {"doc_id": "d1", "content_sha256": "a" * 64, "claimed": False},
        {"doc_id": "d2", "content_sha256": "b" * 64, "claimed": True},
    ]
    with bulk.engine.begin() as connection:
        insert_rows(connection, DocumentRow.__table__, documents)
        insert_rows(connection, IndexQueueRow.__table__, queue)
    with core.engine.begin() as connection:
        connection.execute(insert(DocumentRow.__table__), documents)
        connection.execute(insert(IndexQueueRow.__table__), queue)
    for table in ("documents", "index_queue"):
        assert _raw(bulk, table) == _raw(core, table)
    with bulk.session() as session:
        row = session.get(DocumentRow, "d1")
        assert row is not None
        assert row.data == documents[0]["data"]
        assert row.fetched_at.replace(tzinfo=dt.UTC) == WHEN
        assert row.date == dt.date(2024, 5, 6)
    bulk.close()
    core.close()


def test_a_column_left_to_its_default_gets_it(tmp_path: Path) -> None:
    """``index_queue.claimed`` has a default SQLAlchemy fills in: left out, it is filled."""
    bulk = Database(f"sqlite:///{tmp_path / 'bulk.db'}")
    core = Database(f"sqlite:///{tmp_path / 'core.db'}")
    rows = [{"doc_id": "d1", "content_sha256": "a" * 64}]
    with bulk.engine.begin() as connection:
        insert_rows(connection, IndexQueueRow.__table__, rows)
    with core.engine.begin() as connection:
        connection.execute(insert(IndexQueueRow.__table__), rows)
    assert _raw(bulk, "index_queue") == _raw(core, "index_queue") == [("d1", "a" * 64, 0, None)]
    bulk.close()
    core.close()


def test_rows_as_tuples_are_stored_as_sqlalchemy_stores_them(database_url: str) -> None:
    """A writer's small rows given as tuples (a document's citations, ``insert_tuples``)
    are the rows SQLAlchemy's insert of the same values as dicts stores, on both
    databases; a column whose values need processing (a time) takes the dicts' path."""
    citations = CitationRow.__table__
    names = ("doc_id", "doc_seq", "kind", "key", "written", "start_char", "end_char", "court")
    rows = [
        ("d1", 1, "case", "ADR 1309/2023", "amparo directo en revisión 1309/2023", 3, 40, None),
        ("d1", 1, "case", "AR 12/2020", "amparo en revisión 12/2020", 50, 76, "Primera Sala"),
        ("d2", 2, "article", "CPEUM art. 14", "artículo 14 constitucional", 0, 26, None),
    ]
    db = Database(database_url)
    queue = IndexQueueRow.__table__
    timed = [("d1", "a" * 64, False), ("d2", "b" * 64, True)]
    with db.engine.begin() as connection:
        insert_tuples(connection, citations, names, rows)
        insert_tuples(connection, queue, ("doc_id", "content_sha256", "claimed"), timed)
        stored = connection.execute(sa.select(*(citations.c[n] for n in names))).all()
        queued = connection.execute(sa.select(queue.c.doc_id, queue.c.claimed)).all()
        connection.execute(citations.delete())
        connection.execute(queue.delete())
        connection.execute(insert(citations), [dict(zip(names, row, strict=True)) for row in rows])
        expected = connection.execute(sa.select(*(citations.c[n] for n in names))).all()
    assert sorted(map(tuple, stored)) == sorted(map(tuple, expected)) == sorted(rows)
    assert sorted(map(tuple, queued)) == [("d1", False), ("d2", True)]
