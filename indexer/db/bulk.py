"""Many rows inserted in one statement, at the driver's speed on SQLite.

SQLAlchemy's ``execute(insert(table), rows)`` prepares every row's parameters in Python
(a few microseconds a row); the indexer inserts about ten rows per document (the
document, its queue entry, publications, keys, citations), so on SQLite the rows go to
the driver's ``executemany`` as tuples, each value through its column type's own bind
processor (dates, JSON, booleans stored exactly as SQLAlchemy stores them). On
PostgreSQL they go the same way into a ``COPY … FROM STDIN`` (psycopg writes its rows in
C): about 7 µs of CPU a row where SQLAlchemy's ``executemany`` (a statement a row, in a
pipeline) takes 18, and one multi-row ``INSERT`` 35 (psycopg parses a long statement's
placeholders in Python each time). Its errors are SQLAlchemy's, as an ``INSERT``'s are
(a duplicate key is an ``IntegrityError``, a NUL in a text a ``DataError``). Other
databases keep SQLAlchemy's path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError

_Plan = tuple[str | None, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]
_PLANS: dict[tuple[int, str, tuple[str, ...]], _Plan] = {}


def insert_rows(
    connection: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    ready: tuple[str, ...] = (),
) -> None:
    """Insert ``rows`` (every row with the same keys, as the first one) into ``table``.
    ``ready``: columns whose values are given as stored already (JSON written), on
    SQLite only."""
    if not rows:
        return
    dialect = connection.dialect
    if dialect.name not in ("sqlite", "postgresql"):
        if ready:
            raise ValueError("values stored as given are for SQLite and PostgreSQL")
        connection.execute(insert(table), list(rows))
        return
    sql, names, processors = _plan(connection, table, tuple(rows[0]))
    if sql is None:  # a column left out has a default SQLAlchemy fills in
        if ready:
            raise ValueError("values stored as given need every column given")
        connection.execute(insert(table), list(rows))
        return
    if ready:
        processors = tuple(
            None if name in ready else process
            for name, process in zip(names, processors, strict=True)
        )
    # a row's values in one call (a one-column row's too), then the few that need it
    # processed in place: no generator per row
    take = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    processed = [(i, process) for i, process in enumerate(processors) if process is not None]
    if processed:
        # a value many rows share (a batch's moment of writing: a few µs to format each
        # time) processed once; by identity, which the rows keep alive meanwhile (equal
        # datetimes in two time zones are written apart)
        done: list[dict[int, Any]] = [{} for _ in processed]
        values: list[tuple[Any, ...]] = []
        for row in rows:
            taken = list(take(row))
            for (i, process), seen in zip(processed, done, strict=True):
                value = taken[i]
                key = id(value)
                if key in seen:
                    taken[i] = seen[key]
                else:
                    taken[i] = seen[key] = process(value)
            values.append(tuple(taken))
    else:
        values = [take(row) for row in rows]
    if dialect.name == "postgresql":
        _copy(connection, table, names, values)
        return
    connection.exec_driver_sql(sql, values)


def _copy(
    connection: Connection, table: Table, names: tuple[str, ...], values: Iterable[Sequence[Any]]
) -> None:
    """``values`` (rows of ``names``' values, processed) into ``table`` by ``COPY``, in the
    connection's transaction."""
    from psycopg import Error, sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    if not connection.in_transaction():  # as an ``execute`` would begin one
        connection.begin()
    driver = connection.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in values:
                copy.write_row(row)
    except Error as exc:  # as SQLAlchemy raises an INSERT's
        raise DBAPIError.instance(
            statement.as_string(driver), None, exc, Error, dialect=connection.dialect
        ) from exc


def insert_tuples(
    connection: Connection,
    table: Table,
    names: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """``insert_rows`` for rows given as tuples of ``names``' values, in that order: a
    writer that makes many small rows (a document's citations) makes no dict per row.
    On SQLite and PostgreSQL they go to the driver as they are when no column needs its
    values processed; otherwise, and on other databases, as ``insert_rows`` writes them."""
    if not rows:
        return
    dialect = connection.dialect.name
    if dialect in ("sqlite", "postgresql"):
        sql, _, processors = _plan(connection, table, names)
        if sql is not None and not any(processors):
            if dialect == "postgresql":
                _copy(connection, table, names, rows)
            else:
                connection.exec_driver_sql(sql, list(rows))
            return
    insert_rows(connection, table, [dict(zip(names, row, strict=True)) for row in rows])


def _plan(connection: Connection, table: Table, names: tuple[str, ...]) -> _Plan:
    """The statement and the columns' bind processors, made once per table and columns."""
    key = (id(table), connection.dialect.name, names)
    plan = _PLANS.get(key)
    if plan is None:
        dialect = connection.dialect
        quote = dialect.identifier_preparer.quote
        columns = ", ".join(quote(name) for name in names)
        marks = ", ".join("?" for _ in names)
        sql: str | None = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"
        if any(c.default is not None for c in table.columns if c.name not in names):
            sql = None
        types = (table.c[name].type.dialect_impl(dialect) for name in names)
        processors = tuple(kind.bind_processor(dialect) for kind in types)
        plan = _PLANS[key] = (sql, names, processors)
    return plan


def run_in(
    connection: Connection,
    statement: Any,
    values: Sequence[Any],
    sqlite: str,
    params: Mapping[str, Any] | None = None,
) -> Any:
    """``statement`` with its expanding parameter ``values`` (and ``params``, by name);
    on SQLite ``sqlite`` instead, its ``{}`` one ``?`` per value, then ``params``' values
    in their order: SQLAlchemy renders an expanding list's parameters at every run,
    several microseconds a value (the indexer's reads by id run on every batch). On
    PostgreSQL the same text with the list as one array (``IN ({})`` written
    ``= ANY(%s)``, which the planner reads as the same list): one parameter, whatever
    the list's length (a tenth of the indexer's Python went to rendering the lists), and
    one text for every batch, which psycopg prepares once."""
    params = params or {}
    dialect = connection.dialect.name
    if dialect == "sqlite":
        sql = sqlite.format(", ".join("?" * len(values)))
        return connection.exec_driver_sql(sql, (*values, *params.values()))
    if dialect == "postgresql" and values:
        return connection.exec_driver_sql(_as_array(sqlite), (list(values), *params.values()))
    return connection.execute(statement, {"values": list(values), **params})


_ARRAYS: dict[str, str] = {}


def _as_array(sqlite: str) -> str:
    """``run_in``'s SQLite text for PostgreSQL: its list one array parameter, its other
    ``?`` psycopg's ``%s``."""
    sql = _ARRAYS.get(sqlite)
    if sql is None:
        if sqlite.count("IN ({})") != 1 or "%" in sqlite:
            raise ValueError(f"not a list's statement: {sqlite}")
        sql = _ARRAYS[sqlite] = sqlite.replace("IN ({})", "= ANY(%s)").replace("?", "%s")
    return sql
