"""A ``206 Partial Content`` the crawl never asked for (no ``Range`` in its request): a
site or a cache in front of it that sends part of a file. Scrapy takes every 2xx as the
answer, so a sentence's page cut after its first lines was saved as the whole document
(a paragraph, no error), a PDF's first half was called a damaged file, and a JSON API's
page cut mid-record read as "not JSON". Each is now a counted ``partial_content`` error
saying which part came, on every shape (one downloader middleware) and in a preview's
own fetch; a 206 that spans the whole file is read as the file, and the good row beside
them is kept. Real servers on 127.0.0.1, real crawls."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import yaml

from crawlers.causas import error_mensaje
from crawlers.fetch import FetchError, fetch
from indexer.db import Database
from tests.adversarial.hostile import text_pdf
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

TEXT = "Texto íntegro de la sentencia dictada por el juzgado en el amparo directo. " * 8
PAGE = f"<html><head><title>Sentencia</title></head><body><main>{TEXT}</main></body></html>"
PDF = text_pdf(["Sentencia del amparo directo 7/2024 dictada por el tribunal colegiado"])
LISTING = {
    "id": "juzgado-parcial", "kind": "sentencia", "institution": "Juzgado de Prueba",
    "jurisdiction": "MX-OAX", "start_urls": ["${ABIERTO_SAMPLES_URL}/"],
    "listing": {"items": "css:tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text"}},
}  # fmt: skip
API = {
    "id": "stj-parcial", "kind": "sentencia", "shape": "json_api",
    "institution": "Supremo Tribunal de Justicia del Estado de Jalisco",
    "jurisdiction": "MX-JAL", "start_urls": ["${ABIERTO_SAMPLES_URL}/api"],
    "json_api": {"records": "data", "next": "siguiente", "link": "/toca/{id}",
                 "text": "resumen", "fields": {"title": "Toca {expediente}"}},
}  # fmt: skip


def _page(records: list[int], following: str | None) -> bytes:
    data = [{"id": n, "expediente": f"{n}/2016", "resumen": f"Sentencia del toca {n}."}
            for n in records]  # fmt: skip
    return json.dumps({"siguiente": following, "data": data}).encode()


def _part(body: bytes, cut: int | None, declared: str | None = None) -> tuple[int, bytes, dict]:
    """A 206 carrying ``body[:cut]`` (the whole when ``cut`` is None) and its Content-Range."""
    sent = body if cut is None else body[:cut]
    spans = declared if declared is not None else f"bytes 0-{len(sent) - 1}/{len(body)}"
    return 206, sent, {"Content-Range": spans} if spans else {}


ANSWERS: dict[str, tuple[int, bytes, dict]] = {
    "/buena": (200, PAGE.encode(), {}),
    "/cortada": _part(PAGE.encode(), 180),
    "/cortada.pdf": _part(PDF, len(PDF) // 2),
    "/sin-rango": _part(PAGE.replace("Sentencia", "Acuerdo").encode(), 200, declared=""),
    "/entera.pdf": _part(PDF, None),
    "/api": (200, _page([550, 551], "/api?pagina=2"), {}),
    "/api?pagina=2": _part(_page([552, 553], None), 40),
}
KINDS = {".pdf": "application/pdf", "/api": "application/json"}


def _listing() -> bytes:
    rows = ("/buena", "/cortada", "/cortada.pdf", "/sin-rango", "/entera.pdf")
    cells = "".join(f"<tr><td><a href='{row}'>Sentencia {n}/2024</a></td></tr>"
                    for n, row in enumerate(rows, 1))  # fmt: skip
    return f"<html><body><table>{cells}</table></body></html>".encode()


@pytest.fixture
def site() -> Iterator[str]:
    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/":
                status, body, headers = 200, _listing(), {}
            elif self.path.startswith("/toca/"):
                status, body, headers = 200, PAGE.encode(), {}
            else:
                status, body, headers = ANSWERS.get(self.path, (404, b"", {}))
            kind = next((k for end, k in KINDS.items() if end in self.path), "text/html")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Site) as url:
        yield url


def _crawl(tmp_path: Path, url: str, spec: dict) -> tuple[list[str], dict[str, str], dict]:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{spec['id']}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    started = time.monotonic()
    result = run_abierto(tmp_path / "data", url, specs)
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        kept = sorted(d.url.rsplit("/", 1)[1] for d in db.iter_documents())
        run = db.list_runs(spec["id"])[0]
    finally:
        db.close()
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje(cause, example["message"])
        for cause, entry in run.errors.items()
        for example in entry["examples"]
    }
    return kept, said, run.errors


def test_parts_of_pages_and_files_are_counted_never_saved_as_whole(
    tmp_path: Path, site: str
) -> None:
    kept, said, errors = _crawl(tmp_path, site, LISTING)
    assert kept == ["buena", "entera.pdf"], said
    part = "el sitio envió solo una parte de la respuesta (HTTP 206: {}) sin que se le pidiera: "
    assert said == {
        "cortada": part.format(f"los bytes 0 a 179 de {len(PAGE.encode())}") + "no se guardó",
        "cortada.pdf": part.format(f"los bytes 0 a {len(PDF) // 2 - 1} de {len(PDF)}")
        + "no se guardó",
        "sin-rango": part.format("sin decir cuál: no trae un Content-Range legible")
        + "no se guardó",
    }, errors
    assert errors["partial_content"]["count"] == 3


def test_a_part_of_an_api_page_is_counted_and_the_first_page_kept(
    tmp_path: Path, site: str
) -> None:
    kept, said, errors = _crawl(tmp_path, site, API)
    assert kept == ["550", "551"], said
    whole = len(_page([552, 553], None))
    assert said == {
        "api?pagina=2": "el sitio envió solo una parte de la respuesta (HTTP 206: los bytes 0 "
        f"a 39 de {whole}) sin que se le pidiera: no se guardó"
    }, errors


def test_a_preview_fetch_refuses_a_part_too(site: str) -> None:
    with pytest.raises(FetchError) as info:
        fetch(f"{site}/cortada", allow_loopback=True, user_agent="prueba",
              max_bytes=1 << 20, deadline=time.monotonic() + 30)  # fmt: skip
    assert info.value.cause == "partial_content"
    assert error_mensaje("partial_content", str(info.value)).startswith(
        "el sitio envió solo una parte de la respuesta (HTTP 206: los bytes 0 a 179 de "
    )
    whole = fetch(f"{site}/entera.pdf", allow_loopback=True, user_agent="prueba",
                  max_bytes=1 << 20, deadline=time.monotonic() + 30)  # fmt: skip
    assert whole.body == PDF
