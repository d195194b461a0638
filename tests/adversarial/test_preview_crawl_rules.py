"""A preview applies the crawl's own rules to what it reads: a listed document on a
host outside ``allowed_domains``, behind a link longer than the crawl requests, or barred
by robots.txt is shown as skipped with the cause the crawl's run counts, and a next page
or frame the crawl would not request is not fetched. The preview fetched them all (it
sends no credentials, any public host was allowed), so it showed documents the crawl
never reads, and the crawl dropped an offsite link without counting it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from indexer.db import Database
from samples.server import serve
from tests.adversarial.court_listing import court_listing
from tests.adversarial.hostile import text_pdf
from tests.adversarial.service import listing_spec, open_api
from tests.e2e.helpers import run_crawl
from tests.http_thread import QuietHandler, serving_handler

LONG = "ver-3.html?expediente=" + "a" * 2100


def _spec(start: str, **listing: Any) -> dict[str, Any]:
    return court_listing("juzgado-reglas", start, listing)


def _site(www: Path, port: int) -> None:
    other = f"http://localhost:{port}"  # the same server under a name outside the domains
    rows = [
        ("1/2024", "ver-1.html"),
        ("2/2024", f"{other}/ver-2.html"),
        ("3/2024", LONG),
        ("4/2024", "bloqueado/ver-4.html"),
    ]
    (www / "listado.html").write_text(
        "<table>"
        + "".join(
            f'<tr class="fila"><td class="exp">{exp}</td><td><a class="ver" href="{href}">ver'
            "</a></td></tr>"
            for exp, href in rows
        )
        + f'</table><a class="siguiente" href="{other}/listado-2.html">siguiente</a>'
    )
    (www / "listado-2.html").write_text(
        '<table><tr class="fila"><td class="exp">5/2024</td><td><a class="ver" '
        'href="ver-1.html">ver</a></td></tr></table>'
    )
    (www / "bloqueado").mkdir()
    for name in ("ver-1", "ver-2", "ver-3", "bloqueado/ver-4"):
        (www / f"{name}.html").write_text(
            f"<html><body><h1>Sentencia {name}</h1><p>Arrendamiento urbano.</p></body></html>"
        )
    (www / "robots.txt").write_text("User-agent: *\nDisallow: /bloqueado/\n")


def _crawl(tmp_path: Path, url: str, spec: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(yaml.safe_dump(spec))
    result = run_crawl(tmp_path / "data", url, sources_dir=specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        urls = [doc.url for doc in db.iter_documents()]
        errors = db.list_runs("juzgado-reglas")[0].errors
    finally:
        db.close()
    return urls, errors


def test_the_preview_skips_what_the_crawl_skips_for_the_same_cause(tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    with serve(www) as server:
        port = int(server.url.rsplit(":", 1)[1])
        _site(www, port)
        rules = {"next_page": "css:a.siguiente::attr(href)", "max_pages": 5}
        spec = SourceSpec.model_validate(_spec(f"{server.url}/listado.html", **rules))
        preview = listing_preview(
            spec, Settings(allow_loopback=True), max_pages=5, max_details=4, time_limit_s=20
        )
        crawled, errors = _crawl(
            tmp_path, server.url, _spec("${ABIERTO_SAMPLES_URL}/listado.html", **rules)
        )
    shown = {d["fields"]["expediente"]: d for d in preview["documents"]}
    read = [d["url"] for d in preview["documents"] if "skipped" not in d]
    assert read == crawled == [f"{server.url}/ver-1.html"]
    causes = {exp: d["skipped"]["cause"] for exp, d in shown.items() if "skipped" in d}
    assert causes == {"2/2024": "offsite", "3/2024": "bad_url", "4/2024": "robots_disallowed"}
    assert "fuera de allowed_domains" in shown["2/2024"]["problemas"][0]
    assert "más de los 2083" in shown["3/2024"]["problemas"][0]
    assert "detail" not in shown["2/2024"]  # never fetched
    # the offsite next page is neither fetched nor offered: the crawl stops at page one
    assert preview["pages"] == 1 and preview["next_page"] is None
    # the crawl counts the same causes: the offsite row and next page too, no longer lost
    assert errors["offsite"]["count"] == 2, errors
    assert errors["bad_url"]["count"] == 1 and errors["robots_disallowed"]["count"] == 1
    assert preview["error_counts"] == {"offsite": 2, "bad_url": 1, "robots_disallowed": 1}
    assert preview["skipped"] == 3
    assert "primera" in preview["alcance"] or "primeras" in preview["alcance"]


def test_a_frame_barred_by_robots_is_not_read_by_the_preview(tmp_path: Path) -> None:
    """A frameset whose listing frame robots.txt bars: the crawl reads nothing from it,
    and the preview, which read the frame and showed its items, now says why."""
    www = tmp_path / "www"
    www.mkdir()
    with serve(www) as server:
        _site(www, int(server.url.rsplit(":", 1)[1]))
        (www / "bloqueado" / "listado.html").write_text((www / "listado.html").read_text())
        (www / "marcos.html").write_text(
            '<html><frameset cols="20%,80%"><frame src="bloqueado/listado.html"></frameset></html>'
        )
        spec = SourceSpec.model_validate(_spec(f"{server.url}/marcos.html"))
        preview = listing_preview(spec, Settings(allow_loopback=True), time_limit_s=20)
        crawled, errors = _crawl(tmp_path, server.url, _spec("${ABIERTO_SAMPLES_URL}/marcos.html"))
    assert preview["documents"] == [] == crawled
    assert errors["robots_disallowed"]["count"] == 1, errors
    assert preview["error_counts"]["robots_disallowed"] == 1, preview["errors"]


def test_the_api_answer_and_the_sources_page_say_what_the_preview_reads(tmp_path: Path) -> None:
    """Through the API (the preview's own process): the skipped document with its cause
    in Spanish, and what the preview reads compared with the crawl, in the answer and on
    /fuentes."""
    www = tmp_path / "www"
    www.mkdir()
    api = open_api(tmp_path / "data")
    try:
        with serve(www) as server:
            _site(www, int(server.url.rsplit(":", 1)[1]))
            rules = {"items": "css:tr.fila", "link": "css:a.ver::attr(href)"}
            spec = listing_spec(
                f"{server.url}/listado.html", allowed_domains=["127.0.0.1"], listing=rules
            )
            answer = api.client.post("/v1/sources/preview", json=spec, headers=api.headers)
        assert answer.status_code == 200, answer.text
        shown = answer.json()
        skipped = [d["skipped"] for d in shown["documents"] if d["skipped"]]
        assert [s["cause"] for s in skipped] == ["offsite", "bad_url", "robots_disallowed"]
        assert "fuera de allowed_domains" in skipped[0]["mensaje"]
        assert shown["skipped"] == 3
        assert "el rastreo lee todas las páginas" in shown["alcance"]
        page = api.client.get("/fuentes")
        assert "se muestra como omitido" in page.text or "aparece como omitido" in page.text
        assert "primera página" in page.text
    finally:
        api.close()


def test_a_feed_preview_counts_an_entry_outside_the_domains(tmp_path: Path) -> None:
    """A feed's preview is a trial crawl: an entry on a host outside ``allowed_domains``
    is not read by it, and now says so (``offsite``) instead of vanishing."""
    www = tmp_path / "www"
    www.mkdir()
    api = open_api(tmp_path / "data")
    try:
        with serve(www) as server:
            other = server.url.replace("127.0.0.1", "localhost")
            items = "".join(
                f"<item><title>Boletín {n}</title><link>{url}/b{n}.html</link></item>"
                for n, url in ((1, server.url), (2, other))
            )
            (www / "feed.xml").write_text(
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>{items}'
                "</channel></rss>"
            )
            for n in (1, 2):
                (www / f"b{n}.html").write_text(
                    f"<h1>Boletín {n}</h1><p>Contenido del boletín número {n}.</p>"
                )
            spec = {
                "id": "pj-gto-boletines", "kind": "sentencia", "jurisdiction": "MX-GUA",
                "shape": "feed", "start_urls": [f"{server.url}/feed.xml"],
                "allowed_domains": ["127.0.0.1"],
            }  # fmt: skip
            answer = api.client.post("/v1/sources/preview", json=spec, headers=api.headers)
        assert answer.status_code == 200, answer.text
        shown = answer.json()
        assert [d["url"] for d in shown["documents"]] == [f"{server.url}/b1.html"]
        [offsite] = [e for e in shown["notices"] if e["cause"] == "offsite"]
        assert f"{other}/b2.html" in offsite["mensaje"], offsite
        assert "rastreo real" in shown["alcance"]
    finally:
        api.close()


class _Moving(QuietHandler):
    """A start page sending on to the listing by a meta refresh; a listing of four
    sentences: one read where it is, one whose address redirects to a host outside
    ``allowed_domains``, one whose file redirects to itself under a session
    (``;jsessionid=…``), one whose page sends off the domains by a meta refresh."""

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        path = self.path
        if path in ("/inicio.html", "/refresca.html"):  # sent on by a meta refresh
            where = (
                "listado.html" if path == "/inicio.html" else f"http://localhost:{port}/ver-4.html"
            )
            page = f'<html><head><meta http-equiv="refresh" content="0; url={where}"></head></html>'
            self.answer(page.encode(), "text/html; charset=utf-8")
        elif path == "/listado.html":
            rows = [("1/2024", "ver-1.html"), ("2/2024", "mudado.html"), ("3/2024", "s.pdf"),
                    ("4/2024", "refresca.html")]  # fmt: skip
            self.answer(
                "".join(
                    f'<tr class="fila"><td class="exp">{exp}</td><td><a class="ver" '
                    f'href="{href}">ver</a></td></tr>'
                    for exp, href in rows
                )
                .join(("<table>", "</table>"))
                .encode(),
                "text/html; charset=utf-8",
            )
        elif path in ("/mudado.html", "/s.pdf"):
            where = {
                "/mudado.html": f"http://localhost:{port}/ver-2.html",
                "/s.pdf": f"/s.pdf;jsessionid=A1B2C3D4E5F6{time.monotonic_ns()}",
            }[path]
            self.send_response(302)
            self.send_header("Location", where)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path.startswith("/s.pdf;"):
            self.answer(text_pdf(["Sentencia 3/2024: arrendamiento urbano"]), "application/pdf")
        elif path.startswith("/ver-"):
            body = "<html><body><h1>Sentencia</h1><p>Arrendamiento urbano.</p></body></html>"
            self.answer(body.encode(), "text/html; charset=utf-8")
        else:
            self.answer(b"", "text/plain", status=404)


def test_a_redirect_off_the_domains_is_skipped_in_the_preview_as_the_crawl_counts_it(
    tmp_path: Path,
) -> None:
    """A listed address on the allowed host that redirects outside ``allowed_domains``:
    the crawl counts it ``offsite`` and keeps nothing of it; the preview showed it as an
    item to be read (its fetch error aside, with no skipped mark). A meta refresh is
    followed as the crawl follows it: the start page's to the listing (the preview saw
    an empty listing), a document's off the domains (skipped). And a file reached
    through a redirect that adds a session is shown at the address the crawl keeps."""
    with serving_handler(_Moving) as url:
        spec = SourceSpec.model_validate(_spec(f"{url}/inicio.html"))
        preview = listing_preview(
            spec, Settings(allow_loopback=True), max_details=4, time_limit_s=20
        )
        crawled, errors = _crawl(tmp_path, url, _spec("${ABIERTO_SAMPLES_URL}/inicio.html"))
    shown = {d["fields"]["expediente"]: d for d in preview["documents"]}
    assert shown["2/2024"]["skipped"]["cause"] == "offsite", shown["2/2024"]
    assert shown["4/2024"]["skipped"]["cause"] == "offsite", shown["4/2024"]
    assert "fuera de allowed_domains" in shown["2/2024"]["problemas"][0]
    assert "localhost" in shown["2/2024"]["problemas"][0]
    read = sorted(d["url"] for d in preview["documents"] if "skipped" not in d)
    assert read == sorted(crawled) == [f"{url}/s.pdf", f"{url}/ver-1.html"]
    assert preview["skipped"] == 2 and preview["error_counts"] == {"offsite": 2}
    assert errors == {"offsite": errors["offsite"]} and errors["offsite"]["count"] == 2, errors
    assert shown["3/2024"]["files"] == [f"{url}/s.pdf"]


class _Large(QuietHandler):
    def do_GET(self) -> None:
        if self.path == "/listado.html":
            row = (
                '<tr class="fila"><td class="exp">9/2024</td><td><a class="ver" href="grande.html">'
            )
            self.answer(f"<table>{row}ver</a></td></tr></table>".encode(), "text/html")
        else:
            self.answer(
                b"<html><body><p>" + b"Texto de la sentencia. " * 400 + b"</p></body></html>",
                "text/html",
            )


def test_a_page_past_the_previews_size_limit_says_the_limit_and_the_bytes_read() -> None:
    """The preview's size refusal named the limit in English and the Spanish said only
    «archivo demasiado grande»."""
    with serving_handler(_Large) as url:
        spec = SourceSpec.model_validate(_spec(f"{url}/listado.html"))
        preview = listing_preview(
            spec, Settings(allow_loopback=True, obey_robots=False, max_page_bytes=2000),
            time_limit_s=20,
        )  # fmt: skip
    [error] = [e for e in preview["errors"] if e["cause"] == "too_large"]
    said = error_mensaje("too_large", error["message"])
    assert said.startswith(
        "la respuesta pasó el límite de tamaño de 2000 bytes mientras llegaba y se cortó "
        "(se leyeron "
    ), said
