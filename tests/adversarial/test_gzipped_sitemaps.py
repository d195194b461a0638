"""A ``sitemap.xml.gz`` served as a file: gzip's bytes with no ``Content-Encoding``, so the
download's checks of a coding (``crawlers.coding_cut``: members, cut streams, stacks)
never saw them, and the sitemap reader undid them with GzipFile. Thousands of empty
members were read one by one (twenty megabytes of them, half a minute of the crawl's
reactor) and the sitemap kept as whole; a stream cut mid-way, or data that is no gzip,
escaped the spider as EOFError or BadGzipFile, counted only as an unnamed
``spider_error``. The sitemap's gzip is undone as an answer's coding is now: each is a
counted error with its true cause, said in Spanish, and the good sitemaps beside them
are read. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from crawlers.content_coding import MAX_MEMBERS
from crawlers.formats.sitemaps import parse_sitemap
from crawlers.formats.xml import HostileXML
from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SPEC = """
id: mapa-comprimido
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/sitemap.xml"]
detail:
  fields: {title: "css:h1::text"}
"""


def _urlset(*pages: str) -> bytes:
    urls = "".join(f"<url><loc>{page}</loc></url>" for page in pages)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


GOOD = _urlset("doc-1.html", "doc-2.html")
EMPTY_MEMBERS = gzip.compress(_urlset("doc-3.html")) + gzip.compress(b"") * 100_000
CUT = gzip.compress(_urlset("doc-4.html", *(f"otro-{n}.html" for n in range(400))), 1)
CUT = CUT[: len(CUT) * 2 // 3]
BROKEN = gzip.compress(_urlset("doc-5.html"))[:-8] + b"\0" * 8  # its CRC and size lie
SITEMAPS = {
    "bueno.xml.gz": gzip.compress(GOOD),
    "miembros.xml.gz": gzip.compress(_urlset("doc-6.html")[:40])
    + gzip.compress(_urlset("doc-6.html")[40:]),
    "vacios.xml.gz": EMPTY_MEMBERS,
    "cortado.xml.gz": CUT,
    "roto.xml.gz": BROKEN,
}
SAID = {
    "malformed_answer": [
        (
            "vacios.xml.gz",
            "el sitio envió una respuesta comprimida (gzip) hecha de al menos "
            f"{MAX_MEMBERS + 1} partes comprimidas (miembros gzip) que dan solo "
            f"{len(_urlset('doc-3.html'))} bytes: más partes de las que su contenido "
            "justifica (una bomba de compresión), así que no se guardó",
        )
    ],
    "cut_short": [
        (
            "cortado.xml.gz",
            "el sitio envió una respuesta comprimida (gzip) cuyos datos terminan antes del "
            "final de su compresión: la respuesta está cortada y no se guardó",
        )
    ],
    "not_a_sitemap": [("roto.xml.gz", "no es un mapa del sitio")],
}


def test_a_crawl_counts_each_broken_gzipped_sitemap_and_reads_the_good_ones(
    tmp_path: Path,
) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SPEC)
    (www / "sitemap.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<sitemap><loc>{name}</loc></sitemap>" for name in SITEMAPS)
        + "</sitemapindex>"
    )
    for name, body in SITEMAPS.items():
        (www / name).write_bytes(body)
    for n in range(1, 7):
        (www / f"doc-{n}.html").write_text(
            f"<html><body><h1>Iniciativa {n}</h1><p>Reforma al código civil {n}.</p></body></html>"
        )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("mapa-comprimido")[0]
        titles = sorted(doc.title for doc in db.iter_documents())
    finally:
        db.close()
    assert titles == ["Iniciativa 1", "Iniciativa 2", "Iniciativa 6"]
    said = {
        cause: [
            (e["url"].rsplit("/", 1)[1], error_mensaje(cause, e["message"]))
            for e in run.errors[cause]["examples"]
        ]
        for cause in SAID
    }
    assert said == SAID
    assert "spider_error" not in run.errors
    assert run.status == "partial"


@pytest.mark.parametrize(
    ("name", "cause"),
    [("vacios.xml.gz", "malformed_answer"), ("cortado.xml.gz", "cut_short"),
     ("roto.xml.gz", "not_a_sitemap")],
)  # fmt: skip
def test_a_broken_gzipped_sitemap_is_refused_by_name(name: str, cause: str) -> None:
    with pytest.raises(HostileXML) as refused:
        parse_sitemap(SITEMAPS[name])
    assert refused.value.cause == cause
