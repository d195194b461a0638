"""A sitemap ``<lastmod>`` that names a day and no time (``2026-12-07``, what most CMSs
write): the crawl read it as that day's midnight, so a page fetched on that very day
counted as fetched since it last changed, and was not fetched again (``not_modified``)
for as long as its lastmod stood: a change made that afternoon (a sentence's public
version replaced, an agenda corrected) was never collected. A day is now taken as its
end: a page fetched on the day its lastmod names is fetched again (conditionally) by
the next crawl; one whose lastmod is older than the fetch still is not.

Crawled twice with the real ``abierto crawl`` from a server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SPEC = {
    "id": "congreso-mapa-diario", "kind": "legislativo", "shape": "sitemap",
    "institution": "H. Congreso del Estado de Yucatán", "jurisdiction": "MX-YUC",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitemap.xml"],
    "detail": {"fields": {"title": "css:h1::text"}},
}  # fmt: skip


def _page(www: Path, n: int, title: str) -> None:
    (www / f"doc-{n}.html").write_text(
        f"<html><body><h1>{title}</h1><main>Texto de la iniciativa {n}.</main></body></html>",
        encoding="utf-8",
    )


def test_a_page_changed_on_the_day_its_lastmod_names_is_read_again(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "spec.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    today = dt.datetime.now(dt.UTC).date().isoformat()
    (www / "sitemap.xml").write_text(
        f"<urlset xmlns='{NS}'><url><loc>/doc-1.html</loc><lastmod>{today}</lastmod></url>"
        "<url><loc>/doc-2.html</loc><lastmod>2020-01-01</lastmod></url></urlset>",
        encoding="utf-8",
    )
    _page(www, 1, "Iniciativa 1")
    _page(www, 2, "Iniciativa 2")
    with FixtureServer(www) as server:
        first = run_abierto(tmp_path / "data", server.url, specs)
        _page(www, 1, "Iniciativa 1 (corregida)")  # later the same day: lastmod unchanged
        second = run_abierto(tmp_path / "data", server.url, specs)
        fetched = sorted(h.target for h in server.log if h.target.startswith("/doc-"))
    assert "Traceback" not in first.stderr + second.stderr, first.stderr + second.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        titles = {doc.title for doc in db.iter_documents()}
    finally:
        db.close()
    assert titles == {"Iniciativa 1 (corregida)", "Iniciativa 2"}
    # doc-2 changed in 2020 and was fetched after: not fetched again
    assert fetched == ["/doc-1.html", "/doc-1.html", "/doc-2.html"]
