"""Every document row that leaves the database leaves a tombstone, written by a trigger in
the deleting transaction (SQLite and PostgreSQL each have their own), and the dump's
delta turns tombstones into removals on either database."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from indexer.db import Database
from indexer.db.tables import DocumentDeletionRow
from indexer.dump import write_dump
from indexer.dump.changes import changed_since
from indexer.models import Legislativo, Sentencia, document_id


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.close()


def _docs() -> list[Sentencia | Legislativo]:
    common = dict(institution="Congreso", jurisdiction="MX-GUA", text="Texto.")
    return [
        Sentencia(id=document_id("t", "a"), title="A", source_id="pj", url="https://e.mx/a",
                  **common),
        Legislativo(id=document_id("t", "b"), title="B", source_id="cg", url="https://e.mx/b",
                    **common),
        Sentencia(id=document_id("t", "c"), title="C", source_id="pj", url="https://e.mx/c",
                  **common),
    ]  # fmt: skip


def _tombstones(db: Database) -> list[DocumentDeletionRow]:
    with db.session() as s:
        return list(s.scalars(select(DocumentDeletionRow).order_by(DocumentDeletionRow.seq)))


def test_a_deleted_row_leaves_a_tombstone_a_rolled_back_delete_none(db: Database) -> None:
    db.save_documents(_docs())
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    with db.engine.begin() as connection:
        connection.execute(text("delete from documents where source_id = 'cg'"))
    with pytest.raises(RuntimeError), db.engine.begin() as connection:
        connection.execute(text("delete from documents where id = :id"), {"id": _docs()[0].id})
        raise RuntimeError("the transaction fails after deleting")

    [tombstone] = _tombstones(db)
    assert (tombstone.document_id, tombstone.kind, tombstone.source_id) == (
        document_id("t", "b"),
        "legislativo",
        "cg",
    )
    at = (
        tombstone.deleted_at
        if tombstone.deleted_at.tzinfo
        else tombstone.deleted_at.replace(tzinfo=dt.UTC)
    )
    assert before <= at <= dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    assert db.get_document(_docs()[0].id) is not None  # the rollback kept it


def test_the_delta_lists_deleted_rows_on_either_database(db: Database, tmp_path: Path) -> None:
    db.save_documents(_docs())
    out = tmp_path / "datos"
    write_dump(db, out, overlap=dt.timedelta(0))
    time.sleep(1.1)
    with db.engine.begin() as connection:
        connection.execute(text("delete from documents where source_id = 'pj'"))
    report = write_dump(db, out, overlap=dt.timedelta(0))
    assert report.rows == {"sentencia": 0, "sesion": 0, "legislativo": 1}
    assert report.delta is not None and report.delta.deleted == 2
    lines = gzip.decompress((report.delta.folder / "eliminados.jsonl.gz").read_bytes())
    removals = [json.loads(line) for line in lines.splitlines()]
    assert sorted(b["id"] for b in removals) == sorted(d.id for d in _docs() if d.source_id == "pj")
    assert {b["reason"] for b in removals} == {"retirado"}


def test_changes_are_read_in_pages_each_document_once(db: Database) -> None:
    """Documents saved together share their ``updated_at``: pages of 2 cut through such
    ties and still return each changed document exactly once, and none saved before or
    saved again unchanged."""
    common = dict(institution="Congreso", jurisdiction="MX-GUA", text="T.", source_id="pj")

    def sentencia(n: int, title: str = "S") -> Sentencia:
        return Sentencia(id=f"doc-{n:02d}", title=f"{title}{n}", url=f"https://e.mx/{n}", **common)

    db.save_documents([sentencia(n) for n in range(3)])
    time.sleep(0.05)
    since = dt.datetime.now(dt.UTC)
    time.sleep(0.05)
    db.save_documents([sentencia(n) for n in range(10, 17)])
    # doc-01 changed, doc-02 saved again unchanged (not a change)
    db.save_documents([sentencia(1, "Otra "), sentencia(2), sentencia(20), sentencia(21)])
    ids = [doc.id for doc in changed_since(db, since, batch=2)]
    assert sorted(ids) == sorted(["doc-01"] + [f"doc-{n}" for n in (*range(10, 17), 20, 21)])
    assert len(ids) == len(set(ids))
