"""A sitemap or a feed that goes on after its root element ends: two ``<urlset>`` (or
``<rss>``) documents joined into one file (a generator that appends a batch, two files
concatenated). libxml2 stops at the end of the first root, in recovery mode too, so the
URLs and entries of the second were never read, and the run said nothing of them (``ok``
with what the first listed). They are now a counted ``xml_after_root`` error naming how
many were not read; the first document's are still crawled. (What a site leaves after a
whole document, a PHP warning or a comment, names no entry and is no error.)

Crawled end to end with the real ``abierto crawl`` from a server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

JOINED = 5_000  # URLs of the second document, none of them read
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _site(root: Path, after: str) -> None:
    (root / "a").mkdir(parents=True)
    for n in (1, 2):
        (root / "a" / f"{n}.html").write_text(
            f"<html><head><title>Acuerdo {n}</title></head><body><main>Texto del acuerdo "
            f"{n} del pleno del congreso.</main></body></html>",
            encoding="utf-8",
        )
    (root / "sitemap.xml").write_text(
        f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='{NS}'>"
        "<url><loc>/a/1.html</loc></url><url><loc>/a/2.html</loc></url></urlset>" + after,
        encoding="utf-8",
    )


SITEMAP = {
    "id": "congreso-mapa-doble", "kind": "legislativo", "shape": "sitemap",
    "institution": "H. Congreso del Estado de Guanajuato", "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitemap.xml"],
    "detail": {"fields": {"title": "css:title::text"}},
}  # fmt: skip


def _crawl(tmp_path: Path, spec: dict[str, Any]) -> tuple[Any, set[str]]:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "spec.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with FixtureServer(tmp_path / "www") as server:
        done = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in done.stderr, done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs(spec["id"])[0]
        titles = {doc.title for doc in db.iter_documents()}
    finally:
        db.close()
    return run, titles


def test_a_second_sitemap_joined_after_the_first_is_a_counted_loss(tmp_path: Path) -> None:
    second = "".join(f"<url><loc>/b/{n}.html</loc></url>" for n in range(JOINED))
    _site(tmp_path / "www", f"\n<urlset xmlns='{NS}'>{second}</urlset>")
    run, titles = _crawl(tmp_path, SITEMAP)
    assert titles == {"Acuerdo 1", "Acuerdo 2"}  # the first document's URLs are crawled
    assert run.status == "partial", (run.status, run.errors)
    [example] = run.errors["xml_after_root"]["examples"]
    assert f"{JOINED} <loc> after it were not read" in example["message"]
    assert "sigue después de su elemento raíz" in error_mensaje(
        "xml_after_root", example["message"]
    )
    assert run.stats["lost_sitemaps"] == 1


def test_a_second_feed_joined_after_the_first_is_a_counted_loss(tmp_path: Path) -> None:
    item = "<item><title>Acuerdo {n}</title><link>/a/{n}.html</link></item>"
    first = "".join(item.format(n=n) for n in (1, 2))
    second = "".join(item.format(n=n) for n in range(3, 3 + JOINED))
    _site(tmp_path / "www", "")
    (tmp_path / "www" / "feed.xml").write_text(
        f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>{first}</channel>"
        f"</rss>\n<rss version='2.0'><channel>{second}</channel></rss>",
        encoding="utf-8",
    )
    spec = {
        "id": "congreso-canal-doble", "kind": "legislativo", "shape": "feed",
        "institution": "H. Congreso del Estado de Guanajuato", "jurisdiction": "MX-GUA",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/feed.xml"],
    }  # fmt: skip
    run, titles = _crawl(tmp_path, spec)
    assert titles == {"Acuerdo 1", "Acuerdo 2"}
    assert run.status == "partial", (run.status, run.errors)
    [example] = run.errors["xml_after_root"]["examples"]
    assert f"{JOINED} entries after it were not read" in example["message"]
    assert run.stats["lost_feeds"] == 1
