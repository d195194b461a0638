"""The shared counters behind the read limits: one row per bucket, the requests it spent
in its current fixed window. API processes add what they counted locally in one short
transaction (one upsert per bucket, sent as one batch, then one read of the totals) and
learn what every process has spent."""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, bindparam, case, create_engine, delete, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from indexer.db.access_tables import RateLimitRow

log = logging.getLogger(__name__)
_TABLE = RateLimitRow.__table__
# How long a settlement waits for SQLite's write lock: a busy database makes it give up
# (its counts are kept for the next one), never makes a reader wait.
SQLITE_WAIT_MS = 250
BUCKETS_PER_READ = 500  # well under both databases' parameter limits


def _short_wait(dbapi_connection: Any, _record: Any) -> None:
    """Short lock waits; and no sync to disk at each commit (WAL, ``synchronous=NORMAL``):
    a counter lost in a power cut costs a few reads, a sync per settlement costs ms."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_WAIT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def counter_engine(url: str) -> Engine:
    """An engine of its own for the counters: small pool, short lock waits."""
    if url.startswith("sqlite"):
        engine = create_engine(url, pool_size=2, max_overflow=2)
        event.listen(engine, "connect", _short_wait)
        return engine
    # no wait for the commit's flush to disk either (as SQLite's ``synchronous=NORMAL``):
    # a crash may lose a moment's counts, never the database's consistency
    return create_engine(
        url,
        pool_size=2,
        max_overflow=2,
        connect_args={
            "options": "-c lock_timeout=1000 -c statement_timeout=2000 -c synchronous_commit=off"
        },
    )


@functools.cache
def _upsert(dialect: str) -> Any:
    """Add ``spent`` to the bucket's window; a newer window wins over an older one. Made
    once per dialect (a statement is immutable, and built again at every settlement it
    was 55% of the settlement's CPU: 0.8 of 1.4 ms, a settlement every 50 reads of a
    bucket or every half second)."""
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = make(_TABLE).values(
        bucket=bindparam("b_bucket"),
        window_start=bindparam("b_window"),
        spent=bindparam("b_spent"),
    )
    current, new = _TABLE.c, stmt.excluded
    return stmt.on_conflict_do_update(
        index_elements=[current.bucket],
        set_={
            "spent": case(
                (current.window_start == new.window_start, current.spent + new.spent),
                (current.window_start > new.window_start, current.spent),
                else_=new.spent,
            ),
            "window_start": case(
                (current.window_start > new.window_start, current.window_start),
                else_=new.window_start,
            ),
        },
    )


_TOTALS = select(_TABLE.c.bucket, _TABLE.c.window_start, _TABLE.c.spent).where(
    _TABLE.c.bucket.in_(bindparam("buckets", expanding=True))
)


def add_spent(
    engine: Engine, counts: Mapping[str, tuple[int, int]], forget_before: int | None = None
) -> dict[str, tuple[int, int]]:
    """Add ``{bucket: (window, spent)}`` in one transaction; return each bucket's
    ``(window, total spent)`` as every process has settled it. ``forget_before`` also
    deletes buckets whose window began earlier (addresses seen once stay no longer).
    Raises SQLAlchemyError (a locked database, say): nothing was added then."""
    if not counts:
        return {}
    names = sorted(counts)  # one lock order in every process
    rows = [{"b_bucket": n, "b_window": counts[n][0], "b_spent": counts[n][1]} for n in names]
    totals: dict[str, tuple[int, int]] = {}
    with engine.begin() as connection:
        if forget_before is not None:
            connection.execute(delete(_TABLE).where(_TABLE.c.window_start < forget_before))
        connection.execute(_upsert(engine.dialect.name), rows)
        for start in range(0, len(names), BUCKETS_PER_READ):
            chunk = names[start : start + BUCKETS_PER_READ]
            for bucket, window, spent in connection.execute(_TOTALS, {"buckets": chunk}):
                totals[bucket] = (int(window), int(spent))
    return totals


def try_add_spent(
    engine: Engine, counts: Mapping[str, tuple[int, int]], forget_before: int | None = None
) -> dict[str, tuple[int, int]] | None:
    """``add_spent``, or None when the database would not take it now."""
    try:
        return add_spent(engine, counts, forget_before)
    except (SQLAlchemyError, sqlite3.Error) as exc:
        log.warning("rate-limit counters not settled (kept for the next try): %s", exc)
        return None
