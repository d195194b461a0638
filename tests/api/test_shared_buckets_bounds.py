"""The shared budgets under an unknown caller's pressure: calls from a new address each
(a botnet, an IPv6 prefix's /64s) leave neither rows in the database nor buckets in a
process's memory once they are idle, whether or not anyone reads the public pages (whose
counters used to be the only cleanup); and a clock that ran ahead (another machine's, or
this one's before it was set back) never locks a key out until the clocks meet."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, func, select

from api.ratelimit import FORGET_EVERY, SWEEP_AT, SharedBuckets, TokenBuckets
from indexer.db.access_tables import RateLimitRow
from indexer.db.database import Database


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(RateLimitRow)) or 0


def _engine(database_url: str) -> Engine:
    Database(database_url).close()  # the tables
    return create_engine(database_url)


def test_buckets_of_addresses_seen_once_do_not_pile_up(database_url: str) -> None:
    engine = _engine(database_url)
    clock = Clock(1_800_000_000)
    writes = SharedBuckets(engine, "writes-addr", 5, clock=clock)
    for minute in range(6):
        for n in range(4 * FORGET_EVERY):  # each a new address, once
            assert writes.take(f"198.51.{minute}.{n}") == 0
        clock.now += 60
    # rows of the last two minutes or so stay (their debt still counts); older ones went
    assert _rows(engine) <= 3 * 4 * FORGET_EVERY
    # a budget still holds
    assert [writes.take("203.0.113.7") == 0 for _ in range(6)] == [True] * 5 + [False]
    engine.dispose()


def test_a_process_forgets_refilled_buckets() -> None:
    clock = Clock(0.0)
    buckets = TokenBuckets(5, clock=clock)
    for n in range(20 * SWEEP_AT):
        buckets.take(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}")
        clock.now += 0.1  # a bucket refills in a minute: 600 calls later
    assert len(buckets._buckets) <= 2 * SWEEP_AT
    # a bucket in use is not forgotten
    assert [buckets.take("10.0.0.1") == 0 for _ in range(6)] == [True] * 5 + [False]


def test_a_clock_that_ran_ahead_does_not_lock_a_key_out(database_url: str) -> None:
    engine = _engine(database_url)
    now = 1_800_000_000
    ahead = SharedBuckets(engine, "writes-key", 5, clock=Clock(now + 3600))
    here_clock = Clock(now)
    here = SharedBuckets(engine, "writes-key", 5, clock=here_clock)
    assert [ahead.take("ea_k1") == 0 for _ in range(6)] == [True] * 5 + [False]
    assert here.take("ea_k1") > 0  # spent: the budget is shared
    here_clock.now += 61  # a minute later by this machine's clock, the budget is back
    assert here.take("ea_k1") == 0
    engine.dispose()
