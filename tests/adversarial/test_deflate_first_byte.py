"""A ``deflate`` answer is zlib-wrapped (as the standard says) or raw (as some servers send
it): the decoder told them apart by the first piece it was handed. A server that sends
its body in chunks, the first of one byte (a flush after the first byte: a streaming
page), gave it a piece too short to read a zlib header from, so a wrapped page was read
as raw deflate and a preview refused it as not the coding it declares. The choice waits
for the stream's first two bytes now. Served from a real server on 127.0.0.1."""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from crawlers.content_coding import Decoder
from crawlers.fetch import fetch
from tests.http_thread import serving_handler

PAGE = (
    "<html><head><title>Acuerdo</title></head><body><main><h1>Acuerdo del Pleno</h1>"
    + "".join(f"<p>Punto {n}: se aprueba la licitación pública número {n}.</p>" for n in range(200))
    + "</main></body></html>"
).encode()
WRAPPED = zlib.compress(PAGE)
RAW = zlib.compress(PAGE)[2:-4]  # the same stream without zlib's header and checksum


def _chunked(body: bytes, first: int) -> Iterator[bytes]:
    for part in (body[:first], body[first:]):
        yield b"%x\r\n%s\r\n" % (len(part), part)
    yield b"0\r\n\r\n"


class Site(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = WRAPPED if "envuelto" in self.path else RAW
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "deflate")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        for piece in _chunked(body, 1):
            self.wfile.write(piece)
            self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("path", ["/envuelto.html", "/crudo.html"])
def test_a_preview_reads_deflate_whose_first_chunk_is_one_byte(path: str) -> None:
    with serving_handler(Site) as url:
        fetched = fetch(f"{url}{path}", allow_loopback=True, user_agent="prueba",
                        max_bytes=1 << 20, deadline=time.monotonic() + 60)  # fmt: skip
    assert fetched.body == PAGE


@pytest.mark.parametrize("body", [WRAPPED, RAW])
def test_the_decoder_waits_for_two_bytes_to_choose(body: bytes) -> None:
    decoder = Decoder("deflate")
    pieces = [body[:1], body[1:2], body[2:]]
    assert b"".join(piece for part in pieces for piece in decoder.decode(part)) == PAGE
    assert decoder.unfinished() is None


def test_a_lone_byte_of_deflate_is_a_cut_stream() -> None:
    decoder = Decoder("deflate")
    assert list(decoder.decode(WRAPPED[:1])) == []
    assert decoder.unfinished() == "deflate"
