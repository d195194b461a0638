"""Incremental by default, even on sites without ETag or Last-Modified: a sitemap URL
whose <lastmod> is not newer than our last fetch is not fetched again."""

from __future__ import annotations

from pathlib import Path

from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SPEC = """
id: mapa-prueba
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/sitemap.xml"]
detail:
  fields: {title: "css:h1::text"}
"""


def _sitemap(lastmod: str) -> str:
    urls = "".join(
        f"<url><loc>{{{{BASE}}}}/doc-{n}.html</loc><lastmod>{lastmod if n == 1 else '2020-01-01'}"
        "</lastmod></url>"
        for n in (1, 2)
    )
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def test_unchanged_sitemap_urls_are_not_fetched_again(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SPEC)
    for n in (1, 2):
        (www / f"doc-{n}.html").write_text(f"<html><body><h1>Iniciativa {n}</h1></body></html>")
    (www / "sitemap.xml").write_text(_sitemap("2020-01-01"))
    with FixtureServer(www) as server:
        first = run_abierto(tmp_path / "data", server.url, specs)
        (www / "sitemap.xml").write_text(_sitemap("2999-01-01"))  # doc-1 changed since
        second = run_abierto(tmp_path / "data", server.url, specs)
        fetched = [hit.target for hit in server.log if hit.target.startswith("/doc-")]
    assert first.returncode == 0 and second.returncode == 0, first.stdout + second.stdout
    assert sorted(fetched) == ["/doc-1.html", "/doc-1.html", "/doc-2.html"]
    assert "· 1 sin modificar (304)" in second.stdout
