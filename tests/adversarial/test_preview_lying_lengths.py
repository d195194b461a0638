"""A preview (httpx, not the crawl's Twisted) of a page whose answer lies about its
length: longer than its ``Content-Length`` (h11 ends the body there and keeps the rest
unread, so the page read as whole, cut), shorter than it (the connection closed early),
a chunked body cut in the middle of a chunk. Each is the error the crawl counts,
``cut_short`` with its Spanish, and no cut page is shown as a good one; a trailing line
end after a whole body and an honest chunked page still read."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview

PAGE = (
    "<html><body><table>"
    + "".join(
        f'<tr><td><a href="/sentencia-{n}.html">Sentencia {n}/2024</a></td></tr>' for n in range(40)
    )
    + "</table><p>RESOLUTIVO ÚNICO</p></body></html>"
).encode()
ROWS = 40


def _chunked(body: bytes, size: int = 500) -> bytes:
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"


def _answer(conn: socket.socket) -> None:
    request = b""
    while b"\r\n\r\n" not in request:
        chunk = conn.recv(4096)
        if not chunk:
            return
        request += chunk
    path = request.split(b" ")[1].decode()
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    if path == "/larga.html":  # declares 300 bytes and sends them all, in one write
        conn.sendall(f"{head}Content-Length: 300\r\n\r\n".encode() + PAGE)
    elif path == "/corta.html":  # declares them all, sends a third and closes
        conn.sendall(f"{head}Content-Length: {len(PAGE)}\r\n\r\n".encode() + PAGE[: len(PAGE) // 3])
    elif path == "/troceada.html":  # chunked, closed in the middle of a chunk
        chunked = _chunked(PAGE)
        conn.sendall(f"{head}Transfer-Encoding: chunked\r\n\r\n".encode() + chunked[:1200])
    elif path == "/salto.html":  # the whole body, then a stray line end
        conn.sendall(f"{head}Content-Length: {len(PAGE)}\r\n\r\n".encode() + PAGE + b"\r\n")
    elif path == "/entera.html":  # chunked, whole
        conn.sendall(f"{head}Transfer-Encoding: chunked\r\n\r\n".encode() + _chunked(PAGE))
    elif path.startswith("/sentencia-"):
        page = b"<html><body><p>Sentencia de amparo.</p></body></html>"
        conn.sendall(f"{head}Content-Length: {len(page)}\r\n\r\n".encode() + page)
    else:
        conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")


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


def _preview(url: str) -> dict:
    spec = SourceSpec.model_validate(
        {
            "id": "pj-gto-prueba",
            "kind": "sentencia",
            "institution": "Poder Judicial de Prueba",
            "jurisdiction": "MX-GUA",
            "start_urls": [url],
            "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
        }
    )
    return listing_preview(spec, Settings(allow_loopback=True), time_limit_s=10)


LONGER = (
    "el sitio envió más de lo que declaraba su Content-Length: la respuesta no está "
    "completa hasta ahí y no se guardó"
)
CUT = "el sitio cerró la conexión antes de enviar la respuesta completa: se descartó lo recibido"


@pytest.mark.parametrize(
    ("path", "mensaje"),
    [("/larga.html", LONGER), ("/corta.html", CUT), ("/troceada.html", CUT)],
)
def test_a_preview_of_an_answer_that_lies_about_its_length_says_it_is_cut(
    site: str, path: str, mensaje: str
) -> None:
    preview = _preview(site + path)
    [error] = preview["errors"]
    assert error["cause"] == "cut_short", error
    assert error_mensaje(error["cause"], error["message"]) == mensaje
    assert preview["documents"] == [], preview["documents"]  # nothing of a cut page


@pytest.mark.parametrize("path", ["/salto.html", "/entera.html"])
def test_a_whole_answer_still_reads(site: str, path: str) -> None:
    preview = _preview(site + path)
    assert preview["errors"] == [], preview["errors"]
    assert len(preview["documents"]) == ROWS
