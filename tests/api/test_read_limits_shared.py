"""The read limits hold across API processes: two apps over one database (SQLite and
PostgreSQL) are held to one limit within the documented slack, and a locked SQLite
database never turns a read into an error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from config.settings import Settings
from indexer.db.access_tables import RateLimitRow
from indexer.library import Library
from tests.api.read_limits import StillClock, client_from, limited_app, settings_for

SEARCH = "/v1/search/syntax"
LIMIT = 40


@pytest.fixture
def shared(tmp_path: Path, database_url: str) -> Iterator[tuple[Library, Settings]]:
    settings = settings_for(
        tmp_path / "data",
        database_url,
        read_limit_anonymous=LIMIT,
        read_limit_settle_requests=50,
        read_limit_settle_s=30,  # only full batches settle: the worst case for the slack
    )
    library = Library.open(settings)
    yield library, settings
    library.close()


def test_two_apps_on_one_database_share_one_limit(shared: tuple[Library, Settings]) -> None:
    library, settings = shared
    clock = StillClock()
    apps = [limited_app(library, settings, clock) for _ in range(2)]
    clients = [client_from(app) for app in apps]
    batch = apps[0].state.read_counter.batch(LIMIT)
    assert batch == 4  # a tenth of the limit
    admitted = 0
    refused = [False, False]
    for turn in range(4 * LIMIT):
        which = turn % 2
        if refused[which]:
            continue
        answer = clients[which].get(SEARCH)
        if answer.status_code == 200:
            admitted += 1
        else:
            assert answer.status_code == 429
            refused[which] = True
        if all(refused):
            break
    assert all(refused)
    # one process alone would stop at LIMIT; each further one may add one unsettled batch
    assert LIMIT <= admitted <= LIMIT + (len(apps) - 1) * batch
    # alone, each app would have admitted the whole limit: together they did not
    assert admitted < 2 * LIMIT


def test_a_new_process_learns_what_the_others_spent(shared: tuple[Library, Settings]) -> None:
    library, settings = shared
    clock = StillClock()
    first = client_from(limited_app(library, settings, clock))
    while first.get(SEARCH).status_code == 200:
        pass
    with library.db.session() as s:
        spent = s.scalar(select(RateLimitRow.spent).where(RateLimitRow.bucket.like("addr:%")))
    assert spent == LIMIT
    later = client_from(limited_app(library, settings, clock))
    answers = [later.get(SEARCH).status_code for _ in range(6)]
    # the newcomer admits at most one batch before it settles and sees the limit spent
    assert answers.count(200) <= 4 and answers[-1] == 429


def test_a_locked_sqlite_database_never_fails_a_read(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path / "data", read_limit_anonymous=30, read_limit_settle_requests=1
    )
    library = Library.open(settings)
    try:
        client = client_from(limited_app(library, settings, StillClock()))
        holder = sqlite3.connect(tmp_path / "data" / "abierto.db")
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        try:
            answers = [client.get(SEARCH) for _ in range(5)]
        finally:
            holder.rollback()
            holder.close()
        assert [a.status_code for a in answers] == [200] * 5
        assert [a.headers["RateLimit-Remaining"] for a in answers] == ["29", "28", "27", "26", "25"]
        counter = client.app.state.read_counter
        counter.clock.now += counter.settle_s  # past the pause after a refused settlement
        assert client.get(SEARCH).headers["RateLimit-Remaining"] == "24"
        with library.db.session() as s:
            assert s.scalar(select(RateLimitRow.spent)) == 6  # nothing counted was lost
    finally:
        library.close()
