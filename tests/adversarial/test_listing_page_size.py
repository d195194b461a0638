"""An HTML listing's page past ``max_page_bytes`` (10 MB; small here): the crawl read it
whole under the file limit (50 MB), a tree of gigabytes for the parser that could stop
the whole crawl at its memory limit. It is now refused as it arrives, a counted
``too_large`` of that page said in Spanish; the other listing's documents are kept, and
a document's page larger than that bound is still read (a detail link may be a file).
Real server on 127.0.0.1, the real ``abierto crawl``."""

from __future__ import annotations

from pathlib import Path

import yaml

from crawlers.causas import errors_with_mensajes
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

LIMIT = 100_000
FILLER = "<p>relleno</p>" * (3 * LIMIT // 14)  # three times the bound


class _Site(QuietHandler):
    def do_GET(self) -> None:
        if self.path == "/enorme.html":  # its rows after megabytes of markup
            page = f"<html><body>{FILLER}<table><tr><td><a href='d-9.html'>ver</a></td></tr>"
            self.answer(f"{page}</table></body></html>".encode(), "text/html; charset=utf-8")
        elif self.path == "/lista.html":
            rows = "".join(f"<tr><td><a href='d-{n}.html'>ver</a></td></tr>" for n in (1, 2))
            page = f"<html><body><table>{rows}</table></body></html>"
            self.answer(page.encode(), "text/html; charset=utf-8")
        elif self.path.startswith("/d-"):
            long = FILLER if self.path == "/d-2.html" else ""  # a document past the bound
            page = f"<html><body><h1>Sentencia {self.path}</h1><p>Texto.</p>{long}</body></html>"
            self.answer(page.encode(), "text/html; charset=utf-8")
        else:
            self.answer(b"no", "text/plain", 404)


def test_a_listing_page_past_the_page_bound_is_refused_and_counted(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    spec = {
        "id": "listado-enorme", "kind": "sentencia",
        "institution": "Poder Judicial de Prueba", "jurisdiction": "MX-YUC",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/lista.html", "${ABIERTO_SAMPLES_URL}/enorme.html"],
        "listing": {"items": "css:table tr", "link": "css:a::attr(href)"},
        "detail": {"fields": {"title": "css:h1::text"}},
    }  # fmt: skip
    (specs / "spec.yaml").write_text(yaml.safe_dump(spec))
    with serving_handler(_Site) as url:
        done = run_abierto(
            tmp_path / "data", url, specs, env={"ABIERTO_MAX_PAGE_BYTES": str(LIMIT)}
        )
    assert "Traceback" not in done.stderr, done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        kept = sorted(d.url.rpartition("/")[2] for d in db.iter_documents())
        run = db.list_runs("listado-enorme")[0]
    finally:
        db.close()
    assert kept == ["d-1.html", "d-2.html"]  # d-2, past the page bound, is a document
    errors = errors_with_mensajes(run.errors)
    assert set(errors) == {"too_large"}, errors
    [example] = errors["too_large"]["examples"]
    assert example["url"].endswith("/enorme.html")
    assert f"{LIMIT} bytes" in example["mensaje"], example["mensaje"]
