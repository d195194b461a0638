"""A sitemap that goes on after its root element ends: two ``<urlset>`` documents joined
into one file (a generator that appends a batch, two files concatenated). libxml2 stops
at the end of the first root, in recovery mode too, so the URLs of the second were never
requested, and the run said nothing of them (``ok`` with what the first listed). They
are now a counted ``xml_after_root`` error naming how many addresses were not read; the
first document's URLs are still crawled. (What a site leaves after a whole sitemap, a PHP
warning or a comment, names no address and is no error.)

Crawled end to end with the real ``abierto crawl`` from a server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

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


def _crawl(tmp_path: Path) -> tuple[object, set[str]]:
    spec = {
        "id": "congreso-mapa-doble", "kind": "legislativo", "shape": "sitemap",
        "institution": "H. Congreso del Estado de Guanajuato", "jurisdiction": "MX-GUA",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/sitemap.xml"],
        "detail": {"fields": {"title": "css:title::text"}},
    }  # fmt: skip
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "mapa.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with FixtureServer(tmp_path / "www") as server:
        done = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in done.stderr, done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("congreso-mapa-doble")[0]
        titles = {doc.title for doc in db.iter_documents()}
    finally:
        db.close()
    return run, titles


def test_a_second_sitemap_joined_after_the_first_is_a_counted_loss(tmp_path: Path) -> None:
    second = "".join(f"<url><loc>/b/{n}.html</loc></url>" for n in range(JOINED))
    _site(tmp_path / "www", f"\n<urlset xmlns='{NS}'>{second}</urlset>")
    run, titles = _crawl(tmp_path)
    assert titles == {"Acuerdo 1", "Acuerdo 2"}  # the first document's URLs are crawled
    assert run.status == "partial", (run.status, run.errors)
    [example] = run.errors["xml_after_root"]["examples"]
    assert f"{JOINED} <loc> after it were not read" in example["message"]
    assert "sigue después de su elemento raíz" in error_mensaje(
        "xml_after_root", example["message"]
    )
    assert run.stats["lost_sitemaps"] == 1
