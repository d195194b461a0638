"""A site that declares a ``Content-Encoding`` (gzip, deflate, br) its bytes are not is at
fault, not the network: before, such an answer read «falla de red (BadGzipFile)» and a
crawl whose every page came so ended "no page could be fetched" as if the site were
down. Crawled end to end from a real server on 127.0.0.1: each false coding is counted
under its own cause, said in Spanish with the coding declared, and the good PDF of the
same listing keeps its text."""

from __future__ import annotations

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

SPEC = {
    "id": "juzgado-civil", "kind": "sentencia", "shape": "html_listing",
    "institution": "Juzgado Primero Civil", "jurisdiction": "MX-GUA",
    "start_urls": ["${ABIERTO_SAMPLES_URL}/"],
    "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)",
                "fields": {"title": "css:a::text"}},
}  # fmt: skip
GOOD = text_pdf(["Sentencia definitiva del juicio ordinario civil 12/2024"])
PLAIN = text_pdf(["Sentencia servida sin la compresión que declara"])
FILES = {  # path: (body, Content-Encoding)
    "/bueno.pdf": (GOOD, None),
    "/gzip.pdf": (PLAIN, "gzip"),  # plain bytes said to be gzip
    "/deflate.pdf": (b"\xff" * 64 + PLAIN, "deflate"),  # neither zlib nor raw deflate
    "/br.pdf": (b"\xff" * 64 + PLAIN, "br"),
}
LISTING = "<html><body><table><tbody>{}</tbody></table></body></html>".format(
    "".join(f"<tr><td><a href='{path}'>Sentencia {path[1:]}</a></td></tr>" for path in FILES)
).encode()


def _serve(files: dict[str, tuple[bytes, str | None]]) -> Iterator[str]:
    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, coding = files.get(self.path, (LISTING, None))
            self.send_response(200)
            kind = "text/html; charset=utf-8" if body is LISTING else "application/pdf"
            self.send_header("Content-Type", kind)
            if coding:
                self.send_header("Content-Encoding", coding)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with serving_handler(Site) as url:
        yield url


def test_a_declared_coding_the_answer_lacks_is_the_sites_fault(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado-civil.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    for url in _serve(FILES):
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.title: d.text or "" for d in db.iter_documents()}
        run = db.list_runs("juzgado-civil")[0]
    finally:
        db.close()
    assert "juicio ordinario civil 12/2024" in texts["Sentencia bueno.pdf"]
    assert "network" not in run.errors, run.errors
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje("false_coding", example["message"])
        for example in run.errors["false_coding"]["examples"]
    }
    assert said == {
        f"{coding}.pdf": f"el sitio declaró una compresión ({coding}) que su respuesta no "
        "tiene: no se leyó"
        for coding in ("gzip", "deflate", "br")
    }


def test_a_listing_in_a_false_coding_fails_the_run_for_that_cause(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado-civil.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    listing = {"/": (LISTING, "gzip")} | FILES  # the listing itself: plain HTML said gzip
    for url in _serve(listing):
        run_abierto(tmp_path / "data", url, specs)
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("juzgado-civil")[0]
    finally:
        db.close()
    assert run.status == "failed"
    assert {cause: entry["count"] for cause, entry in run.errors.items()} == {"false_coding": 1}


@pytest.mark.parametrize(
    ("stored", "coding"),
    [
        ("BadGzipFile: Not a gzipped file (b'<h')", "gzip"),
        ("error: brotli: decoder failed", "br"),
        ("error: Error -3 while decompressing data: invalid block type", "gzip/deflate"),
    ],
)
def test_runs_stored_as_network_failures_before_read_as_the_sites(stored: str, coding: str) -> None:
    assert error_mensaje("network", stored) == (
        f"el sitio declaró una compresión ({coding}) que su respuesta no tiene: no se leyó"
    )


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_a_preview_fetch_says_the_false_coding_too(coding: str) -> None:
    """The spec preview and the alignment jobs fetch with httpx (``crawlers.fetch``),
    not Scrapy: the same answer reads the same there."""
    for url in _serve(FILES):
        with pytest.raises(FetchError) as refused:
            fetch(f"{url}/{coding}.pdf", allow_loopback=True, user_agent="prueba",
                  max_bytes=1 << 20, deadline=time.monotonic() + 30)  # fmt: skip
    assert refused.value.cause == "false_coding"
    assert error_mensaje("false_coding", str(refused.value)) == (
        f"el sitio declaró una compresión ({coding}) que su respuesta no tiene: no se leyó"
    )
