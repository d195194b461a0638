"""One data fix for alert rows written by older code: each value of a column that is
still in its old form is replaced by its new form, in one transaction, each row only if
it still holds the value read (two processes opening at once rewrite it once)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import ColumnElement, Engine, inspect, select, update
from sqlalchemy.orm import InstrumentedAttribute

from indexer.db.alert_tables import AlertRow


def rewrite_old_values(
    engine: Engine,
    column: InstrumentedAttribute[str | None],
    old: ColumnElement[bool],
    new: Callable[[str, str], str],
) -> int:
    """Give every row where ``old`` holds ``new(alert_id, value)``; how many there were."""
    with engine.begin() as connection:
        if "alerts" not in inspect(connection).get_table_names():
            return 0
        rows = connection.execute(select(AlertRow.id, column).where(column.is_not(None), old)).all()
        for alert_id, value in rows:
            connection.execute(
                update(AlertRow)
                .where(AlertRow.id == alert_id, column == value)
                .values({column.key: new(alert_id, value)})
            )
    return len(rows)
