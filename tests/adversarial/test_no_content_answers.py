"""``204 No Content`` (and ``205``, or a ``202`` with an empty body) where a document was
asked for. Scrapy takes every 2xx as the answer: a detail page answering 204 was saved as
a document with no text, counted "el archivo no tiene texto que extraer", and a JSON API
page answering 204 as "la API no respondió con JSON". The site said there is nothing
there: that is the counted error, and nothing empty is saved (a document whose file
answers 204 keeps its page). Real servers on 127.0.0.1, real crawls."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

TEXT = "Texto íntegro de la sentencia dictada por el juzgado en el amparo directo. " * 8
PAGE = f"<html><head><title>Sentencia</title></head><body><main>{TEXT}</main></body></html>"
WITH_FILE = PAGE.replace("</main>", "</main><iframe src='/anexo.pdf'></iframe>")
LISTING = {
    "id": "juzgado-vacio", "kind": "sentencia", "institution": "Juzgado de Prueba",
    "jurisdiction": "MX-OAX", "start_urls": ["${ABIERTO_SAMPLES_URL}/"],
    "listing": {"items": "css:tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text"}},
}  # fmt: skip
API = {
    "id": "stj-vacio", "kind": "sentencia", "shape": "json_api",
    "institution": "Supremo Tribunal de Justicia del Estado de Jalisco",
    "jurisdiction": "MX-JAL", "start_urls": ["${ABIERTO_SAMPLES_URL}/api"],
    "json_api": {"records": "data", "next": "siguiente", "link": "/toca/{id}",
                 "text": "resumen", "fields": {"title": "Toca {expediente}"}},
}  # fmt: skip
FIRST = {"siguiente": "/api?pagina=2", "data": [
    {"id": n, "expediente": f"{n}/2016", "resumen": f"Sentencia del toca {n}."}
    for n in (550, 551)
]}  # fmt: skip
ANSWERS: dict[str, tuple[int, bytes]] = {
    "/buena": (200, PAGE.encode()),
    "/sin-contenido": (204, b""),
    "/restablecer": (205, b""),
    "/aceptada": (202, b""),
    "/con-anexo": (200, WITH_FILE.encode()),
    "/anexo.pdf": (204, b""),
    "/api": (200, json.dumps(FIRST).encode()),
    "/api?pagina=2": (204, b""),
    "/feed.xml": (204, b""),
    "/sitemap.xml": (205, b""),
    "/robots.txt": (204, b""),
    "/lista-vacia": (204, b""),
    "/transmisiones": (202, b""),
}
ROWS = ("/buena", "/sin-contenido", "/restablecer", "/aceptada", "/con-anexo")


@pytest.fixture
def site() -> Iterator[str]:
    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/":
                cells = "".join(f"<tr><td><a href='{row}'>Sentencia {n}/2024</a></td></tr>"
                                for n, row in enumerate(ROWS, 1))  # fmt: skip
                status, body = 200, f"<html><body><table>{cells}</table></body></html>".encode()
            elif self.path.startswith("/toca/"):
                status, body = 200, PAGE.encode()
            else:
                status, body = ANSWERS.get(self.path, (404, b""))
            self.send_response(status)
            kind = "application/json" if self.path.startswith("/api") else "text/html"
            self.send_header("Content-Type", kind)
            if status != 204:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Site) as url:
        yield url


def _crawl(tmp_path: Path, url: str, spec: dict) -> tuple[dict[str, str], dict[str, str], dict]:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        kept = {d.url.rsplit("/", 1)[1]: d.text or "" for d in db.iter_documents()}
        run = db.list_runs(spec["id"])[0]
    finally:
        db.close()
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje(cause, example["message"])
        for cause, entry in run.errors.items()
        for example in entry["examples"]
    }
    return kept, said, run.errors


def test_a_page_or_file_answering_no_content_is_counted_never_saved_empty(
    tmp_path: Path, site: str
) -> None:
    kept, said, errors = _crawl(tmp_path, site, LISTING)
    assert sorted(kept) == ["buena", "con-anexo"], said
    assert all("amparo directo" in text for text in kept.values())
    nothing = "el sitio respondió HTTP {}, sin contenido: no había nada que leer"
    assert said == {
        "sin-contenido": nothing.format(204),
        "restablecer": nothing.format(205),
        "aceptada": nothing.format(202),
        "anexo.pdf": nothing.format(204),
    }, errors
    assert errors["no_content"]["count"] == 4


def test_an_api_page_answering_no_content_is_counted_and_the_first_kept(
    tmp_path: Path, site: str
) -> None:
    kept, said, errors = _crawl(tmp_path, site, API)
    assert sorted(kept) == ["550", "551"], said
    assert said == {
        "api?pagina=2": "el sitio respondió HTTP 204, sin contenido: no había nada que leer"
    }, errors


LISTED = {
    "gaceta-feed": {"shape": "feed", "start_urls": ["${ABIERTO_SAMPLES_URL}/feed.xml"]},
    "gaceta-mapa": {"shape": "sitemap", "start_urls": ["${ABIERTO_SAMPLES_URL}/sitemap.xml"],
                    "detail": {"fields": {"title": "css:title::text"}}},
    "gaceta-lista": {"start_urls": ["${ABIERTO_SAMPLES_URL}/lista-vacia"],
                     "listing": {"items": "css:tr", "link": "css:a::attr(href)"}},
    "gaceta-robots": {"shape": "sitemap", "start_urls": ["${ABIERTO_SAMPLES_URL}/robots.txt"],
                      "detail": {"fields": {"title": "css:title::text"}}},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(LISTED))
def test_a_feed_sitemap_or_listing_answering_no_content_is_counted_so(
    tmp_path: Path, site: str, name: str
) -> None:
    """The site said its feed, sitemap or listing has nothing now: ``no_content``, as a
    detail page, never "no es un feed" or a selector that matched nothing. A robots.txt
    answering 204 has no rules (and names no sitemap): no error."""
    spec = {"id": name, "kind": "legislativo", "institution": "Congreso de Prueba",
            "jurisdiction": "MX-OAX"} | LISTED[name]  # fmt: skip
    kept, said, errors = _crawl(tmp_path, site, spec)
    assert kept == {}
    if name == "gaceta-robots":
        assert errors == {}, errors
        return
    assert list(errors) == ["no_content"], errors
    [(_, message)] = said.items()
    assert message.startswith("el sitio respondió HTTP 20"), message
    assert message.endswith("sin contenido: no había nada que leer"), message


def test_a_video_channel_page_answering_no_content_is_counted_so(tmp_path: Path, site: str) -> None:
    spec = {
        "id": "canal-vacio", "kind": "sesion", "shape": "video_channel",
        "institution": "Congreso de Prueba", "jurisdiction": "MX-OAX",
        "start_urls": ["${ABIERTO_SAMPLES_URL}/transmisiones"],
        "video_channel": {"format": "page", "items": "css:article",
                          "fields": {"title": "css:h2"}},
    }  # fmt: skip
    kept, said, errors = _crawl(tmp_path, site, spec)
    assert kept == {} and list(errors) == ["no_content"], errors
    assert said == {
        "transmisiones": "el sitio respondió HTTP 202, sin contenido: no había nada que leer"
    }
