"""A spec's credential never becomes part of a published document's address.

A document's ``url`` and its files' addresses are public: the API, the pages, the
exports and the dumps show them. A feed read with its key in the address
(``…/rss?token=…``) gave every entry without a link of its own the feed's address as
its document's, key and all; a site that wants its token in each address repeats it in
its links, and the documents and files read through them kept it. The parameter that
carries the key is left out of the address kept (the rest of it, and the document it
names, stay as they were). Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml
from sqlalchemy import text

from indexer.db import Database
from tests.api.conftest import PDF_BYTES
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

TOKEN = "Rss7f6e5d4c3b2a1Z"
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Boletín judicial</title><link>{base}/</link>
<description>Acuerdos</description>
<item><title>Acuerdo del Pleno 12/2024</title><guid isPermaLink="false">acuerdo-12-2024</guid>
<pubDate>Mon, 04 Mar 2024 10:00:00 -0600</pubDate>
<description>El Pleno del Tribunal acordó la distribución de asuntos del mes.</description>
</item>
<item><title>Sentencia 7/2024</title><link>{base}/sentencia?id=7&amp;token={token}</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 -0600</pubDate>
<description>Sentencia del amparo directo 7/2024.</description>
<enclosure url="{base}/archivo.pdf?token={token}&amp;id=7" type="application/pdf" length="1"/>
</item>
</channel></rss>"""
PAGE = "<html><head><title>Sentencia 7/2024</title></head><body><p>{text}</p></body></html>"


def _serve() -> Iterator[str]:
    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/rss"):
                body = FEED.format(base=base, token=TOKEN).encode()
                kind = "application/rss+xml"
            elif self.path.startswith("/archivo.pdf"):
                body, kind = PDF_BYTES, "application/pdf"
            else:
                body = PAGE.format(text="Amparo directo 7/2024. " * 20).encode()
                kind = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Site) as base:
        yield base


def test_no_published_address_carries_the_specs_token(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "pj-gto-boletin", "kind": "sentencia", "shape": "feed",
        "institution": "Poder Judicial del Estado de Guanajuato", "jurisdiction": "MX-GUA",
        "start_urls": [f"${{ABIERTO_SAMPLES_URL}}/rss?token={TOKEN}"],
        "feed": {"follow": True},
    }  # fmt: skip
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for url in _serve():
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        with db.session() as s:
            rows = [
                {"url": url, **(data if isinstance(data, dict) else json.loads(data))}
                for url, data in s.execute(text("SELECT url, data FROM documents"))
            ]
    finally:
        db.close()
    assert len(rows) == 2, result.stderr[-2000:]
    published = json.dumps(rows, ensure_ascii=False)
    assert TOKEN not in published
    urls = sorted(r["url"] for r in rows)
    assert urls[0].endswith("/rss#acuerdo-12-2024"), urls  # the feed's address, keyless
    assert urls[1].endswith("/sentencia?id=7"), urls  # its other parameters kept
    files = [f["url"] for r in rows for f in r.get("files") or []]
    assert [f.rsplit("/", 1)[1] for f in files] == ["archivo.pdf?id=7"], files
