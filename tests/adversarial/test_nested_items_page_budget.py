"""Items nested in one another each read the others' text: ``css:div`` as a listing's
items over 300 nested ``<div>``s around 200 KB of text, each item's title reading its own
text, read 60 MB from a 200 KB page (a 10 MB page: gigabytes), each field under the
20 M characters one field may read. All the fields of one page read at most
``MAX_PAGE_CHARS`` characters together: past it the page's remaining items are not read
and a ``too_large`` error says so, in Spanish, with the item it stopped at; the items
before it are kept. The crawl reads the page from a real server on 127.0.0.1."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import yaml
from parsel import Selector as Page

from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.selectors import MAX_PAGE_CHARS, PageBudget, PageTextSpent, read_fields, select
from indexer.db import Database
from tests.api.test_preview_next_form import _previewer
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

TEXT = "palabra " * 25_000  # 200 KB
DEPTH = 300
SOURCE = "juzgado-anidado"
SPEC = {
    "id": SOURCE, "kind": "sentencia", "shape": "html_listing",
    "institution": "Juzgado Primero Civil", "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/"],
    "listing": {"items": "css:div", "link": "css:a::attr(href)",
                "fields": {"title": {"select": "xpath:.", "regex": "(Sentencia)"}}},
}  # fmt: skip


def _nested(depth: int) -> str:
    inner = f"<a href='/sentencia-1.html'>Sentencia</a> {TEXT}"
    return f"<html><body>{'<div>' * depth}{inner}{'</div>' * depth}</body></html>"


def test_nested_items_spend_the_page_budget() -> None:
    spec = SourceSpec.model_validate(SPEC | {"start_urls": ["https://example.org/"]})
    assert spec.listing is not None
    page = Page(text=_nested(DEPTH))
    budget, reached = PageBudget(), 0
    with pytest.raises(PageTextSpent):
        for item in select(page, spec.listing.items):
            reached += 1
            read_fields(item, spec.listing.fields, "https://example.org/", None, budget)
    # stopped once 50 M characters were read: 250 of the 300 items, not all
    assert reached * len(TEXT) >= MAX_PAGE_CHARS and reached < DEPTH


def test_a_page_of_ordinary_items_is_read_whole() -> None:
    rows = "".join(
        f"<div><a href='/s{n}'>Sentencia {n}</a> {TEXT[:2000]}</div>" for n in range(500)
    )
    spec = SourceSpec.model_validate(SPEC | {"start_urls": ["https://example.org/"]})
    assert spec.listing is not None
    budget = PageBudget()
    items = select(Page(text=f"<html><body>{rows}</body></html>"), spec.listing.items)
    found = [
        read_fields(item, spec.listing.fields, "https://example.org/", None, budget)
        for item in items
    ]
    assert len(found) == 500 and all(f["title"] == "Sentencia" for f in found)


def test_the_crawl_counts_a_page_whose_items_read_past_it(tmp_path: Path) -> None:
    pages = {
        "/": _nested(DEPTH).encode(),
        "/sentencia-1.html": b"<html><body><p>Sentencia definitiva civil.</p></body></html>",
    }

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with serving_handler(Site) as url:
        run_abierto(tmp_path / "data", url, specs)
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs(SOURCE)[0]
        documents = list(db.iter_documents())
    finally:
        db.close()
    (example,) = run.errors["too_large"]["examples"]
    assert str(MAX_PAGE_CHARS) in example["message"]
    mensaje = error_mensaje("too_large", example["message"])
    assert "elementos del listado" in mensaje and "no se leyeron" in mensaje, mensaje
    assert "50 000 000" in mensaje
    # the items read before the budget was spent stand: the one document is kept
    assert len(documents) == 1, {k: v["examples"][:1] for k, v in run.errors.items()}


def test_the_preview_says_where_it_stopped(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "listado.html").write_text(_nested(DEPTH), "utf-8")
    (root / "sentencia-1.html").write_text("<html><p>Sentencia civil.</p></html>", "utf-8")
    spec = SPEC | {"start_urls": ["${ABIERTO_SAMPLES_URL}/listado.html"]}
    (root / "spec.yaml").write_text(yaml.safe_dump(spec), "utf-8")
    for previewer in _previewer(tmp_path, root):
        body = previewer.preview(root)
        said = [e for e in body["errors"] if e["cause"] == "too_large"]
        assert len(said) == 1, body["errors"]
        assert "elementos del listado" in str(body), said
