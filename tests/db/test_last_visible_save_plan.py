"""``Database.last_visible_save`` is asked at every request of every Atom feed and of
every 304 a feed reader gets (``Last-Modified``). It once read the saves withdrawn (rows
withheld now, once published) down ``ix_documents_updated`` from the newest row, reading
each document's JSON to find a withheld one: with none withheld, the whole table (0.35 s
of CPU per feed request at 100k documents, ``bench/feeds.py``); and its read of the
newest save of a published document read the JSON of every newest row withheld since it
arrived (a crawl's thousands of them: 67 ms at 10k). It now reads the rows'
``never_published`` column alone, down ``ix_documents_updated``: no JSON at all, the
same value (a release clears the column). SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, select

from indexer.db import Database
from indexer.db.tables import DocumentRow
from indexer.models import PrivacyFinding, PrivacyReport
from tests.api.conftest import federal_sentencia

HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="nombre", start=0, end=5)])
SAID = "La empresa promovió el juicio."


def _asked(db: Database) -> tuple[dt.datetime | None, list[tuple[str, Any]]]:
    asked: list[tuple[str, Any]] = []

    def listen(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        asked.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        when = db.last_visible_save()
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    return when, [(s, p) for s, p in asked if "documents" in s]


def _saved_at(db: Database, doc_id: str) -> dt.datetime:
    with db.session() as s:
        when = s.scalar(select(DocumentRow.updated_at).where(DocumentRow.id == doc_id))
    assert when is not None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def test_the_newest_visible_save_is_read_without_any_json(database_url: str) -> None:
    db = Database(database_url)
    try:
        for n in range(3):
            db.save_document(federal_sentencia(f"s{n}", SAID))
        # the newest saves: withheld since they arrived (a crawl's), and one withdrawn
        db.save_document(federal_sentencia("retirada", SAID))
        db.save_document(federal_sentencia("retirada", f"{SAID} Otra vez.").model_copy(
            update={"privacy": HELD}))  # fmt: skip
        withdrawn = _saved_at(db, "retirada")
        db.save_documents(
            [
                federal_sentencia(f"r{n}", SAID).model_copy(update={"privacy": HELD})
                for n in range(20)
            ]
        )
        when, asked = _asked(db)
        assert when == withdrawn
        assert len(asked) == 1
        statement, params = asked[0]
        assert "json" not in statement.lower() and "->" not in statement
        with db.engine.connect() as connection:
            if db.engine.dialect.name == "sqlite":
                plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
                details = " | ".join(str(row[-1]) for row in plan.all())
                assert "ix_documents_updated" in details, details
            else:  # planned by statistics: it must at least read no JSON, as above
                connection.exec_driver_sql(f"EXPLAIN {statement}", params).all()
        # released after review: its save is a visible one, the newest
        released = HELD.model_copy(update={"reviewed": True})
        db.save_document(federal_sentencia("r7", SAID).model_copy(update={"privacy": released}))
        assert db.last_visible_save() == _saved_at(db, "r7")
        # withheld again: it was published, its withdrawal is told
        db.save_document(federal_sentencia("r7", f"{SAID} Y más.").model_copy(
            update={"privacy": HELD}))  # fmt: skip
        assert db.last_visible_save() == _saved_at(db, "r7")
    finally:
        db.close()
