"""A robots.txt past 512 KiB (RFC 9309 asks crawlers to read at least 500 KiB) was refused
whole as ``too_large``, and the site then read as if it had no rules: its first line
barred ``/bloqueado/`` and the crawl and the preview fetched it anyway. One sent without
end was the same, and one declaring (Content-Length) more than the page limit was
refused before its first byte by the crawl, while the preview read its head. Now its
first 512 KiB (to the last line end) are read and obeyed, and the rest said as a limit
reached. And a robots.txt whose compression inflated past the
limit was counted ``robots_disallowed``, "forbidden by robots.txt", since its address
names robots.txt: it is ``too_large``. Real servers on 127.0.0.1, the real crawl."""

from __future__ import annotations

import gzip
import time
from pathlib import Path
from typing import Any

import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from indexer.db import Database
from tests.adversarial.court_listing import court_listing
from tests.e2e.helpers import run_crawl
from tests.http_thread import QuietHandler, serving_handler

RULES = b"User-agent: *\nDisallow: /bloqueado/\n"
PADDING = b"# comentario de relleno\n" * 1000
LISTING = (
    b'<table><tr class="fila"><td class="exp">1/2024</td><td><a class="ver" href="/ver-1.html">'
    b'ver</a></td></tr><tr class="fila"><td class="exp">4/2024</td><td><a class="ver" '
    b'href="/bloqueado/ver-4.html">ver</a></td></tr></table>'
)
CUT = (
    "se alcanzó el límite de los primeros 524288 bytes del robots.txt: las reglas que siguen "
    "no se leyeron (las reglas de robots.txt piden leer al menos 500 KiB)"
)


def _bomb() -> bytes:
    return gzip.compress(RULES + b" " * (12 * 1024 * 1024), 9)  # 12 MB past the 10 MB limit


class _Site(QuietHandler):
    robots = "long"

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self._robots()
        elif self.path == "/listado.html":
            self.answer(LISTING, "text/html; charset=utf-8")
        elif self.path.endswith(".html"):
            page = f"<html><body><h1>Sentencia {self.path}</h1><p>Arrendamiento.</p></body></html>"
            self.answer(page.encode(), "text/html; charset=utf-8")
        else:
            self.answer(b"no", "text/plain", 404)

    def _robots(self) -> None:
        if self.robots == "long":  # 2.4 MB, its length declared
            self.answer(RULES + PADDING * 100, "text/plain")
        elif self.robots == "declared":  # 12 MB declared, past the 10 MB page limit
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(RULES) + len(PADDING) * 500))
            self.end_headers()
            try:
                self.wfile.write(RULES)
                for _ in range(500):
                    self.wfile.write(PADDING)
            except OSError:
                pass
        elif self.robots == "bomb":
            self.answer(_bomb(), "text/plain", encoding="gzip")
        else:  # sent without end, in chunks
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(RULES), RULES))
                for _ in range(100_000):  # 2.4 GB: ended by the crawler long before
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(PADDING), PADDING))
            except OSError:
                pass


def _spec(start: str) -> dict[str, Any]:
    return court_listing("juzgado-robots", start)


def _crawl(tmp_path: Path, url: str) -> tuple[list[str], dict[str, Any]]:
    specs = tmp_path / "specs"
    specs.mkdir(parents=True)
    (specs / "juzgado.yaml").write_text(
        yaml.safe_dump(_spec("${ABIERTO_SAMPLES_URL}/listado.html"))
    )
    result = run_crawl(tmp_path / "data", url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        urls = sorted(doc.url.removeprefix(url) for doc in db.iter_documents())
        errors = db.list_runs("juzgado-robots")[0].errors
    finally:
        db.close()
    return urls, errors


def _serving(kind: str) -> Any:
    return serving_handler(type("Site", (_Site,), {"robots": kind}))


def test_a_long_robots_txt_is_obeyed_as_far_as_its_first_512_kib(tmp_path: Path) -> None:
    for kind in ("long", "endless", "declared"):
        with _serving(kind) as url:
            started = time.monotonic()
            crawled, errors = _crawl(tmp_path / kind, url)
            took = time.monotonic() - started
            spec = SourceSpec.model_validate(_spec(f"{url}/listado.html"))
            preview = listing_preview(spec, Settings(allow_loopback=True), time_limit_s=20)
        assert crawled == ["/ver-1.html"], (kind, crawled, errors)
        assert errors["robots_disallowed"]["count"] == 1, errors
        [cut] = errors["limit_reached"]["examples"]
        assert cut["url"] == f"{url}/robots.txt"
        assert error_mensaje("limit_reached", cut["message"]) == CUT
        assert took < 60, took
        shown = {d["fields"]["expediente"]: d for d in preview["documents"]}
        assert shown["4/2024"]["skipped"]["cause"] == "robots_disallowed", preview
        assert "skipped" not in shown["1/2024"]
        assert preview["error_counts"]["limit_reached"] == 1, preview["errors"]


def test_a_robots_txt_inflating_past_the_limit_is_too_large_not_forbidden(
    tmp_path: Path,
) -> None:
    with _serving("bomb") as url:
        crawled, errors = _crawl(tmp_path, url)
    assert "robots_disallowed" not in errors, errors
    [refused] = errors["too_large"]["examples"]
    assert refused["url"] == f"{url}/robots.txt"
    assert "decompress" in refused["message"]
    # its rules unread, the site is read without them, as before
    assert crawled == ["/bloqueado/ver-4.html", "/ver-1.html"]
