"""Token buckets every API process spends from: one ``rate_limits`` row per bucket, taken
in one statement (an upsert that only updates while the bucket holds enough), so P
processes, or several machines on PostgreSQL, admit exactly what one would.

A row keeps the bucket's debt (``spent``, in 1/``window_s`` tokens, so a second refills
``per_window`` of them: whole numbers, no rounding) and the second it was last spent
(``window_start``), by the clock of the process that spent. The debt of a bucket unused
for a whole window is zero, so deleting rows older than a window loses nothing: the public
read counters do (``rate_limits.add_spent``), and so does ``forget_idle``, a bounded batch
at a time, so buckets of addresses seen once (one a request, from many addresses) never
pile up whether or not anyone reads. The cost is one short write transaction per request.

A clock that ran ahead (another machine's, or this one's before it was set back) never
freezes a bucket: a spend that finds the bucket's second in its future counts from its
own now. Machines whose clocks disagree may admit a little more than the budget, never
lock a key out until the clocks meet.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from sqlalchemy import Engine, Integer, bindparam, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from indexer.db.access_tables import RateLimitRow

_TABLE = RateLimitRow.__table__
MAX_WINDOW_S = 60  # longer windows would lose debt to the counters' cleanup
IDLE_AFTER_S = 2 * MAX_WINDOW_S  # a row this old holds no debt (nor a read counter's)


def spend(
    engine: Engine, bucket: str, now_s: int, per_window: int, window_s: int, cost: float = 1
) -> float:
    """Spend ``cost`` tokens of ``bucket`` (``per_window`` tokens refilled over
    ``window_s`` seconds); 0 when allowed, else the seconds until they would be. Raises
    SQLAlchemyError when the database will not answer (locked, gone)."""
    assert 0 < window_s <= MAX_WINDOW_S
    capacity = per_window * window_s  # debt units
    units = min(capacity, max(1, math.ceil(cost * window_s)))
    values = {
        "t_bucket": bucket, "t_now": now_s, "t_units": units, "t_rate": per_window,
        "t_window": window_s, "t_capacity": capacity,
    }  # fmt: skip
    with engine.begin() as connection:
        if connection.execute(_take(engine.dialect.name), values).first() is not None:
            return 0.0
        owed, start = connection.execute(_OWED, values).first() or (0, now_s)
        if start > now_s:  # set by a clock ahead of ours: count from our now
            connection.execute(_REBASE, values)
    missing = (owed or 0) + units - capacity
    return max(1.0, missing / per_window)


_current = _TABLE.c
_now = bindparam("t_now", type_=Integer)
_window = bindparam("t_window", type_=Integer)
_idle = case(
    (_current.window_start >= _now, 0),
    (_current.window_start < _now - _window, _window),  # bounded: no overflow
    else_=_now - _current.window_start,
)
_repaid = _current.spent - _idle * bindparam("t_rate", type_=Integer)
_DEBT = case((_repaid > 0, _repaid), else_=0)
_OWED = select(_DEBT, _current.window_start).where(_current.bucket == bindparam("t_bucket"))
_REBASE = (
    update(_TABLE)
    .where(_current.bucket == bindparam("t_bucket"), _current.window_start > _now)
    .values(window_start=_now)
)


def forget_idle(engine: Engine, now_s: int, most: int) -> int:
    """Delete at most ``most`` rows untouched for ``IDLE_AFTER_S`` (no debt, no count of a
    current window): one short transaction, however many rows wait. How many went."""
    stale = select(_current.bucket).where(_current.window_start < now_s - IDLE_AFTER_S).limit(most)
    with engine.begin() as connection:
        return connection.execute(delete(_TABLE).where(_current.bucket.in_(stale))).rowcount


@functools.cache
def _take(dialect: str) -> Any:
    """The upsert that spends: it inserts a new bucket, updates one that holds enough,
    and returns no row (touching nothing) when the bucket does not."""
    make: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    units = bindparam("t_units", type_=Integer)
    stmt = make(_TABLE).values(bucket=bindparam("t_bucket"), window_start=_now, spent=units)
    return stmt.on_conflict_do_update(
        index_elements=[_current.bucket],
        set_={
            "spent": _DEBT + units,
            "window_start": _now,
        },
        where=_DEBT + units <= bindparam("t_capacity", type_=Integer),
    ).returning(_current.spent)
