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

import math
from typing import Any

from sqlalchemy import Engine, case, literal, select
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
    rate = per_window  # debt units repaid a second
    units = min(capacity, max(1, math.ceil(cost * window_s)))
    current = _TABLE.c
    now = literal(now_s)
    idle = case(
        (current.window_start >= now, 0),
        (current.window_start < now - window_s, window_s),  # bounded: no overflow
        else_=now - current.window_start,
    )
    repaid = current.spent - idle * rate
    debt = case((repaid > 0, repaid), else_=0)
    make: Any = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    stmt = make(_TABLE).values(bucket=bucket, window_start=now_s, spent=units)
    stmt = stmt.on_conflict_do_update(
        index_elements=[current.bucket],
        set_={
            "spent": debt + units,
            "window_start": case((current.window_start > now, current.window_start), else_=now),
        },
        where=debt + units <= capacity,
    ).returning(current.spent)
    with engine.begin() as connection:
        if connection.execute(stmt).first() is not None:
            return 0.0
        owed = connection.execute(select(debt).where(current.bucket == bucket)).scalar()
    missing = (owed or 0) + units - capacity
    return max(1.0, missing / rate)
