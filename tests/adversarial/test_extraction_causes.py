"""A file whose text cannot be extracted is a counted error that says what was wrong with
it: a broken PDF (its page tree loops) and a program served in place of a sentence read
alike as "no se pudo extraer el texto", so an operator could not tell a site's damaged
files from a spec pointing at the wrong links. Crawled end to end from a real server on
127.0.0.1; the good PDF of the same listing keeps its text."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.adversarial.hostile import cyclic_pdf, text_pdf
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

SPEC = {
    "id": "juzgado-civil", "kind": "sentencia", "shape": "html_listing",
    "institution": "Juzgado Primero Civil", "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/"],
    "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text"}},
}  # fmt: skip
FILES = {
    "/bueno.pdf": (text_pdf(["Sentencia definitiva del juicio ordinario civil 12/2024"]),
                   "application/pdf"),
    "/roto.pdf": (cyclic_pdf(), "application/pdf"),
    "/programa.pdf": (b"MZ\x90\x00" + bytes(4000), "application/x-msdownload"),
}  # fmt: skip
LISTING = "<html><body><table><tbody>{}</tbody></table></body></html>".format(
    "".join(f"<tr><td><a href='{path}'>Sentencia {path[1:]}</a></td></tr>" for path in FILES)
).encode()


def _serve() -> Iterator[str]:
    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, kind = FILES.get(self.path, (LISTING, "text/html; charset=utf-8"))
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Site) as url:
        yield url


def test_files_whose_text_cannot_be_extracted_say_why(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado-civil.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    for url in _serve():
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.title: d.text or "" for d in db.iter_documents()}
        run = db.list_runs("juzgado-civil")[0]
    finally:
        db.close()
    assert "juicio ordinario civil 12/2024" in texts["Sentencia bueno.pdf"]
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("extraction_failed", example["message"])
        for example in run.errors["extraction_failed"]["examples"]
    }
    assert said == {
        "roto.pdf": "el archivo está dañado o mal formado: no se pudo leer su texto",
        "programa.pdf": "el tipo del archivo no se lee: no se extrajo su texto",
    }
