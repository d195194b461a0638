"""A robots.txt ``Crawl-delay`` was read by nobody: Scrapy's check reads only Allow and
Disallow, and AutoThrottle lowers the pace after quick answers. Now each request to the
site starts at least the asked delay after the one before, up to
``ABIERTO_MAX_CRAWL_DELAY_S`` (a site asking for an hour would stop the crawl), and the
run's health says the delay and, when it was shortened, to what."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje, label
from indexer.db import Database
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-pausado
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
"""
NUMBERS = (100, 101, 102, 103)
ROWS = "".join(
    f'<tr class="fila"><td class="exp">{n}/2024</td><td><a href="s-{n}.html">ver</a></td></tr>'
    for n in NUMBERS
)
PAGES = {
    "/listado.html": f"<html><body><table>{ROWS}</table></body></html>",
    **{
        f"/s-{n}.html": f"<html><body><h1>Sentencia {n}</h1><p>Arrendamiento {n}.</p></body></html>"
        for n in NUMBERS
    },
}


class Site:
    def __init__(self, robots: str) -> None:
        self.robots = robots
        self.starts: list[float] = []  # monotonic time of each page request


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                body, kind = site.robots.encode(), "text/plain"
            elif self.path in PAGES:
                site.starts.append(time.monotonic())
                body, kind = PAGES[self.path].encode(), "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, Site]]:
    site = Site(request.param)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _crawl(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    monkeypatch.setenv("ABIERTO_OBEY_ROBOTS", "true")
    monkeypatch.setenv("ABIERTO_MAX_CRAWL_DELAY_S", "1.5")
    result = run_crawl(tmp_path / "data", url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        assert sorted(d.expediente for d in db.iter_documents()) == [f"{n}/2024" for n in NUMBERS]
        return db.list_runs("juzgado-pausado")[0].errors
    finally:
        db.close()


def _gaps(site: Site) -> list[float]:
    starts = sorted(site.starts)
    assert len(starts) == 1 + len(NUMBERS)
    return [b - a for a, b in itertools.pairwise(starts)]


@pytest.mark.parametrize(
    "served", ["User-agent: *\nCrawl-delay: 1\nDisallow: /privado/\n"], indirect=True
)
def test_a_crawl_delay_spaces_every_request_to_the_site(
    tmp_path: Path, served: tuple[str, Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, site = served
    errors = _crawl(tmp_path, url, monkeypatch)
    assert min(_gaps(site)) >= 0.95, _gaps(site)
    [example] = errors["crawl_delay"]["examples"]
    assert example["url"] == f"{url}/robots.txt"
    assert label("crawl_delay") == "robots.txt pide esperar entre peticiones (Crawl-delay)"
    assert error_mensaje("crawl_delay", example["message"]) == (
        "el robots.txt del sitio pide esperar 1 s entre una petición y la siguiente: así se hizo"
    )


@pytest.mark.parametrize(
    "served", ["User-agent: EstadoAbiertoBot\nCrawl-delay: 3600\n"], indirect=True
)
def test_a_crawl_delay_past_the_bound_is_waited_the_bound_and_said(
    tmp_path: Path, served: tuple[str, Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, site = served
    started = time.monotonic()
    errors = _crawl(tmp_path, url, monkeypatch)
    assert time.monotonic() - started < 60
    gaps = _gaps(site)
    assert min(gaps) >= 1.45, gaps
    assert max(gaps) < 10, gaps
    [example] = errors["crawl_delay"]["examples"]
    assert error_mensaje("crawl_delay", example["message"]) == (
        "el robots.txt del sitio pide esperar 3600 s entre una petición y la siguiente: "
        "se esperaron 1,5 s, el máximo que permite ABIERTO_MAX_CRAWL_DELAY_S"
    )


@pytest.mark.parametrize("served", ["User-agent: otrobot\nCrawl-delay: 30\n"], indirect=True)
def test_another_robots_crawl_delay_is_not_ours(
    tmp_path: Path, served: tuple[str, Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _site = served
    assert _crawl(tmp_path, url, monkeypatch) == {}
