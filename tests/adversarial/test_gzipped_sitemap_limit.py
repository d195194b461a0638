"""A ``sitemap.xml.gz`` inflated to a fixed 50 MB whatever ``ABIERTO_MAX_PAGE_BYTES`` said:
an operator who lowered the page limit to bound a crawl's memory still had each gzipped
sitemap held at 50 MB (and its text decoded beside it). It now inflates to five times the
page limit at most (50 MB at the default, the protocol's own): past it the sitemap is a
counted error naming the limit, and one within it is read. Real server on 127.0.0.1,
the real ``abierto crawl``."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

MB = 1024 * 1024
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
SPEC = """
id: mapa-limite
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/sitemap.xml"]
detail:
  fields: {title: "css:h1::text"}
"""


def _gzipped(page: str, padding_mb: int) -> bytes:
    """A sitemap naming ``page``, ``padding_mb`` MB of spaces inside it, gzipped."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(f"<urlset {NS}><url><loc>{page}</loc></url>".encode())]
    parts += [packer.compress(b" " * MB) for _ in range(padding_mb)]
    return b"".join([*parts, packer.compress(b"</urlset>"), packer.flush()])


def test_a_gzipped_sitemap_inflates_to_five_times_the_page_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ABIERTO_MAX_PAGE_BYTES", str(MB))
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SPEC)
    maps = {"dentro.xml.gz": _gzipped("doc-1.html", 4), "fuera.xml.gz": _gzipped("doc-2.html", 6)}
    (www / "sitemap.xml").write_text(
        f"<sitemapindex {NS}>"
        + "".join(f"<sitemap><loc>{name}</loc></sitemap>" for name in maps)
        + "</sitemapindex>"
    )
    for name, body in maps.items():
        (www / name).write_bytes(body)
    for n in (1, 2):
        (www / f"doc-{n}.html").write_text(f"<html><body><h1>Iniciativa {n}</h1></body></html>")
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("mapa-limite")[0]
        titles = sorted(doc.title for doc in db.iter_documents())
    finally:
        db.close()
    assert titles == ["Iniciativa 1"]
    [refused] = run.errors["too_large"]["examples"]
    assert refused["url"].endswith("/fuera.xml.gz")
    assert error_mensaje("too_large", refused["message"]) == (
        f"el mapa del sitio comprimido (gzip) de {len(maps['fuera.xml.gz'])} bytes se expande "
        "a más de 5 MB, el límite de un mapa del sitio descomprimido (cinco veces el de una "
        "página, ABIERTO_MAX_PAGE_BYTES; una bomba de compresión): no se leyó"
    )
