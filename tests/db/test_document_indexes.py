"""The documents' indexes after migration 0017: none whose keys land anywhere in it at
each save, and the reads that used the old ones still go through an index. A library
made before it keeps every row and answers the same."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command

from bench.legal_corpus import LegalCorpus
from indexer.citations.records import cited_by_counts
from indexer.citations.resolve import citing
from indexer.db import Database
from indexer.db.migrate import alembic_config
from indexer.speeches.service import _SESSIONS_AFTER, ReferenceKeys, sessions_after
from tests.db.old_rows import write_old_documents


def _walk(db: Database) -> list[str]:
    """Every session, in id order, three at a time."""
    walked: list[str] = []
    last = ""
    with db.session() as s:
        while rows := sessions_after(s, last, limit=3):
            walked += [row.id for row in rows]
            last = rows[-1].id
    return walked


def test_a_library_at_0016_keeps_its_rows_and_answers_after_0017(database_url: str) -> None:
    docs = list(LegalCorpus(60))
    engine = sa.create_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0016")
        write_old_documents(connection, docs)
        held, citer = docs[0].id, docs[1].id  # the second cites the first's case number
        connection.execute(
            sa.text("insert into document_cases (doc_id, key, court) values (:d, '12/2020', null)"),
            {"d": held},
        )
        for kind, key in (("case", "12/2020"), ("article", "CPEUM art. 14")):
            connection.execute(
                sa.text(
                    "insert into citations (doc_id, kind, key, written, start_char, end_char)"
                    " values (:d, :kind, :key, :written, 0, 10)"
                ),
                {"d": citer, "kind": kind, "key": key, "written": key},
            )
    engine.dispose()

    db = Database(database_url)
    try:
        names = {index["name"] for index in sa.inspect(db.engine).get_indexes("documents")}
        assert {"ix_documents_kind", "ix_documents_sessions"} <= names
        assert not {"ix_documents_kind_date", "ix_documents_kind_id"} & names
        assert db.count_documents() == len(docs)
        assert db.count_documents(docs[0].source_id) == sum(
            d.source_id == docs[0].source_id for d in docs
        )
        assert db.get_document(docs[7].id).text == docs[7].text  # type: ignore[union-attr]
        pending = sorted(d.id for d in db.iter_documents(pending_only=True))
        assert pending == sorted(d.id for d in docs)
        sessions = sorted(d.id for d in docs if d.kind == "sesion")
        assert len(sessions) >= 4
        assert _walk(db) == sessions
        legislative = [d for d in docs if d.kind == "legislativo"]
        keys = ReferenceKeys(db).of(legislative[0].jurisdiction, legislative[0].institution)
        assert legislative[0].id in keys.values()
        assert cited_by_counts(db, [held]) == {held: 1}
        total, citing_page = citing(db, held, 10, 0)
        assert total == 1 and [c.document.id for c in citing_page] == [citer]
        with db.engine.connect() as connection:
            kept = connection.execute(sa.text("select kind from citations order by kind")).all()
        assert [k for (k,) in kept] == ["article", "case"]
    finally:
        db.close()


def _plan(db: Database, sql: str, params: dict[str, object]) -> str:
    with db.engine.connect() as connection:
        steps = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()
    return " | ".join(str(step[-1]) for step in steps)


def test_the_sessions_walk_and_the_reads_by_kind_go_through_an_index(tmp_path: Path) -> None:
    """Walking the sessions reads the next ones in the sessions' own index, with no sort of
    every session at each step; the reads by kind find their rows through ``kind``."""
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    try:
        hinted = _SESSIONS_AFTER.format(hint=" INDEXED BY ix_documents_sessions")
        walk = _plan(db, hinted, {"last": "", "limit": 200})
        assert "USING INDEX ix_documents_sessions (id>?)" in walk, walk
        assert "TEMP B-TREE" not in walk, walk
        by_kind = _plan(db, "SELECT id FROM documents WHERE kind = :kind", {"kind": "legislativo"})
        assert "USING INDEX ix_documents_kind (kind=?)" in by_kind, by_kind
    finally:
        db.close()
