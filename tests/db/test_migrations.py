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


def test_the_queue_starts_with_what_the_old_bookkeeping_called_pending(tmp_path: Path) -> None:
    from alembic import command

    from indexer.db.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'v2.db'}"
    engine = sa.create_engine(url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        for doc_id, indexed in (("al-dia", "h1"), ("nunca", None), ("cambiado", "viejo")):
            connection.execute(
                sa.text(
                    "insert into documents (id, kind, source_id, title, institution, "
                    "jurisdiction, url, text, content_sha256, data, created_at, updated_at, "
                    "indexed_sha256) values (:id, 'sentencia', 's', 't', 'i', 'MX', 'u', 'x', "
                    "'h1', '{}', '2025-01-01', '2025-01-01', :indexed)"
                ),
                {"id": doc_id, "indexed": indexed},
            )
    engine.dispose()
    db = Database(url)
    with db.engine.connect() as connection:
        queued = connection.execute(sa.text("select doc_id from index_queue")).scalars().all()
    assert db.count_pending() == 2
    db.close()
    assert sorted(queued) == ["cambiado", "nunca"]


def test_the_newest_revision_file_is_the_head_an_open_compares_with() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from indexer.db.migrate import MIGRATIONS, newest_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_heads() == [newest_revision()]
    for script in scripts.walk_revisions():
        assert Path(script.path).name.startswith(f"{script.revision}_")


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    """Every crawl, command and server worker opens the database; one already at the
    newest revision is opened without Alembic (a third of a second of imports and
    reading every revision)."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'al-dia.db'}"
    Database(url).close()
    probe = (
        "import sys\nfrom indexer.db import Database\n"
        f"Database({url!r}).close()\nprint('alembic' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    opened = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert opened.stdout.strip() == "False"
