"""A court's listing of files served from 127.0.0.1 and crawled end to end: the setup of
the tests that put a hostile file beside good ones and read what the crawl kept and said."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from indexer.db import Database
from indexer.db.tables import CrawlRunRow
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

SOURCE = "juzgado-civil"
SPEC = {
    "id": SOURCE, "kind": "sentencia", "shape": "html_listing",
    "institution": "Juzgado Primero Civil", "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/"],
    "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text"}},
}  # fmt: skip


@dataclass(frozen=True)
class Served:
    """One answer of the site: its bytes, type and the coding it declares."""

    body: bytes
    kind: str = "application/pdf"
    coding: str | tuple[str, ...] | None = None  # a tuple: one header line each


def listing(paths: list[str]) -> bytes:
    """The listing page: one row per file, titled «Sentencia <file name>»."""
    rows = "".join(f"<tr><td><a href='{path}'>Sentencia {path[1:]}</a></td></tr>" for path in paths)
    return f"<html><body><table><tbody>{rows}</tbody></table></body></html>".encode()


@contextmanager
def serving(files: Mapping[str, Served]) -> Iterator[str]:
    """The site: ``files`` by path, the listing of them at any other path (unless
    ``files`` answers ``/`` itself)."""
    page = Served(listing([path for path in files if path != "/"]), "text/html; charset=utf-8")

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer = files.get(self.path, page)
            self.send_response(200)
            self.send_header("Content-Type", answer.kind)
            codings = (answer.coding,) if isinstance(answer.coding, str) else answer.coding
            for coding in codings or ():
                self.send_header("Content-Encoding", coding)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Site) as url:
        yield url


@dataclass(frozen=True)
class Crawled:
    texts: dict[str, str]  # each document's text by its title
    run: CrawlRunRow
    stderr: str


def crawl(
    tmp_path: Path, files: Mapping[str, Served], env: dict[str, str] | None = None
) -> Crawled:
    """``abierto crawl`` of the listing of ``files``, in its own process, as a user runs it."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with serving(files) as url:
        result = run_abierto(tmp_path / "data", url, specs, env=env)
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.title: d.text or "" for d in db.iter_documents()}
        run = db.list_runs(SOURCE)[0]
    finally:
        db.close()
    return Crawled(texts, run, result.stderr)
