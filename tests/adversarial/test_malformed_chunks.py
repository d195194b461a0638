"""A chunked answer whose framing is broken: a chunk size that is no hexadecimal number
(``zz``, ``-10``), a chunk longer than the size it declares. Twisted and h11 refuse
them, and the crawl and the preview said "the site closed the connection before the
whole answer arrived", which sent an operator after the network or the site's uptime.
Each is now ``malformed_answer`` saying the chunked framing is broken, in Spanish; a
chunk announced longer than what came before the close, or a body that never sends its
last chunk, are still ``cut_short`` (they were cut), and the honest page beside them is
kept. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import yaml

from crawlers.causas import error_mensaje
from crawlers.fetch import FetchError, fetch
from indexer.db import Database
from tests.adversarial.file_listing import SOURCE, SPEC, listing
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

PAGE = (
    b"<html><body><main>Sentencia definitiva: el juzgado resuelve la pensi\xc3\xb3n "
    b"alimenticia del menor.</main></body></html>"
)
CHUNKED = {
    "/letras.html": b"zz\r\n" + PAGE + b"\r\n0\r\n\r\n",
    "/negativo.html": b"-10\r\n" + PAGE + b"\r\n0\r\n\r\n",
    "/mas-largo.html": b"%x\r\n" % (len(PAGE) - 40) + PAGE + b"\r\n0\r\n\r\n",
    "/cortado.html": b"%x\r\n" % (len(PAGE) + 500) + PAGE,
    "/sin-fin.html": b"%x\r\n" % len(PAGE) + PAGE + b"\r\n",
}
MALFORMED = {"letras.html", "negativo.html", "mas-largo.html"}
SAID = (
    "la respuesta del sitio en trozos (chunked) está mal formada (un tamaño de trozo que no "
    "es un número hexadecimal, o un trozo que no termina donde dice su tamaño): no se guardó"
)


class Chunks(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path in CHUNKED:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(CHUNKED[self.path])
            return
        body = listing([*CHUNKED, "/buena.html"]) if self.path == "/" else PAGE
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_broken_chunked_framing_is_said_apart_from_a_cut_answer(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with serving_handler(Chunks) as url:
        done = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        kept = [d.url.rsplit("/", 1)[1] for d in db.iter_documents()]
        errors = db.list_runs(SOURCE)[0].errors
    finally:
        db.close()
    assert kept == ["buena.html"]
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje(cause, example["message"])
        for cause, entry in errors.items()
        for example in entry["examples"]
    }
    assert {cause: entry["count"] for cause, entry in errors.items()} == {
        "malformed_answer": 3,
        "cut_short": 2,
    }
    assert {name for name, text in said.items() if text == SAID} == MALFORMED


@pytest.mark.parametrize("path", sorted(CHUNKED))
def test_a_preview_fetch_says_the_same(path: str) -> None:
    with serving_handler(Chunks) as url, pytest.raises(FetchError) as refused:
        fetch(url + path, allow_loopback=True, user_agent="prueba", max_bytes=1 << 20,
              deadline=time.monotonic() + 30)  # fmt: skip
    malformed = path[1:] in MALFORMED
    assert refused.value.cause == ("malformed_answer" if malformed else "cut_short")
    assert (error_mensaje(refused.value.cause, str(refused.value)) == SAID) == malformed
