"""Servers that break HTTP mid-answer, each behind one row of a listing: a head cut off
halfway, an HTTP/0.9 answer (a page with no status line), a chunked body that never
ends, a length announced past the size limit, a 429 or 503 asking to wait eleven days, a
PDF's address answering the site's "not found" page with a 200 (a "soft 404"). The first
two were counted as "falla de red (DownloadFailedError)" with Twisted's repr of a clean
close, which sent an operator after the network; the endless body was a ``too_large``
that gave neither the limit nor the bytes read, the announced length an English line;
the waits read a bare "HTTP 429"; the error page was kept as the sentence's document.
Each now says what the site did; the good row beside them is kept, and the crawl ends in
seconds."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-roto
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/"]
listing:
  items: "css:tr"
  link: "css:a::attr(href)"
  fields:
    title: "css:a::text"
"""
PAGE = (
    b"<html><head><title>Sentencia 12/2024</title></head><body><main>"
    + "Texto íntegro de la sentencia dictada por el juzgado. ".encode() * 10
    + b"</main></body></html>"
)
ROWS = ("/buena", "/cabecera-cortada", "/http09", "/http09-lineas", "/sin-fin", "/espere-429",
        "/espere-503", "/sentencia-13.pdf", "/anunciado")  # fmt: skip
LIMIT = 2 * 1024 * 1024


def _send(conn: socket.socket, path: str) -> None:
    def whole(body: bytes) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
        )

    if path == "/":
        rows = "".join(
            f"<tr><td><a href='{row}'>Sentencia {n}/2024</a></td></tr>"
            for n, row in enumerate(ROWS, 1)
        )
        whole(f"<html><body><table>{rows}</table></body></html>".encode())
    elif path == "/buena":
        whole(PAGE)
    elif path == "/cabecera-cortada":
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/ht")
    elif path == "/http09":
        conn.sendall(PAGE)  # one line, no status line, then the connection closes
    elif path == "/http09-lineas":
        conn.sendall(b"<html>\r\n<body>Sentencia</body>\r\n</html>\r\n")
    elif path == "/sentencia-13.pdf":  # the site's "not found" page, sent as a 200
        whole(
            "<html><head><title>Error 404 - Página no encontrada</title></head><body><h1>Lo "
            "sentimos</h1><p>El documento que busca no existe.</p></body></html>".encode()
        )
    elif path.startswith("/espere-"):
        status = {"429": b"429 Too Many Requests", "503": b"503 Service Unavailable"}
        conn.sendall(
            b"HTTP/1.1 %s\r\nRetry-After: 999999\r\nContent-Length: 0\r\n\r\n" % status[path[-3:]]
        )
    elif path == "/anunciado":  # a length past the limit, said before any of the body
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 99999999\r\n\r\n"
        )
    elif path == "/sin-fin":
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"%x\r\n%s\r\n" % (65536, b"a" * 65536)
        for _ in range(10_000):  # 640 MB, far past the limit the crawl is given
            conn.sendall(chunk)


def _answer(conn: socket.socket) -> None:
    with conn:
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                got = conn.recv(65536)
                if not got:
                    return
                data += got
            _send(conn, data.split(b" ", 2)[1].decode())
        except OSError:
            pass


@pytest.fixture
def site() -> Iterator[str]:
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=_answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()
    thread.join(timeout=5)


def test_answers_broken_mid_http_are_counted_with_what_the_site_did(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    monkeypatch.setenv("ABIERTO_OBEY_ROBOTS", "false")
    monkeypatch.setenv("ABIERTO_MAX_FILE_BYTES", str(LIMIT))
    started = time.monotonic()
    result = run_crawl(tmp_path / "data", site, sources_dir=specs)
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("juzgado-roto")[0]
        kept = db.count_documents()
    finally:
        db.close()
    assert kept == 1, (run.stats, run.errors)
    said = {
        example["url"].rsplit("/", 1)[1]: error_mensaje(cause, example["message"])
        for cause, entry in run.errors.items()
        for example in entry["examples"]
    }
    cut = re.fullmatch(
        rf"la respuesta pasó el límite de tamaño de {LIMIT} bytes mientras llegaba y se "
        r"cortó \(se leyeron (\d+) bytes\)",
        said.pop("sin-fin"),
    )
    assert cut is not None and int(cut[1]) > LIMIT, run.errors  # the limit and what was read
    assert said == {
        "cabecera-cortada": "el sitio cerró la conexión a mitad del encabezado de su "
        "respuesta: no se leyó",
        "http09": "el sitio cerró la conexión a mitad del encabezado de su respuesta: no se leyó",
        "http09-lineas": "el sitio respondió algo que no es HTTP (sin línea de estado, "
        "¿HTTP/0.9?): no se leyó",
        "anunciado": f"el sitio anunció 99999999 bytes (Content-Length), más que el límite "
        f"de tamaño de {LIMIT} bytes: no se descargó",
        "espere-429": "el sitio respondió HTTP 429 y pidió esperar 999999 s (Retry-After)",
        "espere-503": "el sitio respondió HTTP 503 y pidió esperar 999999 s (Retry-After)",
        "sentencia-13.pdf": "el sitio respondió HTTP 200 con su página de «no encontrado» "
        "(«Error 404 - Página no encontrada») en lugar del archivo: no se guardó",
    }, run.errors
    assert run.errors["cut_short"]["count"] == 2
    assert run.errors["too_large"]["count"] == 2
    assert run.errors["network"]["count"] == 1
