"""A server that stops mid-answer: a body shorter than its Content-Length, a reset after
the first bytes, a reset before any answer. Each is a counted error whose Spanish says what
the site did (not an exception's bare name, nor "falla de red (http)", the scheme of the
address a preview's message began with), and the good file beside them is kept."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fpdf import FPDF

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje, errors_with_mensajes
from crawlers.preview import listing_preview
from indexer.db import Database
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-cortes
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
required: [expediente]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
"""
FILES = ["buena.pdf", "cortado.pdf", "reset.pdf", "nada.pdf"]


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


GOOD = _pdf("Sentencia sobre usucapion de un predio rustico.")
LISTING = (
    "<table>"
    + "".join(
        f'<tr class="fila"><td class="exp">{n}/2024</td><td><a href="/{name}">ver</a></td></tr>'
        for n, name in enumerate(FILES, 100)
    )
    + "</table>"
).encode()


def _reset(conn: socket.socket) -> None:
    """Close with a TCP reset (linger 0), as a crashed server or a middlebox does."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _answer(conn: socket.socket) -> None:
    request = b""
    while b"\r\n\r\n" not in request:
        chunk = conn.recv(4096)
        if not chunk:
            return
        request += chunk
    path = request.split(b" ")[1].decode()

    def head(status: str, length: int, kind: str = "application/pdf") -> None:
        conn.sendall(
            f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {length}\r\n"
            "Connection: close\r\n\r\n".encode()
        )

    if path == "/listado.html":
        head("200 OK", len(LISTING), "text/html; charset=utf-8")
        conn.sendall(LISTING)
    elif path == "/buena.pdf":
        head("200 OK", len(GOOD))
        conn.sendall(GOOD)
    elif path == "/cortado.pdf":
        head("200 OK", len(GOOD))
        conn.sendall(GOOD[: len(GOOD) // 3])
    elif path == "/reset.pdf":
        head("200 OK", len(GOOD))
        conn.sendall(GOOD[:500])
        _reset(conn)
    elif path == "/nada.pdf":
        _reset(conn)
    else:
        head("404 Not Found", 0)


@pytest.fixture
def site() -> Iterator[str]:
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                _answer(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_answers_cut_short_are_counted_with_what_the_site_did(tmp_path: Path, site: str) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    result = run_crawl(tmp_path / "data", site, sources_dir=specs)
    assert result.returncode == 3, result.stdout + result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        run = db.list_runs("juzgado-cortes")[0]
        counts = {cause: entry["count"] for cause, entry in run.errors.items()}
        assert counts == {"cut_short": 2, "network": 1}, run.errors
        said = errors_with_mensajes(run.errors)
        assert said["cut_short"]["descripcion"] == "respuesta cortada"
        assert {e["mensaje"] for e in said["cut_short"]["examples"]} == {
            "el sitio cerró la conexión antes de enviar la respuesta completa: "
            "se descartó lo recibido"
        }
        assert {e["url"].rsplit("/", 1)[1] for e in said["cut_short"]["examples"]} == {
            "cortado.pdf",
            "reset.pdf",
        }
        [silent] = said["network"]["examples"]
        assert silent["url"].endswith("/nada.pdf")
        assert silent["mensaje"] == "el sitio cerró la conexión sin responder"
        assert [doc.expediente for doc in db.iter_documents()] == ["100/2024"]
    finally:
        db.close()


CUT = "el sitio cerró la conexión antes de enviar la respuesta completa: se descartó lo recibido"


@pytest.mark.parametrize(
    ("path", "cause", "mensaje"),
    [
        ("/cortado.pdf", "cut_short", CUT),
        ("/reset.pdf", "cut_short", CUT),
        ("/nada.pdf", "network", "el sitio cerró la conexión sin responder"),
    ],
)
def test_a_preview_of_a_page_cut_short_says_so(
    site: str, path: str, cause: str, mensaje: str
) -> None:
    spec = SourceSpec.model_validate(
        {
            "id": "pj-gto-prueba",
            "kind": "sentencia",
            "institution": "Poder Judicial de Prueba",
            "jurisdiction": "MX-GUA",
            "start_urls": [site + path],
            "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
        }
    )
    preview = listing_preview(spec, Settings(allow_loopback=True), time_limit_s=10)
    [error] = preview["errors"]
    assert error["cause"] == cause
    assert error_mensaje(error["cause"], error["message"]) == mensaje


def test_a_network_failure_names_its_exception_not_the_scheme() -> None:
    said = error_mensaje("network", "http://127.0.0.1:9/x: ConnectError: [Errno 111] refused")
    assert said == "falla de red (ConnectError)"
