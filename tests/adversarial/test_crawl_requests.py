"""``POST /v1/sources/{id}/crawl`` asks for a crawl now, and a registered source is crawled
at most once an hour (``schedule.every_hours`` is at least 1: the worker's slots are every
institution's). Asking again after each crawl ended bypassed that: one institution's
sources were crawled back to back, for as long as it kept asking. A crawl asked within an
hour of the last one's start is kept and runs an hour after that start (``next_run_at``
says when); one asked later runs at once, as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from indexer.db.tables import CrawlRunRow
from tests.adversarial.service import Api, listing_spec, open_api

SOURCE = "pj-gto-prueba"


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    made = open_api(tmp_path / "data")
    created = made.client.post("/v1/sources", json=listing_spec("http://127.0.0.1:9/"),
                               headers=made.headers)  # fmt: skip
    assert created.status_code == 201, created.text
    yield made
    made.close()


def _ran(api: Api, ago: dt.timedelta) -> dt.datetime:
    """A finished crawl of the source that started ``ago``."""
    run = api.library.db.start_run(SOURCE)
    api.library.db.finish_run(run, "ok", {"pages": 1}, {})
    started = dt.datetime.now(dt.UTC) - ago
    with api.library.db.session() as s, s.begin():
        s.execute(update(CrawlRunRow).where(CrawlRunRow.id == run).values(started_at=started))
    return started


def _due_now(api: Api) -> list[str]:
    rows = api.registry.claim_due("prueba", dt.timedelta(minutes=5), 10)
    return [row.id for row in rows]


def test_a_crawl_asked_right_after_one_waits_for_the_hour(api: Api) -> None:
    started = _ran(api, dt.timedelta(minutes=10))
    asked = api.client.post(f"/v1/sources/{SOURCE}/crawl", headers=api.headers)
    assert asked.status_code == 202, asked.text
    next_run = dt.datetime.fromisoformat(asked.json()["next_run_at"].replace("Z", "+00:00"))
    assert abs(next_run - (started + dt.timedelta(hours=1))) < dt.timedelta(seconds=5)
    assert asked.json()["crawl_requested_at"]
    assert _due_now(api) == []


def test_a_crawl_asked_an_hour_after_the_last_runs_at_once(api: Api) -> None:
    _ran(api, dt.timedelta(hours=2))
    asked = api.client.post(f"/v1/sources/{SOURCE}/crawl", headers=api.headers)
    assert asked.status_code == 202, asked.text
    assert _due_now(api) == [SOURCE]
