"""On PostgreSQL a document's text and data are stored compressed by lz4 (migration
0031), a cheaper compression than the default pglz that was the largest single cost of
the database's part of a write; texts stored before the change read back unchanged."""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import command

from indexer.db import Database
from indexer.db.migrate import alembic_config
from tests.services.postgres import PostgresServer
from tests.stores.corpus import corpus

# long enough that PostgreSQL compresses the row (past ~2 KB), as a real sentence's
LONG = "El quejoso promovió juicio de amparo directo contra la resolución. " * 80


def _long(number: int) -> object:
    doc = corpus()[number]
    return doc.model_copy(update={"text": f"{LONG} ({doc.id})"})


def _compressions(db: Database) -> dict[str, tuple[str, str]]:
    with db.engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT id, pg_column_compression(text), pg_column_compression(data) FROM documents"
            )
        ).all()
    return {row[0]: (row[1], row[2]) for row in rows}


def _url(postgres: PostgresServer, name: str) -> str:
    return postgres.create_database(f"{name}_{os.getpid()}")


def test_a_saved_text_is_stored_by_lz4_and_reads_back_whole(postgres: PostgresServer) -> None:
    db = Database(_url(postgres, "lz4_new"))
    try:
        doc = _long(0)
        db.save_document(doc)
        assert _compressions(db)[doc.id][0] == "lz4"
        found = db.get_document(doc.id)
        assert found is not None and found.text == doc.text
    finally:
        db.close()


def test_texts_saved_before_the_change_read_back_and_new_ones_use_lz4(
    postgres: PostgresServer,
) -> None:
    url = _url(postgres, "lz4_old")
    db = Database(url)
    engine = sa.create_engine(url)
    try:
        # the columns as they were before 0031 (pglz), a text saved then
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0030")
        old = _long(0)
        db.save_document(old)
        db.close()
        db = Database(url)  # opened by this version: migrated
        new = _long(1)
        db.save_document(new)
        stored = _compressions(db)
        assert stored[old.id][0] == "pglz"
        assert stored[new.id][0] == "lz4"
        for doc in (old, new):
            found = db.get_document(doc.id)
            assert found is not None and found.text == doc.text
    finally:
        db.close()
        engine.dispose()
