"""The worker survives a crawl that dies mid-way: the run is closed as abandoned, the
claim released, and the next crawl completes with no duplicate or half-indexed document."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from config.settings import Settings
from config.specs import load_specs
from crawlers.worker import Worker
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.stores import SearchQuery
from samples.generate import generate
from samples.server import serve

# A crawl that saves one document (not yet indexed) and is then killed.
CRASH = """
import os, sys
from indexer.db import Database
from indexer.models import Sentencia, document_id
db = Database(sys.argv[1])
db.start_run(sys.argv[2])
db.save_document(Sentencia(
    id=document_id(sys.argv[2], sys.argv[3]), title="zxqvtrunco", institution="x",
    jurisdiction="MX-GUA", source_id=sys.argv[2], url=sys.argv[3], text="zxqvtrunco",
))
os.kill(os.getpid(), 9)
"""


def test_a_killed_crawl_is_abandoned_and_the_next_one_completes(tmp_path: Path) -> None:
    manifest = generate(tmp_path / "sites")
    with serve(tmp_path / "sites") as sites:
        settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
        library = Library.open(settings)
        registry = Registry(library.db)
        registry.add_institution("pj-gto", "Poder Judicial de Guanajuato", "court", "MX-GUA")
        catalogue = {s.id: s for s in load_specs()}["tribunal-gto-sentencias"]
        spec = catalogue.model_copy(
            update={"id": "pj-gto-propia", "start_urls": [f"{sites.url}/tribunal/sentencias/"]}
        )
        registry.create_source("pj-gto", spec, reserved=set())
        first_pdf = sites.url_for(manifest.sentencias[0].path)

        crashing = Worker(
            settings,
            name="w-crash",
            crawl_command=lambda source: [
                sys.executable,
                "-c",
                CRASH,
                settings.database,
                source,
                first_pdf,
            ],
        )
        assert crashing.start_due() == ["pj-gto-propia"]
        crashing.running["pj-gto-propia"].process.wait(timeout=60)
        assert crashing.reap() == [("pj-gto-propia", -9)]
        [run] = library.db.list_runs("pj-gto-propia")
        assert run.status == "abandoned"
        row = registry.get_source("pj-gto-propia")
        assert row.claimed_by is None and row.last_success_at is None
        assert library.db.count_pending() == 1

        registry.request_crawl("pj-gto-propia", "pj-gto")
        started = time.monotonic()
        Worker(settings, name="w-ok").run(once=True, poll_s=0.2)
        assert time.monotonic() - started < 120

    runs = library.db.list_runs("pj-gto-propia")
    assert [r.status for r in runs] == ["ok", "abandoned"]
    assert library.db.count_documents("pj-gto-propia") == len(manifest.sentencias)
    assert library.db.count_pending() == 0
    result = library.search(SearchQuery(q="zxqvtrunco", filters={"source_id": ["pj-gto-propia"]}))
    assert result.total == 0
    assert registry.get_source("pj-gto-propia").last_success_at is not None
    library.close()


# A crawl held by something that never yields (as a pathological page or pattern would).
HUNG = """
import signal, sys, time
from indexer.db import Database
signal.signal(signal.SIGTERM, signal.SIG_IGN)
Database(sys.argv[1]).start_run(sys.argv[2])
time.sleep(600)
"""


def test_a_crawl_that_outlives_its_limit_is_stopped_with_its_cause(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", crawl_max_seconds=0.5)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("pj-gto", "Poder Judicial de Guanajuato", "court", "MX-GUA")
    catalogue = {s.id: s for s in load_specs()}["tribunal-gto-sentencias"]
    spec = catalogue.model_copy(update={"id": "pj-gto-lenta"})
    registry.create_source("pj-gto", spec, reserved=set())

    worker = Worker(
        settings,
        name="w-hung",
        grace_s=0.5,
        crawl_command=lambda source: [sys.executable, "-c", HUNG, settings.database, source],
    )
    assert worker.start_due() == ["pj-gto-lenta"]
    deadline = time.monotonic() + 60
    while not library.db.list_runs("pj-gto-lenta") and time.monotonic() < deadline:
        time.sleep(0.1)  # the crawl has begun (and ignores SIGTERM) once its run exists
    finished: list[tuple[str, int]] = []
    while not finished and time.monotonic() < deadline:
        time.sleep(0.3)
        finished = worker.reap()
    assert finished and finished[0][0] == "pj-gto-lenta"
    assert finished[0][1] == -9  # it ignored the request to stop, so it was killed
    [run] = library.db.list_runs("pj-gto-lenta")
    assert run.status == "abandoned"
    assert run.message.startswith("crawl_timeout")
    assert registry.get_source("pj-gto-lenta").claimed_by is None
    library.close()


def test_scheduled_crawls_are_told_their_time_limit(tmp_path: Path) -> None:
    worker = Worker(Settings(data_dir=tmp_path / "data", crawl_max_seconds=1800))
    command = worker.crawl_command("pj-gto-x")
    assert command[command.index("--max-seconds") + 1] == "1800"
