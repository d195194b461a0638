"""A crawl killed with SIGKILL leaves its run `running`; the next crawl closes it as
abandoned, and nothing the killed crawl saved is lost."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from crawlers.runs import close_abandoned_runs, why_abandoned
from indexer.db import Database
from tests.adversarial.abierto import REPO
from tests.e2e.helpers import run_crawl
from tests.http_thread import serving_handler

SPEC = """
id: mapa-lento
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/sitemap.xml"]
detail:
  fields: {title: "css:h1::text"}
"""
DOCS = 30


class _Pages(BaseHTTPRequestHandler):
    """A sitemap and its documents; documents answer slowly while ``slow`` is set."""

    slow = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>doc-{n}.html</loc></url>" for n in range(DOCS))
            body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            kind = "application/xml"
        elif self.path.startswith("/doc-"):
            if self.slow.is_set():
                time.sleep(1.0)
            n = self.path.removeprefix("/doc-").removesuffix(".html")
            body = f"<html><body><h1>Iniciativa {n}</h1><p>Reforma número {n}.</p></body></html>"
            kind = "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _slow_site() -> Iterator[str]:
    with serving_handler(_Pages) as url:
        yield url


def _saved(db_path: Path) -> int:
    """Documents saved so far (0 while the database or its schema is not there yet)."""
    if not db_path.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(db_path, timeout=1)) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _wait_for(condition: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError("condition not reached in time")


def test_a_crawl_killed_with_sigkill_is_closed_by_the_next_crawl(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SPEC)
    data = tmp_path / "data"
    db_path = data / "abierto.db"
    _Pages.slow.set()  # one document a second: the crawl is killed midway
    with _slow_site() as url:
        env = os.environ | {
            "ABIERTO_DATA_DIR": str(data),
            "ABIERTO_SAMPLES_URL": url,
            "ABIERTO_SOURCES_DIR": str(specs),
            "ABIERTO_ALLOW_LOOPBACK": "true",
            "ABIERTO_CRAWL_DELAY_S": "0",
            "ABIERTO_CONCURRENCY_PER_DOMAIN": "1",
        }
        env.pop("ABIERTO_DATABASE_URL", None)
        slow = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "crawl"], env=env, cwd=REPO,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_for(lambda: _saved(db_path) >= 2)  # the crawl made the schema: read it raw
            os.kill(slow.pid, signal.SIGKILL)
            slow.wait(timeout=30)
        finally:
            if slow.poll() is None:
                slow.kill()
        db = Database(f"sqlite:///{db_path}")
        [killed] = db.list_runs("mapa-lento")
        assert killed.status == "running"  # what kill -9 leaves behind
        assert killed.owner == f"{socket.gethostname()}:{slow.pid}"
        kept = db.count_documents()
        assert 2 <= kept < DOCS

        _Pages.slow.clear()
        result = run_crawl(data, url, sources_dir=specs)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 ejecución de un rastreo terminado a la fuerza: abandonada" in result.stdout
    runs = {run.id: run for run in db.list_runs("mapa-lento")}
    assert runs[killed.id].status == "abandoned"
    assert f"el proceso {slow.pid}" in (runs[killed.id].message or "")
    assert runs[killed.id].finished_at is not None
    [latest] = [run for run in runs.values() if run.id != killed.id]
    assert latest.status == "ok"
    assert db.count_documents() == DOCS  # nothing the killed crawl saved was lost or doubled
    db.close()


def test_runs_elsewhere_are_judged_by_their_heartbeat(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    now = dt.datetime.now(dt.UTC)
    alive_here = db.start_run("a", f"{socket.gethostname()}:{os.getpid()}")
    fresh_elsewhere = db.start_run("b", "otra-maquina:4242")
    stale_elsewhere = db.start_run("c", "otra-maquina:4343")
    legacy = db.start_run("d")  # opened before owners were recorded: left alone
    with db.session() as s, s.begin():
        from indexer.db.tables import CrawlRunRow

        s.get(CrawlRunRow, stale_elsewhere).heartbeat_at = now - dt.timedelta(minutes=30)
    assert close_abandoned_runs(db) == [stale_elsewhere]
    statuses = {run.id: run.status for run in db.list_runs()}
    assert statuses == {
        alive_here: "running",
        fresh_elsewhere: "running",
        stale_elsewhere: "abandoned",
        legacy: "running",
    }
    assert why_abandoned("otra-maquina:1", now, now) is None
    db.close()
