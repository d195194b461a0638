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


def _handler(mode: str, stop: threading.Event, asked: list[str]) -> type[BaseHTTPRequestHandler]:
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
            asked.append(self.path)
            if self.path.startswith(("/robots.txt", "/vuelta")):
                self._robots()
            elif self.path == "/listado.html" and mode == "changes":
                time.sleep(1.5)  # longer than the rules are kept: they are read again
                self._send(200, PAGES[self.path].encode())
            elif self.path in PAGES:
                self._send(200, PAGES[self.path].encode())
            else:
                self._send(404, b"no")

        def _robots(self) -> None:
            if mode == "silent":
                stop.wait(30)
            elif mode == "5xx":
                self._send(500, b"<html><body>Error interno</body></html>")
            elif mode == "4xx":  # none there: its error page says Disallow, and is no rule
                self._send(404, b"User-agent: *\nDisallow: /\n", {"Content-Type": "text/plain"})
            elif mode == "changes":  # all open at first; then s-101 barred
                rules = "Allow: /" if asked.count("/robots.txt") == 1 else "Disallow: /s-101"
                body = f"User-agent: *\n{rules}\n".encode()
                self._send(200, body, {"Content-Type": "text/plain"})
            elif mode == "loop":
                target = "/vuelta" if self.path.startswith("/robots.txt") else "/robots.txt"
                self._send(302, b"", {"Location": target})
            elif mode == "garbage":
                self._send(200, bytes(range(256)) * 64, {"Content-Type": "text/plain"})
            elif mode == "huge":
                line = b"Disallow: /nada-que-ver-aqui/\n"
                self._send(200, line * (2_000_000 // len(line)), {"Content-Type": "text/plain"})

    return Handler


ASKED: list[str] = []  # the paths the site was asked for, in order (the last site's)


@pytest.fixture
def site(request: pytest.FixtureRequest) -> Iterator[str]:
    stop = threading.Event()
    ASKED.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(request.param, stop, ASKED))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    stop.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _crawl(
    tmp_path: Path,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    kept: tuple[str, ...] = ("100/2024", "101/2024"),
    status: int = 0,
) -> dict:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    monkeypatch.setenv("ABIERTO_DOWNLOAD_TIMEOUT_S", "2")
    monkeypatch.setenv("ABIERTO_OBEY_ROBOTS", "true")
    started = time.monotonic()
    result = run_crawl(tmp_path / "data", url, sources_dir=specs)
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == status, result.stdout + result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        assert sorted(doc.expediente for doc in db.iter_documents()) == list(kept)
        return db.list_runs("juzgado-robots")[0].errors
    finally:
        db.close()


@pytest.mark.parametrize(
    ("site", "cause", "wanted"),
    [
        ("silent", "timeout", "tiempo agotado: el sitio no respondió en 2 s"),
        ("loop", "too_many_redirects", None),
    ],
    indirect=["site"],
)
def test_an_unreadable_robots_txt_is_a_counted_error_and_the_crawl_goes_on(
    tmp_path: Path, site: str, cause: str, wanted: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = _crawl(tmp_path, site, monkeypatch, status=3)  # its rules unread: incomplete
    assert set(errors) == {cause}, errors
    [example] = errors[cause]["examples"]
    assert example["url"] == f"{site}/robots.txt"
    if wanted is not None:
        assert error_mensaje(cause, example["message"]) == wanted


@pytest.mark.parametrize("site", ["4xx", "garbage"], indirect=True)
def test_a_robots_txt_without_rules_leaves_the_site_open(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 404's error page is no rule: Scrapy read its «Disallow: /» and barred the site."""
    assert _crawl(tmp_path, site, monkeypatch) == {}


@pytest.mark.parametrize("site", ["5xx"], indirect=True)
def test_a_robots_txt_the_server_fails_bars_the_site_and_the_run_says_why(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A robots.txt answered HTTP 500 was read as no rules and the whole site crawled;
    RFC 9309 (and the sites) ask a crawler to take it as «everything disallowed» for a
    while: nothing is asked for, the run fails with the true cause, in Spanish."""
    monkeypatch.setenv("ABIERTO_ROBOTS_RETRY_S", "600")
    errors = _crawl(tmp_path, site, monkeypatch, kept=(), status=1)
    assert set(ASKED) == {"/robots.txt"}, ASKED  # retried, and never a page of the site
    [example] = errors["robots_unavailable"]["examples"]
    assert example["url"] == f"{site}/robots.txt"
    assert error_mensaje("robots_unavailable", example["message"]) == (
        "el robots.txt del sitio respondió HTTP 500 (error del servidor): como piden las "
        "reglas de robots.txt, no se pidió nada más del sitio durante 600 s; luego se vuelve "
        "a pedir su robots.txt"
    )


@pytest.mark.parametrize("site", ["changes"], indirect=True)
def test_a_robots_txt_changed_during_the_crawl_is_read_again_and_obeyed(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules were read once per crawl: one that ran for days never saw a Disallow
    the site added. Now they are kept ``ABIERTO_ROBOTS_TTL_S`` and read again."""
    monkeypatch.setenv("ABIERTO_ROBOTS_TTL_S", "1")
    errors = _crawl(tmp_path, site, monkeypatch, kept=("100/2024",), status=0)
    assert ASKED.count("/robots.txt") >= 2, ASKED
    assert "/s-101.html" not in ASKED, ASKED
    [example] = errors["robots_disallowed"]["examples"]
    assert example["url"] == f"{site}/s-101.html"


@pytest.mark.parametrize(
    ("site", "causes"),
    # a huge one is read as far as its first 512 KiB, and said (test_robots_long_files)
    [("loop", {"too_many_redirects"}), ("huge", {"limit_reached"}), ("garbage", set())],
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


@pytest.mark.parametrize("site", ["5xx"], indirect=True)
def test_the_preview_bars_a_site_whose_robots_txt_the_server_failed(site: str) -> None:
    """As the crawl does (above): no page of the site is read, and the preview says why."""
    spec = SourceSpec.model_validate(yaml.safe_load(SPEC.replace("${ABIERTO_SAMPLES_URL}", site)))
    preview = listing_preview(
        spec, Settings(allow_loopback=True, obey_robots=True), max_details=2, time_limit_s=30
    )
    causes = {e["cause"]: e for e in preview["errors"]}
    assert causes["robots_unavailable"]["url"] == f"{site}/robots.txt", preview["errors"]
    assert preview["documents"] == [] and "/listado.html" not in ASKED, ASKED


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
