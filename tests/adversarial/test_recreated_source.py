"""A source deleted and registered again under its id, while the worker crawls it. A new
source was due at once, so each delete and register (two writes: fifteen a minute)
started another crawl of the same site: the worker, keeping one crawl per source id,
lost track of the one before, which ran on with no time limit and no slot counted, so
one institution could fill the worker with crawls and bypass the hour between crawls of
a source. Now deleting a source stops its crawl, and one registered again under an id
that was crawled waits the hour, as asking for a crawl does."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from crawlers.worker import Worker
from tests.adversarial.service import gaceta_spec, open_api

SOURCE = "pj-gto-gaceta"
MARK = "crawl-de-prueba-hD"


def _crawls() -> list[int]:
    """Ids of this test's pretend crawls still alive (children of this process)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if MARK.encode() in cmdline and int(stat[1]) == os.getpid() and stat[0] != "Z":
            alive.append(int(entry.name))
    return alive


def _until_stopped(deadline_s: float = 30) -> list[int]:
    ends = time.monotonic() + deadline_s
    while (alive := _crawls()) and time.monotonic() < ends:
        time.sleep(0.2)
    return alive


def test_deleting_and_registering_again_starts_no_second_crawl(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data", write_rate_per_minute=1000)
    spec = gaceta_spec(SOURCE)
    assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
    sleeper = [sys.executable, "-c", f"import time; time.sleep(300)  # {MARK}"]
    worker = Worker(api.settings, concurrency=4, crawl_command=lambda _: sleeper,
                    deliver_alerts=False)  # fmt: skip
    try:
        assert worker.start_due() == [SOURCE]
        started = api.library.db.start_run(SOURCE)  # as the crawl records its run
        [run] = api.library.db.list_runs(SOURCE, limit=1)
        for _ in range(3):
            deleted = api.client.delete(f"/v1/sources/{SOURCE}", headers=api.headers)
            assert deleted.status_code == 204
            again = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert again.status_code == 201
            worker.reap()
            assert worker.start_due() == []
        assert _until_stopped() == []
        worker.reap()
        assert worker.running == {}
        shown = api.client.get(f"/v1/sources/{SOURCE}", headers=api.headers).json()
        next_run = dt.datetime.fromisoformat(shown["next_run_at"])
        assert next_run >= run.started_at.replace(tzinfo=dt.UTC) + dt.timedelta(hours=1)
        [closed] = [r for r in api.library.db.list_runs(SOURCE) if r.id == started]
        assert closed.status == "abandoned" and "eliminó" in (closed.message or "")
    finally:
        for running in worker.running.values():
            running.process.kill()
            running.process.wait(30)
        for pid in _crawls():
            os.kill(pid, 9)
        worker.db.close()
        api.close()
