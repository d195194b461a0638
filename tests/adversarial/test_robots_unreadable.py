"""A robots.txt that cannot be read (a silent site, a redirect loop, a file too large)
printed Scrapy's traceback on the crawl's stderr and was counted nowhere; now it is a
run error under its true cause, with the robots.txt address, and the crawl goes on
without the site's rules, as Scrapy's policy has it. A robots.txt that answers 5xx or
holds binary garbage is read as having no rules: the documents are still crawled."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from indexer.db import Database
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-robots
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
ROWS = "".join(
    f'<tr class="fila"><td class="exp">{n}/2024</td><td><a href="s-{n}.html">ver</a></td></tr>'
    for n in (100, 101)
)
PAGES = {
    "/listado.html": f"<html><body><table>{ROWS}</table></body></html>",
    **{
        f"/s-{n}.html": f"<html><body><h1>Sentencia {n}</h1><p>Arrendamiento {n}.</p></body></html>"
        for n in (100, 101)
    },
}


def _handler(mode: str, stop: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {"Content-Type": "text/html"}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.startswith(("/robots.txt", "/vuelta")):
                self._robots()
            elif self.path in PAGES:
                self._send(200, PAGES[self.path].encode())
            else:
                self._send(404, b"no")

        def _robots(self) -> None:
            if mode == "silent":
                stop.wait(30)
            elif mode == "5xx":
                self._send(500, b"<html><body>Error interno</body></html>")
            elif mode == "loop":
                target = "/vuelta" if self.path.startswith("/robots.txt") else "/robots.txt"
                self._send(302, b"", {"Location": target})
            elif mode == "garbage":
                self._send(200, bytes(range(256)) * 64, {"Content-Type": "text/plain"})
            elif mode == "huge":
                line = b"Disallow: /nada-que-ver-aqui/\n"
                self._send(200, line * (2_000_000 // len(line)), {"Content-Type": "text/plain"})

    return Handler


@pytest.fixture
def site(request: pytest.FixtureRequest) -> Iterator[str]:
    stop = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(request.param, stop))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    stop.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _crawl(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    monkeypatch.setenv("ABIERTO_DOWNLOAD_TIMEOUT_S", "2")
    monkeypatch.setenv("ABIERTO_OBEY_ROBOTS", "true")
    started = time.monotonic()
    result = run_crawl(tmp_path / "data", url, sources_dir=specs)
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        assert sorted(doc.expediente for doc in db.iter_documents()) == ["100/2024", "101/2024"]
        return db.list_runs("juzgado-robots")[0].errors
    finally:
        db.close()


@pytest.mark.parametrize(
    ("site", "cause", "wanted"),
    [
        ("silent", "timeout", "tiempo agotado: el sitio no respondió en 2 s"),
        ("loop", "too_many_redirects", None),
        ("huge", "too_large", None),
    ],
    indirect=["site"],
)
def test_an_unreadable_robots_txt_is_a_counted_error_and_the_crawl_goes_on(
    tmp_path: Path, site: str, cause: str, wanted: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = _crawl(tmp_path, site, monkeypatch)
    assert set(errors) == {cause}, errors
    [example] = errors[cause]["examples"]
    assert example["url"] == f"{site}/robots.txt"
    if wanted is not None:
        assert error_mensaje(cause, example["message"]) == wanted


@pytest.mark.parametrize("site", ["5xx", "garbage"], indirect=True)
def test_a_robots_txt_without_rules_leaves_the_site_open(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _crawl(tmp_path, site, monkeypatch) == {}


@pytest.mark.parametrize(
    ("site", "causes"),
    [("loop", {"too_many_redirects"}), ("huge", {"too_large"}), ("5xx", set()),
     ("garbage", set())],
    indirect=["site"],
)  # fmt: skip
def test_the_preview_says_the_robots_txt_it_could_not_read(site: str, causes: set[str]) -> None:
    """The crawl counts an unreadable robots.txt (above); the preview read the site
    without its rules in silence, its answer showing errors the run would not have."""
    spec = SourceSpec.model_validate(yaml.safe_load(SPEC.replace("${ABIERTO_SAMPLES_URL}", site)))
    preview = listing_preview(
        spec, Settings(allow_loopback=True, obey_robots=True), max_details=2, time_limit_s=30
    )
    assert {e["cause"] for e in preview["errors"]} == causes, preview["errors"]
    assert all(e["url"] == f"{site}/robots.txt" for e in preview["errors"])
    assert [d["detail"]["type"] for d in preview["documents"]] == ["html", "html"]


@pytest.mark.parametrize("site", ["silent"], indirect=True)
def test_a_silent_robots_txt_leaves_the_preview_time_for_the_listing(site: str) -> None:
    """A robots.txt that never answers took the preview's whole budget: the listing was
    never asked for and the preview said only "timeout" for it. Now robots.txt has a share
    of the budget, its timeout is said as the crawl counts it (above), and the listing
    and its documents are read without its rules, as the crawl goes on."""
    spec = SourceSpec.model_validate(yaml.safe_load(SPEC.replace("${ABIERTO_SAMPLES_URL}", site)))
    preview = listing_preview(
        spec, Settings(allow_loopback=True, obey_robots=True), max_details=2, time_limit_s=20
    )
    [error] = preview["errors"]
    assert (error["cause"], error["url"]) == ("timeout", f"{site}/robots.txt")
    said = error_mensaje(error["cause"], error["message"])
    assert said == "tiempo agotado: el sitio no respondió en 5 s"
    assert [d["detail"]["type"] for d in preview["documents"]] == ["html", "html"]
