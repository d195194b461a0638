"""Bringing a database to the current schema with Alembic, on open."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, inspect

MIGRATIONS = Path(__file__).parent / "migrations"
FIRST_REVISION = "0001"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every pending revision. A database made before migrations existed (it has
    the documents table but no version) is stamped at the first revision first."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        tables = set(inspect(connection).get_table_names())
        if "documents" in tables and "alembic_version" not in tables:
            command.stamp(config, FIRST_REVISION)
        command.upgrade(config, "head")


def known_revisions() -> set[str]:
    """Every schema revision this version knows (a database at another was made by a
    newer version, and this one cannot open it)."""
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def new_revision(message: str) -> None:
    """Write the next revision, generated from the difference between the migrated
    schema and ``tables.py`` (run ``python -m indexer.db.migrate "what changed"``)."""
    engine = create_engine("sqlite://")
    config = alembic_config(engine)
    numbers = [int(p.name[:4]) for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")]
    rev_id = f"{max(numbers, default=0) + 1:04d}"
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        command.revision(config, message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    new_revision(" ".join(sys.argv[1:]) or "schema change")
