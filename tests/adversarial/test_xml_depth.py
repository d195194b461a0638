"""A feed or sitemap nested past libxml2's depth limit (2,048 elements) stopped the parser
there, and recovery kept what came before: the items and URLs after the nesting were
lost without a word (a sitemap of 3,000 wrappers around its one URL was read as an empty
urlset, a run with nothing to say; a feed so nested was "neither RSS items nor Atom
entries"). Such a document is a counted ``xml_too_deep`` error; a sitemap beside it is
still read."""

from __future__ import annotations

from pathlib import Path

from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

DEPTH = 3_000
SITEMAPS = """
id: mapa-hondo
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/m/bueno.xml", "${ABIERTO_SAMPLES_URL}/m/hondo.xml"]
detail:
  fields: {title: "css:h1::text"}
"""
FEED = """
id: gaceta-honda
kind: legislativo
shape: feed
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/m/gaceta.xml"]
feed: {follow: false}
"""


def _nested(inner: str) -> str:
    return "<envoltura>" * DEPTH + inner + "</envoltura>" * DEPTH


def test_xml_nested_past_the_parsers_limit_is_counted_not_read_short(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    (www / "m").mkdir(parents=True)
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SITEMAPS)
    (specs / "gaceta.yaml").write_text(FEED)
    (www / "m" / "bueno.xml").write_text("<urlset><url><loc>doc-1.html</loc></url></urlset>")
    (www / "m" / "hondo.xml").write_text(
        "<urlset>" + _nested("") + "<url><loc>doc-2.html</loc></url></urlset>"
    )
    (www / "m" / "gaceta.xml").write_text(
        '<rss version="2.0"><channel><title>Gaceta</title>' + _nested("") + "<item>"
        "<title>Gaceta 7</title><link>http://127.0.0.1/g/7</link>"
        "<description>Orden del día de la sesión</description></item></channel></rss>"
    )
    for n in (1, 2):
        (www / "m" / f"doc-{n}.html").write_text(
            f"<html><body><h1>Iniciativa {n}</h1><p>Reforma al código civil {n}.</p></body></html>"
        )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        titles = sorted(doc.title for doc in db.iter_documents())
        assert titles == ["Iniciativa 1"], titles
        for source, page in (("mapa-hondo", "hondo.xml"), ("gaceta-honda", "gaceta.xml")):
            run = db.list_runs(source)[0]
            [example] = run.errors["xml_too_deep"]["examples"]
            assert example["url"].endswith(page) and "limit" in example["message"]
        assert db.list_runs("gaceta-honda")[0].status == "empty"  # it read nothing: never "ok"
    finally:
        db.close()
