"""A site that sends bytes after the body its ``Content-Length`` declared, in a later
packet, on a kept-alive connection: a server writing a body twice, a page whose length
was counted in characters and sent in bytes, or one answering ahead. The crawl reused
the connection for its next request to the site and read those bytes as that request's
answer: here a whole second answer, so a page the request never asked for was stored as
the sentence's document (or the listing itself replaced, and the site's sentences never
reached). Each request now has a connection of its own (``Connection: close``): every
document keeps its own page. Crawled end to end from a real HTTP/1.1 server on
127.0.0.1 that sends a false answer 0.3 s after each true one."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from indexer.db import Database
from tests.adversarial.file_listing import SOURCE, SPEC, listing
from tests.http_thread import serving_handler
from tests.shapes.harness import run_abierto

PAGES = [f"/sentencia-{n}.html" for n in range(1, 7)]
FALSE = (
    b"<html><head><title>Aviso</title></head><body><main>FALSO: esta no es la sentencia "
    b"pedida, sino bytes que el sitio envi\xc3\xb3 tras otra respuesta.</main></body></html>"
)
STRAY = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s"


class LateBytes(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keeps the connection open for the next request

    def do_GET(self) -> None:
        if self.path == "/":
            body = listing(PAGES)
        else:
            body = (
                f"<html><body><main>Sentencia verdadera {self.path}: el juzgado resuelve la "
                "pensión alimenticia.</main></body></html>"
            ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        time.sleep(0.3)  # in a later packet: the answer was whole when it was read
        try:
            self.wfile.write(STRAY % (len(FALSE), FALSE))
            self.wfile.flush()
        except OSError:  # the crawl closed the connection: nothing more to poison
            self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


def test_bytes_after_a_whole_answer_never_become_the_next_requests(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    with serving_handler(LateBytes) as url:
        done = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        texts = {d.url.rsplit("/", 1)[1]: d.text or "" for d in db.iter_documents()}
        run = db.list_runs(SOURCE)[0]
    finally:
        db.close()
    assert sorted(texts) == sorted(p[1:] for p in PAGES), (texts, run.errors)
    for name, text in texts.items():
        assert f"Sentencia verdadera /{name}" in text and "FALSO" not in text, (name, text)
    assert run.status == "ok" and not run.errors, run.errors
