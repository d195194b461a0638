"""Token buckets every API process spends from: one ``rate_limits`` row per bucket, taken
in one statement (an upsert that only updates while the bucket holds enough), so P
processes, or several machines on PostgreSQL, admit exactly what one would.

A row keeps the bucket's debt (``spent``, in 1/``window_s`` tokens, so a second refills
``per_window`` of them: whole numbers, no rounding) and the second it was last spent
(``window_start``). The debt of a bucket unused for a whole window is zero, so the public
read counters deleting rows older than a minute (``rate_limits.add_spent``) loses nothing
for buckets of a minute or less. The cost is one short write transaction per request.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from sqlalchemy import Engine, Integer, bindparam, case, select
from sqlalchemy.dialects import postgresql, sqlite

from indexer.db.access_tables import RateLimitRow

_TABLE = RateLimitRow.__table__
MAX_WINDOW_S = 60  # longer windows would lose debt to the counters' cleanup


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
        owed = connection.execute(_OWED, values).scalar()
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
_OWED = select(_DEBT).where(_current.bucket == bindparam("t_bucket"))


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
            "window_start": case((_current.window_start > _now, _current.window_start), else_=_now),
        },
        where=_DEBT + units <= bindparam("t_capacity", type_=Integer),
    ).returning(_current.spent)
