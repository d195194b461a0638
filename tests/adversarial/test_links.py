"""A malformed link on a page (port 99999, a port that is not a number, a broken IPv6
host) costs its own item only: it is a counted ``bad_url`` error with an example, and the
other rows of the page, before and after it, are kept — in a crawl and in a preview."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from crawlers.fetch import FetchError, fetch
from crawlers.links import BadLink, absolute
from indexer.db import Database
from indexer.db.registry import Registry
from indexer.library import Library
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

BAD_LINKS = ["http://127.0.0.1:99999/x.html", "http://127.0.0.1:abc/y.html", "http://[::1/z.html"]


def test_absolute_tells_a_malformed_link_from_a_missing_one() -> None:
    assert absolute("http://a.gob.mx/lista/", " doc 1.html ") == "http://a.gob.mx/lista/doc 1.html"
    assert absolute("http://a.gob.mx/", None) is None
    assert absolute("http://a.gob.mx/", "javascript:void(0)") is None
    for link in BAD_LINKS:
        with pytest.raises(BadLink, match=r"Port|IPv6"):
            absolute("http://a.gob.mx/", link)


def test_a_redirect_to_a_malformed_port_is_a_bad_url_in_a_preview_fetch(tmp_path: Path) -> None:
    case = tmp_path / "r"
    case.mkdir()
    routes = {"routes": [{"path": "/doc.html", "redirect": "http://127.0.0.1:99999/doc.html"}]}
    (case / "_http.yaml").write_text(yaml.safe_dump(routes), encoding="utf-8")
    with FixtureServer(tmp_path) as server, pytest.raises(FetchError) as failed:
        fetch(f"{server.url}/r/doc.html", allow_loopback=True, user_agent="prueba",
              max_bytes=10_000, deadline=time.monotonic() + 10)  # fmt: skip
    assert failed.value.cause == "bad_url" and "99999" in str(failed.value)


def _listing() -> str:
    rows = ["<tr><td class='t'>Sentencia uno</td><td><a href='uno.html'>ver</a></td></tr>"]
    rows += [f"<tr><td class='t'>Mala {n}</td><td><a href='{u}'>ver</a></td></tr>"
             for n, u in enumerate(BAD_LINKS)]  # fmt: skip
    rows += ["<tr><td class='t'>Sentencia dos</td><td><a href='dos.html'>ver</a></td></tr>"]
    return f"<html><body><table><tbody>{''.join(rows)}</tbody></table></body></html>"


def _feed() -> str:
    items = [
        ("Boletín uno", "uno.html"),
        ("Boletín malo", BAD_LINKS[0]),
        ("Boletín dos", "dos.html"),
    ]
    entries = "".join(
        f"<item><title>{t}</title><link>{{{{BASE}}}}/sitio/{link}</link>"
        f"<pubDate>Mon, 03 Feb 2025 10:00:00 GMT</pubDate></item>"
        if not link.startswith("http") else
        f"<item><title>{t}</title><link>{link}</link></item>"
        for t, link in items
    )  # fmt: skip
    channel = f"<channel><title>Boletines</title>{entries}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>"


def _sitemap() -> str:
    locs = ["{{BASE}}/sitio/uno.html", BAD_LINKS[1], "{{BASE}}/sitio/dos.html"]
    urls = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"


def _api() -> str:
    records = [{"id": "uno", "titulo": "Acuerdo uno"}, {"id": "malo", "titulo": "Acuerdo malo",
               "liga": BAD_LINKS[0]}, {"id": "dos", "titulo": "Acuerdo dos"}]  # fmt: skip
    for record in records:
        record.setdefault("liga", "{{BASE}}/sitio/" + record["id"] + ".html")
    return json.dumps({"total": 3, "resultados": records})


def _page(title: str) -> str:
    return f"<html><body><h1>{title}</h1><p>{'Texto de la resolución. ' * 20}</p></body></html>"


def _site(root: Path) -> Path:
    site = root / "sitio"
    site.mkdir(parents=True)
    (site / "lista.html").write_text(_listing(), encoding="utf-8")
    (site / "feed.xml").write_text(_feed(), encoding="utf-8")
    (site / "sitemap.xml").write_text(_sitemap(), encoding="utf-8")
    (site / "api.json").write_text(_api(), encoding="utf-8")
    (site / "uno.html").write_text(_page("Sentencia uno"), encoding="utf-8")
    (site / "dos.html").write_text(_page("Sentencia dos"), encoding="utf-8")
    return site


LISTING_SPEC = {
    "id": "lista-con-enlace-malo",
    "kind": "sentencia",
    "institution": "Poder Judicial del Estado de Guanajuato",
    "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitio/lista.html"],
    "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:td.t::text"}},
}  # fmt: skip
FEED_SPEC = {
    "id": "feed-con-enlace-malo",
    "kind": "legislativo",
    "shape": "feed",
    "institution": "H. Congreso del Estado de Guanajuato",
    "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitio/feed.xml"],
}
SITEMAP_SPEC = FEED_SPEC | {
    "id": "mapa-con-enlace-malo", "shape": "sitemap",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitio/sitemap.xml"],
    "detail": {"fields": {"title": "css:h1::text"}},
}  # fmt: skip
API_SPEC = FEED_SPEC | {
    "id": "api-con-enlace-malo", "shape": "json_api",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/sitio/api.json"],
    "json_api": {"records": "resultados", "total": "total", "link": "{liga}", "follow": True,
                 "fields": {"title": "titulo"}},
}  # fmt: skip


def test_a_crawl_keeps_the_rows_around_a_malformed_link_and_counts_it(tmp_path: Path) -> None:
    _site(tmp_path / "www")
    specs = tmp_path / "specs"
    specs.mkdir()
    for spec in (LISTING_SPEC, FEED_SPEC, SITEMAP_SPEC, API_SPEC):
        (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with FixtureServer(tmp_path / "www") as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        titles = {(d.source_id, d.title) for d in db.iter_documents()}
        listing_run = db.list_runs(LISTING_SPEC["id"])[0]
        runs = {
            spec["id"]: db.list_runs(spec["id"])[0] for spec in (FEED_SPEC, SITEMAP_SPEC, API_SPEC)
        }
    finally:
        db.close()
    assert {t for s, t in titles if s == LISTING_SPEC["id"]} == {"Sentencia uno", "Sentencia dos"}
    assert {t for s, t in titles if s == FEED_SPEC["id"]} == {"Boletín uno", "Boletín dos"}
    assert {t for s, t in titles if s == API_SPEC["id"]} == {"Acuerdo uno", "Acuerdo dos"}
    assert {t for s, t in titles if s == SITEMAP_SPEC["id"]} == {"Sentencia uno", "Sentencia dos"}
    bad = listing_run.errors["bad_url"]
    assert bad["count"] == 3 and listing_run.stats["errors"] == 3
    messages = " ".join(e["message"] for e in bad["examples"])
    assert "item 2" in messages and "99999" in messages and "abc" in messages
    for run in runs.values():
        assert run.errors["bad_url"]["count"] == 1 and run.stats["errors"] == 1, run.errors


def test_a_preview_reports_the_malformed_link_and_shows_the_other_rows(tmp_path: Path) -> None:
    _site(tmp_path / "www")
    config = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    library = Library.open(config)
    registry = Registry(library.db)
    registry.add_institution("pj-gto", "Poder Judicial del Estado de Guanajuato", "court", "MX-GUA")
    _, key = registry.issue_key("pj-gto")
    client = TestClient(create_app(library, config))
    with FixtureServer(tmp_path / "www") as server:
        spec = LISTING_SPEC | {
            "id": "pj-gto-lista",
            "start_urls": [f"{server.url}/sitio/lista.html"],
        }
        response = client.post(
            "/v1/sources/preview", json=spec, headers={"Authorization": f"Bearer {key}"}
        )
    library.close()
    assert response.status_code == 200, response.text
    body = response.json()
    documents = body["documents"]
    assert [d["fields"].get("title") for d in documents] == [
        "Sentencia uno", "Mala 0", "Mala 1", "Mala 2", "Sentencia dos"
    ]  # fmt: skip
    assert documents[0]["url"].endswith("/sitio/uno.html") and documents[0]["problems"] == []
    assert documents[1]["url"] is None and "99999" in documents[1]["problems"][0]
    assert [e["cause"] for e in body["errors"]] == ["bad_url"] * 3
