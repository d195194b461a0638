"""Copy the whole source of truth to another database (SQLite → PostgreSQL, say).

Every table, every row, primary keys kept, in dependency order and in batches, into a
database brought to the current schema first and found empty; then the row counts are
compared table by table. On PostgreSQL the id sequences (and the documents' numbers')
are moved past the copied values, so new rows do not collide with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Column, Connection, Integer, Table, func, select, text

from indexer.db.database import Database
from indexer.db.tables import Base

BATCH = 1000


class CopyError(RuntimeError):
    """The target is not empty, or the copy does not match the source."""


def copy_database(
    source: Database, target: Database, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Rows copied per table. Refuses a target that already holds any row."""
    tables = Base.metadata.sorted_tables
    with target.engine.connect() as connection:
        filled = [
            t.name
            for t in tables
            if connection.execute(select(func.count()).select_from(t)).scalar()
        ]
    if filled:
        raise CopyError(f"the target database is not empty: {', '.join(filled)}")
    copied: dict[str, int] = {}
    with source.engine.connect() as reader, target.engine.begin() as writer:
        for table in tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = reader.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
            count = 0
            for batch in rows.mappings().partitions(BATCH):
                writer.execute(table.insert(), [dict(row) for row in batch])
                count += len(batch)
                if progress:
                    progress(table.name, count)
            copied[table.name] = count
            if target.engine.dialect.name == "postgresql":
                _advance_sequences(writer, table)
    with target.engine.connect() as check:
        for table in tables:
            found = check.execute(select(func.count()).select_from(table)).scalar() or 0
            if found != copied[table.name]:
                raise CopyError(f"{table.name}: copied {copied[table.name]}, found {found}")
    return copied


def _numbered(table: Table, column: Column[Any]) -> bool:
    """A column PostgreSQL numbers from a sequence: an integer key, or documents' ``seq``."""
    if table.name == "documents" and column.name == "seq":
        return True
    return (
        column.primary_key
        and isinstance(column.type, Integer)
        and column.autoincrement in (True, "auto")
    )


def _advance_sequences(writer: Connection, table: Table) -> None:
    for column in table.columns:
        if _numbered(table, column):
            highest = f'(SELECT MAX("{column.name}") FROM "{table.name}")'
            writer.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:t, :c), "
                    f"COALESCE({highest}, 0) + 1, false)"
                ),
                {"t": table.name, "c": column.name},
            )
