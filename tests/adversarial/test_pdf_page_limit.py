"""A PDF longer than the extraction's page limit keeps the text of the pages read, and
the crawl says so: before, the pages past the limit were dropped without a counted
error or a mark, and a search for their words found nothing with no one the wiser.
Crawled end to end from a real server on 127.0.0.1 with the limit lowered to 3 pages
(``ABIERTO_EXTRACT_MAX_PAGES``) so the PDF stays small; every page has its own text."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.adversarial.hostile import text_pdf
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

SPEC = {
    "id": "juzgado-civil", "kind": "sentencia", "shape": "html_listing",
    "institution": "Juzgado Primero Civil", "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/"],
    "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text"}},
}  # fmt: skip
PAGES = [f"Foja {n} de la sentencia: considerando numero {n}" for n in range(1, 6)]
FILES = {
    "/larga.pdf": text_pdf(PAGES),
    "/corta.pdf": text_pdf(["Sentencia definitiva del juicio ordinario civil 12/2024"]),
}
LISTING = "<html><body><table><tbody>{}</tbody></table></body></html>".format(
    "".join(f"<tr><td><a href='{path}'>Sentencia {path[1:]}</a></td></tr>" for path in FILES)
).encode()


def _serve() -> Iterator[str]:
    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = FILES.get(self.path)
            kind = "application/pdf" if body else "text/html; charset=utf-8"
            body = body or LISTING
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Site) as url:
        yield url


def test_a_pdf_past_the_page_limit_is_kept_in_part_and_said(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado-civil.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    for url in _serve():
        result = run_abierto(tmp_path / "data", url, specs, env={"ABIERTO_EXTRACT_MAX_PAGES": "3"})
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.title: d.text or "" for d in db.iter_documents()}
        run = db.list_runs("juzgado-civil")[0]
    finally:
        db.close()
    long_text = texts["Sentencia larga.pdf"]
    assert "considerando numero 3" in long_text  # the pages read are kept
    assert "considerando numero 4" not in long_text
    assert "juicio ordinario civil 12/2024" in texts["Sentencia corta.pdf"]
    entry = run.errors["pages_truncated"]
    assert entry["count"] == 1  # the short PDF is whole: not marked
    (example,) = entry["examples"]
    assert example["url"].endswith("/larga.pdf")
    assert error_mensaje("pages_truncated", example["message"]) == (
        "el PDF tiene 5 páginas; se leyeron las primeras 3: el documento se guardó sin el "
        "texto de las demás"
    )
