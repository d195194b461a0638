"""A feed's ``<link>`` or a sitemap's ``<loc>`` that is no address a crawl can fetch:
``javascript:abrir()``, a ``data:`` URI, a ``mailto:``, a bare ``#``. A feed that follows
its links asked for the feed's own address in their place, which the scheduler dropped
as a duplicate: each such entry was lost, counted as a ``duplicate_links`` and the run
``ok``; a sitemap dropped such ``<loc>`` without a word. Each is now a counted
``missing_link`` said in Spanish, a feed's entry kept with its own text, and the good
links beside them read. Real server on 127.0.0.1, the real ``abierto crawl``."""

from __future__ import annotations

from pathlib import Path

import yaml

from crawlers.causas import errors_with_mensajes
from indexer.db import Database
from tests.http_thread import QuietHandler, serving_handler
from tests.shapes.harness import run_abierto

NO_ADDRESS = ["javascript:abrir()", "data:text/html,hola", "mailto:oficialia@congreso.mx", "#"]
SAID = {
    "javascript:abrir()": "'javascript:abrir()' es solo JavaScript",
    "data:text/html,hola": "'data:text/html,hola' es un enlace «data:»",
    "mailto:oficialia@congreso.mx": "'mailto:oficialia@congreso.mx' es un enlace «mailto:»",
    "#": "'#' solo apunta a una parte de una página (#)",
}
END = ": no es una dirección que se pueda descargar"


class _Site(QuietHandler):
    def do_GET(self) -> None:
        links = [*NO_ADDRESS, "/d-1.html"]
        if self.path == "/canal.xml":
            items = "".join(
                f"<item><title>Aviso {n}</title><link>{link}</link><description>Texto del "
                f"aviso {n} del pleno.</description></item>"
                for n, link in enumerate(links)
            )
            body = f'<rss version="2.0"><channel><title>Avisos</title>{items}</channel></rss>'
            self.answer(body.encode(), "application/rss+xml")
        elif self.path == "/mapa.xml":
            urls = "".join(f"<url><loc>{link}</loc></url>" for link in links)
            body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            self.answer(body.encode(), "application/xml")
        elif self.path == "/lista.html":
            rows = "".join(f"<tr><td><a href='{link}'>ver</a></td></tr>" for link in links)
            page = f"<html><body><table>{rows}</table></body></html>"
            self.answer(page.encode(), "text/html; charset=utf-8")
        elif self.path == "/d-1.html":
            page = "<html><body><h1>Dictamen uno</h1><p>Dictamen de la comisión.</p></body></html>"
            self.answer(page.encode(), "text/html; charset=utf-8")
        else:
            self.answer(b"no", "text/plain", 404)


def _spec(source: str, shape: str, start: str) -> dict[str, object]:
    if shape == "html_listing":
        listing = {"items": "css:table tr", "link": "css:a::attr(href)"}
        return _spec(source, "feed", start) | {"shape": shape, "listing": listing}
    return {
        "id": source, "kind": "legislativo", "shape": shape,
        "institution": "Congreso de Prueba", "jurisdiction": "MX-YUC",
        "start_urls": [f"${{ABIERTO_SAMPLES_URL}}/{start}"],
        "detail": {"fields": {"title": "css:h1::text"}},
    }  # fmt: skip


def test_links_that_are_no_address_are_counted_and_entries_kept(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    shapes = (
        ("avisos", "feed", "canal.xml"),
        ("mapa", "sitemap", "mapa.xml"),
        ("lista", "html_listing", "lista.html"),
    )
    for source, shape, start in shapes:
        (specs / f"{source}.yaml").write_text(yaml.safe_dump(_spec(source, shape, start)))
    with serving_handler(_Site) as url:
        done = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in done.stderr, done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = {(d.source_id, d.url.rpartition("/")[2]) for d in db.iter_documents()}
        runs = {s: db.list_runs(s)[0] for s in ("avisos", "mapa", "lista")}
    finally:
        db.close()
    # the feed's entries with no address are documents of their own text
    assert docs == {("avisos", f"canal.xml#Aviso {n}") for n in range(4)} | {
        ("avisos", "d-1.html"), ("mapa", "d-1.html"), ("lista", "d-1.html"),
    }  # fmt: skip
    said_as = (
        ("avisos", "el enlace de la entrada "),
        ("mapa", "<loc> "),
        ("lista", "listing.link "),  # not «listing.link no encontró nada»: it did
    )
    for source, where in said_as:
        errors = errors_with_mensajes(runs[source].errors)
        assert runs[source].status == "partial" and set(errors) == {"missing_link"}, errors
        assert errors["missing_link"]["count"] == len(NO_ADDRESS)
        said = [e["mensaje"] for e in errors["missing_link"]["examples"]]
        script = "listing.link es solo JavaScript (javascript:abrir())"  # said so before
        assert said and all(
            any(s.endswith(f"{where}{SAID[link]}{END}") for link in NO_ADDRESS)
            or (source == "lista" and script in s)
            for s in said
        ), said
    assert "duplicate_links" not in runs["avisos"].stats
