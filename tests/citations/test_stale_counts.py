"""The counts kept apart (``cited_counts``) cost each commit what changed, not the size of
the table: the stale rows are found through an index of their own (migration 0022) on
SQLite and PostgreSQL, and writing any number of counts sends one statement, the same
whatever their number (a statement of every row's values was compiled anew each time).
The counts written are those the database counts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

import indexer.library as library_module
from config.settings import Settings
from indexer.citations import records
from indexer.citations.records import STALE, cited_by_counts, recount_stale, stored_counts
from indexer.db import Database
from indexer.library import Library
from indexer.models import Sentencia
from tests.citations.test_cited_counts import ALL_HELD, CITED, _citers, _expected
from tests.citations.test_counts_apart import ONCE_T2, T1, TWICE_T2, WITHHELD
from tests.citations.test_library import HELD, sentencia

INDEX = "ix_cited_counts_stale"


@pytest.fixture()
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)  # brought to the head of the migrations
    yield database
    database.close()


def _plan(connection: sa.Connection) -> str:
    """How the database finds the stale counts (``recount_stale``'s query)."""
    sql = STALE.compile(connection.engine)
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(sql.params.values()))
        return "\n".join(str(row[-1]) for row in rows)
    # a table this small is read whole whatever its indexes: asked to avoid that, the
    # planner says which index it has for the query
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    return "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {sql}"))


def test_the_stale_counts_are_found_through_their_index(db: Database) -> None:
    with db.engine.begin() as connection:
        rows = [{"doc_id": f"s{n:05d}", "cited_by": n + 1, "stale": n % 50 == 0}
                for n in range(2_000)]  # fmt: skip
        connection.execute(sa.insert(records._COUNTS), rows)
        plan = _plan(connection)
    assert INDEX in plan, plan
    assert "SCAN cited_counts\n" not in plan + "\n" and "Seq Scan" not in plan, plan


def test_writing_counts_sends_one_statement_whatever_their_number(db: Database) -> None:
    sent: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "cited_counts" in statement:
            sent.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        for size in (1, 7, 900):  # 900: beyond one chunk of ids
            with db.engine.begin() as connection:
                records._mark_stale(connection, [f"m{size}-{n}" for n in range(size)])
                records._keep_counts(
                    connection,
                    {f"k{size}-{n}": n for n in range(size)},
                    {f"k{size}-{n}": n + 1 for n in range(size)},
                )
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    upserts = [s for s in sent if s.lstrip().upper().startswith("INSERT")]
    assert len(upserts) == 6  # one a call, whatever the rows
    assert len(set(upserts)) == 2  # marking stale, and writing counts: each the same text
    with db.engine.connect() as connection:
        counted = sa.select(records._COUNTS.c.doc_id, records._COUNTS.c.cited_by)
        kept = {doc_id: count for doc_id, count in connection.execute(counted)}
        stale = {i for (i,) in connection.execute(STALE)}
    assert len(stale) == 1 + 7 + 900 and "m900-899" in stale
    assert kept["k900-899"] == 900 and kept["k7-0"] == 1


def test_a_recount_writes_what_the_database_counts(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    lib = Library.open(settings, writer=True)
    try:
        lib.add_documents([*HELD, ONCE_T2, TWICE_T2])
        lib.flush()
        lib.add_documents(T1)
        lib.flush()
        with lib.db.engine.begin() as connection:  # every count marked stale, then counted
            connection.execute(sa.update(records._COUNTS).values(stale=True, cited_by=0))
        assert recount_stale(lib.db) == 2
        assert dict(stored_counts(lib.db)) == {"t1": 3, "t2": 2}
        assert cited_by_counts(lib.db, ["t1", "t2"]) == {"t1": 3, "t2": 2}
        with lib.db.engine.connect() as connection:
            assert list(connection.execute(STALE)) == []
    finally:
        lib.close()


def _kept(db: Database) -> tuple[dict[str, int], set[str]]:
    """The counts kept, as they are (no recount), and the stale ones."""
    with db.engine.connect() as connection:
        rows = connection.execute(sa.select(records._COUNTS.c.doc_id, records._COUNTS.c.cited_by))
        kept = {doc_id: count for doc_id, count in rows}
        return kept, {i for (i,) in connection.execute(STALE)}


def test_citers_coming_and_going_move_the_counts_without_a_recount(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crawl's flushes between commits leave each cited sentence's count exact and no
    row stale: each citer moves the counts of what it names by one (the old code marked
    them stale, to be counted again from every citing row at the next commit)."""
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    lib = Library.open(settings, writer=True)
    try:
        lib.add_documents(ALL_HELD)
        lib.flush()
        due = lib.store.commit_due  # type: ignore[attr-defined]
        citers: dict[str, Sentencia] = {}
        recounted: list[int] = []
        counting = records.recount_stale

        def recount(db: Database) -> int:
            recounted.append(counting(db))
            return recounted[-1]

        monkeypatch.setattr(library_module, "recount_stale", recount)
        for start in range(0, 48, 12):
            batch = _citers(12, start)
            citers.update({doc.id: doc for doc in batch})
            lib.add_documents(batch)
            assert not due()
            lib.flush(wait=False)
            kept, stale = _kept(lib.db)
            assert stale == set()
            assert kept == _expected(ALL_HELD, list(citers.values()))
        # citers that stop citing, are withheld, or cite under another court
        changed = [
            sentencia("c00001", "2020-01-02", "Sin citas."),
            citers["c00003"].model_copy(update={"privacy": WITHHELD}),
            sentencia("c00000", "2020-01-01", CITED[2]),
        ]
        citers.update({doc.id: doc for doc in changed})
        lib.add_documents(changed)
        lib.flush(wait=False)
        kept, stale = _kept(lib.db)
        assert stale == set()
        assert kept == _expected(ALL_HELD, list(citers.values()))
        assert sum(recounted) == 0  # nothing was left to count again
        lib.flush()
        everyone = [doc.id for doc in ALL_HELD]
        assert dict(stored_counts(lib.db)) == _expected(ALL_HELD, list(citers.values()))
        assert cited_by_counts(lib.db, everyone) == _expected(ALL_HELD, list(citers.values()))
    finally:
        lib.close()
