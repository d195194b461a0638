"""A sitemap whose ``<loc>`` stand where the sitemap protocol puts none: entries wrapped
in another element (``<urlset><grupo><url>``), a ``<loc>`` nested deeper in its ``<url>``,
a second ``<loc>`` in one ``<url>``, ``<url>`` under a ``<sitemapindex>``. The crawl read
only ``urlset/url/loc`` and dropped the rest without a word: the run said ``ok`` with what
it read. They are now a counted ``sitemap_misplaced_loc`` error naming how many were not
read (the well-placed entries are still crawled); an entry whose prefix no namespace
declares (``<s:url><s:loc>``, a generator that forgot its ``xmlns:s``) is read, and an
image's ``<image:loc>`` is no page and no loss.

Crawled end to end with the real ``abierto crawl`` from a server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE = "http://www.google.com/schemas/sitemap-image/1.1"
SPEC = {
    "id": "congreso-mapa-anidado", "kind": "legislativo", "shape": "sitemap",
    "institution": "H. Congreso del Estado de Guanajuato", "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitemap.xml"],
    "detail": {"fields": {"title": "css:title::text"}},
}  # fmt: skip


def _page(root: Path, n: int) -> None:
    (root / "a").mkdir(parents=True, exist_ok=True)
    (root / "a" / f"{n}.html").write_text(
        f"<html><head><title>Acuerdo {n}</title></head><body><main>Texto del acuerdo {n} "
        "del pleno del congreso.</main></body></html>",
        encoding="utf-8",
    )


def _crawl(tmp_path: Path, sitemap: str, spec: dict[str, Any] = SPEC) -> tuple[Any, set[str]]:
    www = tmp_path / "www"
    for n in range(1, 9):
        _page(www, n)
    (www / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "spec.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with FixtureServer(www) as server:
        done = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in done.stderr, done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs(spec["id"])[0]
        titles = {doc.title for doc in db.iter_documents()}
    finally:
        db.close()
    return run, titles


def test_locs_out_of_their_place_are_a_counted_loss(tmp_path: Path) -> None:
    sitemap = (
        f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='{NS}' xmlns:image='{IMAGE}'>"
        "<url><loc>/a/1.html</loc><image:image><image:loc>/logo.png</image:loc>"
        "</image:image></url>"
        "<grupo><url><loc>/a/2.html</loc></url><url><loc>/a/3.html</loc></url></grupo>"
        "<url><datos><loc>/a/4.html</loc></datos></url>"
        "<url><loc>/a/5.html</loc><loc>/a/6.html</loc></url>"
        "<s:url><s:loc>/a/7.html</s:loc></s:url>"
        "</urlset>"
    )
    run, titles = _crawl(tmp_path, sitemap)
    # the entries in place are crawled, and the one whose prefix no namespace declares
    assert titles == {"Acuerdo 1", "Acuerdo 5", "Acuerdo 7"}
    assert run.status == "partial", (run.status, run.errors)
    [example] = run.errors["sitemap_misplaced_loc"]["examples"]
    assert example["message"].startswith("4 <loc> of the sitemap"), example
    said = error_mensaje("sitemap_misplaced_loc", example["message"])
    assert said.startswith("4 direcciones (<loc>) del mapa del sitio"), said
    assert "no se leyeron" in said
    assert "lost_sitemaps" not in run.stats  # the sitemap was read: four of its entries not


def test_an_index_listing_urls_is_no_sitemap_read_as_ok(tmp_path: Path) -> None:
    sitemap = (
        f"<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='{NS}'>"
        "<url><loc>/a/1.html</loc></url><url><loc>/a/2.html</loc></url></sitemapindex>"
    )
    run, titles = _crawl(tmp_path, sitemap)
    assert titles == set()
    assert run.status != "ok", (run.status, run.errors)
    assert run.errors["sitemap_misplaced_loc"]["count"] == 1
    assert run.errors["sitemap_misplaced_loc"]["examples"][0]["message"].startswith("2 <loc>")


def test_a_sitemap_whose_every_url_the_spec_leaves_out_is_no_ok_run(tmp_path: Path) -> None:
    # the spec's exclude (or rules no URL matches) left every <loc> out without a count:
    # the run read nothing and said ``ok``; now it is ``empty`` by its filters
    spec = SPEC | {"sitemap": {"exclude": ["/a/"]}}
    sitemap = (
        f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='{NS}'>"
        "<url><loc>/a/1.html</loc></url><url><loc>/a/2.html</loc></url></urlset>"
    )
    run, titles = _crawl(tmp_path, sitemap, spec)
    assert titles == set()
    assert (run.status, run.message) == (
        "empty",
        "all_filtered: every item was left out by the spec's filters or the backfill window",
    )
