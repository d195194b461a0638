"""Every schema change has its migration: the migrated database equals ``tables.py``."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from indexer.db import Database
from indexer.db.tables import Base


def test_migrations_produce_exactly_the_declared_schema(database_url: str) -> None:
    Database(database_url).close()
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        version = connection.execute(sa.text("select version_num from alembic_version")).scalar()
    engine.dispose()
    assert version is not None


def test_a_database_from_before_migrations_is_brought_up_to_date(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "create table documents (id varchar(64) primary key, kind varchar(16), "
            "source_id varchar(64), title text, date date, institution text, "
            "jurisdiction varchar(8), url text, text text, content_sha256 varchar(64), data json,"
            " created_at datetime, fetched_at datetime, updated_at datetime, "
            "indexed_sha256 varchar(64))"
        ))  # fmt: skip
        for table in ("files (sha256 varchar(64) primary key)", "fetches (url text primary key)",
                      "crawl_runs (id integer primary key, source_id varchar(64), "
                      "status varchar(16), started_at datetime, finished_at datetime, "
                      "stats json, errors json)"):  # fmt: skip
            connection.execute(sa.text(f"create table {table}"))
        connection.execute(sa.text("insert into documents (id, title) values ('viejo', 'x')"))
    engine.dispose()
    db = Database(url)
    with db.engine.connect() as connection:
        names = set(sa.inspect(connection).get_table_names())
        kept = connection.execute(sa.text("select count(*) from documents")).scalar()
    db.close()
    assert {"institutions", "sources", "audit_log", "api_keys"} <= names
    assert kept == 1
