"""Bringing a database to the current schema with Alembic, on open."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
FIRST_REVISION = "0001"


def newest_revision() -> str | None:
    """The revision of the highest-numbered file in ``versions/`` (each file's revision
    is its number, ``new_revision`` names them so): the head of the chain."""
    numbers = [p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")]
    return max(numbers, default=None)


def at_head(engine: Engine) -> bool:
    """Whether the database says it is at the newest revision already: then opening it
    needs no Alembic (its import and its reading of every revision cost a crawl, a
    command, a server worker about a third of a second at each open)."""
    head = newest_revision()
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:  # no version table yet: a new database, or one made before
        return False
    return head is not None and [tuple(v) for v in versions] == [(head,)]


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every pending revision. A database made before migrations existed (it has
    the documents table but no version) is stamped at the first revision first."""
    if at_head(engine):
        return
    from alembic import command

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
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def new_revision(message: str) -> None:
    """Write the next revision, generated from the difference between the migrated
    schema and ``tables.py`` (run ``python -m indexer.db.migrate "what changed"``)."""
    from alembic import command

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
