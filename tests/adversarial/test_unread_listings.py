"""A sitemap or feed refused as unreadable (an entity bomb, a page that is no sitemap, an
answer that is no feed) cost the run every item it would have listed, yet no page was
counted as lost: the run was ``partial`` with «1 error (not_a_sitemap 1)» and nothing
saying that a whole listing went unread. Its message now names each listing not read,
its address and why, in English and in Spanish (what the institution's health page
shows), without a number of items it cannot know. Crawled end to end from a real
server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import label, run_mensaje
from indexer.db import Database
from samples.server import serve
from tests.e2e.helpers import run_crawl

SITEMAPS = """
id: mapa-ilegible
kind: legislativo
shape: sitemap
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/m/bueno.xml", "${ABIERTO_SAMPLES_URL}/m/bomba.xml"]
detail:
  fields: {title: "css:h1::text"}
"""
FEEDS = """
id: gaceta-ilegible
kind: legislativo
shape: feed
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/m/gaceta.xml", "${ABIERTO_SAMPLES_URL}/m/aviso.xml"]
feed: {follow: false}
"""
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    "<urlset><url><loc>doc-2.html&b;</loc></url></urlset>"
)


def test_a_refused_sitemap_or_feed_is_named_as_not_read(tmp_path: Path) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    (www / "m").mkdir(parents=True)
    specs.mkdir()
    (specs / "mapa.yaml").write_text(SITEMAPS)
    (specs / "gaceta.yaml").write_text(FEEDS)
    (www / "m" / "bueno.xml").write_text("<urlset><url><loc>doc-1.html</loc></url></urlset>")
    (www / "m" / "bomba.xml").write_text(BOMB)
    (www / "m" / "gaceta.xml").write_text(
        '<rss version="2.0"><channel><title>Gaceta</title><item>'
        "<title>Gaceta 7</title><link>http://127.0.0.1/g/7</link>"
        "<description>Orden del día de la sesión</description></item></channel></rss>"
    )
    (www / "m" / "aviso.xml").write_text("<aviso><texto>Sitio en mantenimiento</texto></aviso>")
    (www / "m" / "doc-1.html").write_text(
        "<html><body><h1>Iniciativa 1</h1><p>Reforma al código civil.</p></body></html>"
    )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
        url = server.url
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        sitemap, feed = db.list_runs("mapa-ilegible")[0], db.list_runs("gaceta-ilegible")[0]
    finally:
        db.close()
    [bomb_cause] = sitemap.errors  # the entity bomb, refused before it is expanded
    assert (sitemap.status, feed.status) == ("partial", "partial")
    assert sitemap.stats["lost_sitemaps"] == 1 and feed.stats["lost_feeds"] == 1
    assert sitemap.message.endswith(f"not read: 1 sitemap ({url}/m/bomba.xml: {bomb_cause})")
    assert feed.message.endswith(f"not read: 1 feed ({url}/m/aviso.xml: not_a_feed)")
    assert run_mensaje(feed.status, feed.message) == (
        "1 error (no es un canal RSS o Atom: 1); no se leyeron: 1 canal RSS o Atom "
        f"({url}/m/aviso.xml: no es un canal RSS o Atom)"
    )
    said = run_mensaje(sitemap.status, sitemap.message)
    assert said is not None and said.endswith(
        f"no se leyeron: 1 mapa del sitio ({url}/m/bomba.xml: {label(bomb_cause)})"
    ), said


FAILED_SITEMAPS = SITEMAPS.replace("mapa-ilegible", "mapa-caido").replace("bomba", "falta")
FAILED_FEEDS = FEEDS.replace("gaceta-ilegible", "gaceta-caida").replace("aviso", "falta")
FAILED_API = """
id: api-caida
kind: legislativo
shape: json_api
institution: Congreso de Prueba
jurisdiction: MX-YUC
start_urls: ["${ABIERTO_SAMPLES_URL}/m/api.json", "${ABIERTO_SAMPLES_URL}/m/falta.json"]
json_api: {records: data, link: "doc-{id}.html", fields: {title: titulo}}
"""


def test_a_sitemap_feed_or_api_answer_the_server_refused_is_named_as_such(
    tmp_path: Path,
) -> None:
    """A sitemap, feed or API answer that failed with an HTTP error (a 404) was counted
    as a «listing page» lost and named nowhere: the operator looked for a listing page
    the source does not have. It is counted and named under its own kind."""
    www, specs = tmp_path / "www", tmp_path / "specs"
    (www / "m").mkdir(parents=True)
    specs.mkdir()
    (specs / "mapa.yaml").write_text(FAILED_SITEMAPS)
    (specs / "gaceta.yaml").write_text(FAILED_FEEDS)
    (specs / "api.yaml").write_text(FAILED_API)
    (www / "m" / "bueno.xml").write_text("<urlset><url><loc>doc-1.html</loc></url></urlset>")
    (www / "m" / "gaceta.xml").write_text(
        '<rss version="2.0"><channel><title>Gaceta</title><item>'
        "<title>Gaceta 7</title><link>http://127.0.0.1/g/7</link>"
        "<description>Orden del día de la sesión</description></item></channel></rss>"
    )
    (www / "m" / "api.json").write_text('{"data": [{"id": 1, "titulo": "Iniciativa 1"}]}')
    (www / "m" / "doc-1.html").write_text(
        "<html><body><h1>Iniciativa 1</h1><p>Reforma al código civil.</p></body></html>"
    )
    with serve(www) as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
        url = server.url
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        runs = {s: db.list_runs(s)[0] for s in ("mapa-caido", "gaceta-caida", "api-caida")}
    finally:
        db.close()
    said = {
        "mapa-caido": ("sitemap", "lost_sitemaps", f"{url}/m/falta.xml", "1 mapa del sitio"),
        "gaceta-caida": ("feed", "lost_feeds", f"{url}/m/falta.xml", "1 canal RSS o Atom"),
        "api-caida": (
            "API answer", "lost_api_answers", f"{url}/m/falta.json", "1 respuesta de la API"
        ),
    }  # fmt: skip
    for source, (kind, key, missing, dicho) in said.items():
        run = runs[source]
        assert run.status == "partial", (source, run.status, run.message)
        assert run.stats[key] == 1 and not run.stats.get("lost_pages"), (source, run.stats)
        assert run.message.endswith(f"not read: 1 {kind} ({missing}: http_404)"), run.message
        mensaje = run_mensaje(run.status, run.message)
        assert mensaje is not None and mensaje.endswith(
            f"no se leyeron: {dicho} ({missing}: {label('http_404')})"
        ), mensaje
