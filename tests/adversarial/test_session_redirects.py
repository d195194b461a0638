"""A server that hands each visitor a session in the address it redirects to (a Java
site's ``;jsessionid=…``): the feed the start URL leads to, and an entry's file, are
reached under a new address on every crawl. Links lose such parameters already; what
was read at a redirect's target must too, or every crawl makes the same entries new
documents and keeps the same file under a new address. Crawled twice, end to end, from
a real server on 127.0.0.1."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from indexer.db import Database
from tests.adversarial.hostile import text_pdf
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Gaceta Parlamentaria</title>
<item><guid isPermaLink="false">gaceta-2025-0412</guid>
<title>Gaceta 412: iniciativas turnadas</title>
<pubDate>Tue, 18 Feb 2025 10:00:00 -0600</pubDate>
<description>Iniciativas turnadas a comisiones en la sesión ordinaria.</description>
<enclosure url="/anexo.pdf" type="application/pdf" length="1000"/></item>
<item><guid isPermaLink="false">gaceta-2025-0413</guid><title>Gaceta 413: dictámenes</title>
<pubDate>Wed, 19 Feb 2025 10:00:00 -0600</pubDate>
<description>Dictámenes de primera lectura de la Comisión de Justicia.</description></item>
</channel></rss>"""


def _serve() -> Iterator[str]:
    sessions = itertools.count(1)
    pdf = text_pdf(["Anexo de la gaceta 412: lista de iniciativas turnadas"])

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path
            if path in ("/canal", "/anexo.pdf"):  # a new visitor: a session in the address
                target = (
                    f"/feed.xml;jsessionid=A{next(sessions):04d}F3B2"
                    if path == "/canal"
                    else (f"/anexo.pdf;jsessionid=A{next(sessions):04d}F3B2")
                )
                self._send(302, b"", "text/html", {"Location": target})
            elif path.startswith("/feed.xml;jsessionid="):
                self._send(200, FEED.encode(), "application/rss+xml", {})
            elif path.startswith("/anexo.pdf;jsessionid="):
                self._send(200, pdf, "application/pdf", {})
            else:
                self._send(404, b"no", "text/plain", {})

        def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Site) as url:
        yield url


def test_a_session_in_redirect_targets_makes_no_new_documents_or_addresses(
    tmp_path: Path,
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "congreso-gaceta-rss", "kind": "legislativo", "shape": "feed",
        "institution": "H. Congreso del Estado de Yucatán", "jurisdiction": "MX-YUC",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/canal"], "feed": {"follow": False},
    }  # fmt: skip
    (specs / "gaceta.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for base in _serve():
        for _ in range(2):
            result = run_abierto(tmp_path / "data", base, specs)
            assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = sorted(db.iter_documents(), key=lambda d: d.url)
        runs = db.list_runs("congreso-gaceta-rss")
    finally:
        db.close()
    assert [d.url for d in docs] == [
        f"{base}/feed.xml#gaceta-2025-0412",
        f"{base}/feed.xml#gaceta-2025-0413",
    ]
    assert [f.url for f in docs[0].files] == [f"{base}/anexo.pdf"]
    assert all(run.errors == {} for run in runs) and len(runs) == 2
