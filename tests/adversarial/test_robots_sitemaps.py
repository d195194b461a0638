"""A sitemap crawl that starts at robots.txt: a malformed ``Sitemap:`` line (a broken
IPv6 host, a file: address) is a counted ``bad_url`` and the lines after it are still
read (one such line raised out of the spider and cost every sitemap), a relative one is
read against robots.txt, and past 500 sitemaps the rest are a counted limit, never
dropped without a word."""

from __future__ import annotations

from pathlib import Path

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: mapa-robots
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/m/robots.txt"]
detail:
  fields: {title: "css:h1::text"}
"""
EMPTY = 510
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>'


def test_robots_sitemap_lines_are_each_read_or_counted(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    (www / "m").mkdir(parents=True)
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SPEC)
    (www / "m" / "bueno.xml").write_text(URLSET % "<url><loc>doc-1.html</loc></url>")
    (www / "m" / "relativo.xml").write_text(URLSET % "<url><loc>doc-2.html</loc></url>")
    for n in range(EMPTY):
        (www / "m" / f"vacio-{n}.xml").write_text(URLSET % "")
    for n in (1, 2):
        (www / "m" / f"doc-{n}.html").write_text(
            f"<html><body><h1>Iniciativa {n}</h1><p>Reforma al código civil {n}.</p></body></html>"
        )
    with serve(www) as server:
        lines = [
            "Sitemap: http://[::1/roto.xml",
            "Sitemap: relativo.xml",
            "Sitemap: file:///etc/passwd",
            f"Sitemap: {server.url}/m/bueno.xml",
            *(f"Sitemap: {server.url}/m/vacio-{n}.xml" for n in range(EMPTY)),
        ]
        (www / "m" / "robots.txt").write_text("\n".join(lines) + "\n")
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("mapa-robots")[0]
        assert sorted(doc.title for doc in db.iter_documents()) == ["Iniciativa 1", "Iniciativa 2"]
        counts = {cause: entry["count"] for cause, entry in run.errors.items()}
        assert counts == {"bad_url": 2, "limit_reached": 1}, run.errors
        [limit] = run.errors["limit_reached"]["examples"]
        assert limit["message"].startswith("500 sitemaps reached")
        assert run.stats["pages"] == 1 + 500 + 2  # robots.txt, the sitemaps asked, documents
    finally:
        db.close()
