"""``Database.last_visible_save`` is asked at every request of every Atom feed and of
every 304 a feed reader gets (``Last-Modified``). Its read of the saves withdrawn (rows
withheld now, once published) went down ``ix_documents_updated`` from the newest row,
reading each document's JSON to find a withheld one: with none withheld, the whole table
(0.35 s of CPU per feed request at 100k documents, ``bench/feeds.py``). It must read the
partial index of the withheld rows (migration 0028), as the query plan says. SQLite:
PostgreSQL plans by its statistics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event

from indexer.db import Database
from tests.api.conftest import federal_sentencia


def test_the_withdrawn_saves_are_read_through_the_partial_index(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    try:
        for n in range(3):
            db.save_document(federal_sentencia(f"s{n}", "La empresa promovió el juicio."))
        asked: list[tuple[str, Any]] = []

        def listen(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
            asked.append((statement, params))

        event.listen(db.engine, "before_cursor_execute", listen)
        db.last_visible_save()
        event.remove(db.engine, "before_cursor_execute", listen)
        withdrawn = [(s, p) for s, p in asked if "never_published" in s]
        assert len(withdrawn) == 1
        statement, params = withdrawn[0]
        with db.engine.connect() as connection:
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
        details = " | ".join(str(row[-1]) for row in plan)
        assert "ix_documents_withheld" in details, details
    finally:
        db.close()
