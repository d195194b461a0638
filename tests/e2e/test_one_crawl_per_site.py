"""Real crawls through the worker: two sources on one court's server are never crawled
at once (each obeying its own robots.txt pace still doubled the load, and a server that
blocks a crawler blocks it for every source), while sources on two servers still are.
The servers note when each request started and ended; each crawl's first request
(robots.txt) is held until another crawl's arrives (or ``HOLD_S``), so crawls that run
at once always overlap there, however the machine schedules them."""

from __future__ import annotations

import itertools
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from config.settings import Settings
from config.specs import SourceSpec, load_specs
from crawlers.worker import Worker
from indexer.db.registry import Registry
from indexer.library import Library
from samples.background import BackgroundServer
from samples.generate import generate
from samples.server import _Handler, _Server

HOLD_S = 15.0
Span = tuple[float, float, str]


class _Gate:
    """Each robots.txt request waits until a second one has arrived, at most HOLD_S."""

    def __init__(self) -> None:
        self.arrived = 0
        self.changed = threading.Condition()

    def first_request(self) -> None:
        with self.changed:
            self.arrived += 1
            self.changed.notify_all()
            self.changed.wait_for(lambda: self.arrived >= 2, timeout=HOLD_S)


class _Recording(_Handler):
    server: _Site

    def do_GET(self) -> None:
        started = time.monotonic()
        try:
            if urlsplit(self.path).path == "/robots.txt":
                self.server.gate.first_request()
            super().do_GET()
        finally:
            with self.server.lock:
                self.server.spans.append((started, time.monotonic(), self.path))


class _Site(_Server):
    def __init__(self, host: str, root: Path, gate: _Gate) -> None:
        super().__init__((host, 0), root)
        self.RequestHandlerClass = _Recording
        self.gate = gate
        self.spans: list[Span] = []


def _crawl(tmp_path: Path, database_url: str, homes: dict[str, BackgroundServer]) -> Library:
    """Register one sentencias source per ``homes`` entry (id → its server) and let a
    worker with two slots crawl every due one."""
    settings = Settings(
        data_dir=tmp_path / "data", database_url=database_url, allow_loopback=True,
        crawl_delay_s=0, concurrency_per_domain=1, download_timeout_s=120,
    )  # fmt: skip
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("pj-gto", "Poder Judicial de Guanajuato", "court", "MX-GUA")
    catalogue: SourceSpec = {s.id: s for s in load_specs()}["tribunal-gto-sentencias"]
    for source_id, home in homes.items():
        start = f"{home.url}/tribunal/sentencias/index.html"
        spec = catalogue.model_copy(update={"id": source_id, "start_urls": [start]})
        registry.create_source("pj-gto", spec, reserved=set())
    worker = Worker(
        settings,
        concurrency=2,
        name="w-sitios",
        align_command=[sys.executable, "-c", "pass"],
        deliver_alerts=False,
    )
    worker.run(once=True, poll_s=0.2)
    return library


def _overlaps(first: list[Span], second: list[Span]) -> list[tuple[Span, Span]]:
    return [(a, b) for a in first for b in second if a[0] < b[1] and b[0] < a[1]]


def test_two_sources_on_one_site_never_fetch_at_once(tmp_path: Path, database_url: str) -> None:
    """Before: both crawls ran together, their requests interleaved on the server."""
    generate(tmp_path / "sites")
    gate = _Gate()
    site = _Site("127.0.0.1", tmp_path / "sites", gate)
    with BackgroundServer(site, name="sitio") as home:
        library = _crawl(tmp_path, database_url, {"pj-gto-salas": home, "pj-gto-juzgados": home})
    try:
        for source_id in ("pj-gto-salas", "pj-gto-juzgados"):
            assert [r.status for r in library.db.list_runs(source_id)] == ["ok"]
        kept = [library.db.count_documents(s) for s in ("pj-gto-salas", "pj-gto-juzgados")]
        assert sum(kept) > 0  # (the second finds the first's documents)
        spans = sorted(site.spans)
        assert sum(path == "/robots.txt" for _, _, path in spans) == 2  # two crawls
        crossing = [(a, b) for a, b in itertools.pairwise(spans) if b[0] < a[1]]
        assert crossing == []
    finally:
        library.close()


def test_sources_on_two_sites_still_crawl_at_once(tmp_path: Path) -> None:
    """The worker's two slots go to sources on two servers (the hosts 127.0.0.1 and
    127.0.0.2) together: their requests overlap."""
    generate(tmp_path / "sites")
    gate = _Gate()
    first = _Site("127.0.0.1", tmp_path / "sites", gate)
    second = _Site("127.0.0.2", tmp_path / "sites", gate)
    with BackgroundServer(first, name="uno") as one, BackgroundServer(second, name="dos") as two:
        database = f"sqlite:///{tmp_path / 'abierto.db'}"
        library = _crawl(tmp_path, database, {"pj-gto-salas": one, "pj-gto-juzgados": two})
    try:
        for source_id in ("pj-gto-salas", "pj-gto-juzgados"):
            assert [r.status for r in library.db.list_runs(source_id)] == ["ok"]
        assert _overlaps(first.spans, second.spans)
    finally:
        library.close()
