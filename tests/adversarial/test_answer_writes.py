"""``abierto serve``'s uvicorn writes an answer of known length in one write, its head
with its body (uvicorn wrote them apart: two system calls and two TCP segments per
answer, each woken for at the client); a streamed answer's head still goes out before its
first chunk is ready, and a HEAD request's head alone. What the client receives is the
same bytes either way."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from cli.http_limits import BoundedHttpTools, server_limits
from tests.uvicorn_thread import serving

BODY = b'{"total":1,"hits":[]}' * 50
released = threading.Event()


class Recorded:
    """The connection's transport, each write kept (what reaches the socket per call)."""

    def __init__(self, transport: asyncio.Transport, writes: list[bytes]) -> None:
        self._transport, self.writes = transport, writes

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))
        self._transport.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


WRITES: list[list[bytes]] = []


class RecordingProtocol(BoundedHttpTools):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        WRITES.append([])
        super().connection_made(Recorded(transport, WRITES[-1]))  # type: ignore[arg-type]


async def fixed(_request: Request) -> Response:
    return Response(BODY, media_type="application/json")


async def streamed(_request: Request) -> StreamingResponse:
    async def chunks() -> AsyncIterator[bytes]:
        while not released.is_set():  # the first chunk waits for the client's word
            await asyncio.sleep(0.01)
        yield b"primero\n"
        yield b"segundo\n"

    return StreamingResponse(chunks(), media_type="text/plain")


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    app = Starlette(
        routes=[Route("/fijo", fixed, methods=["GET", "HEAD"]), Route("/flujo", streamed)]
    )
    with serving(app, **(server_limits() | {"http": RecordingProtocol})) as base:
        yield base


def _exchange(url: str, request: bytes) -> tuple[socket.socket, bytes]:
    host, port = url.removeprefix("http://").split(":")
    conn = socket.create_connection((host, int(port)), timeout=10)
    conn.sendall(request)
    return conn, b""


def _read_until(conn: socket.socket, ending: bytes, got: bytes = b"") -> bytes:
    while not got.endswith(ending):
        chunk = conn.recv(65536)
        assert chunk, f"the server closed before {ending!r}: {got[-200:]!r}"
        got += chunk
    return got


def test_an_answer_of_known_length_is_one_write_of_head_and_body(url: str) -> None:
    conn, _ = _exchange(url, b"GET /fijo HTTP/1.1\r\nHost: x\r\n\r\n")
    with conn:
        got = _read_until(conn, BODY)
    assert got.startswith(b"HTTP/1.1 200 OK\r\n")
    assert f"content-length: {len(BODY)}".encode() in got
    writes = WRITES[-1]
    assert writes == [got], "the head and the body went out in one write, as received"


def test_keep_alive_answers_are_each_one_write(url: str) -> None:
    ask = b"GET /fijo HTTP/1.1\r\nHost: x\r\n\r\n"
    conn, _ = _exchange(url, ask)
    with conn:
        first = _read_until(conn, BODY)
        conn.sendall(ask)
        second = _read_until(conn, BODY)
    assert WRITES[-1] == [first, second]


def test_a_head_request_gets_its_head(url: str) -> None:
    conn, _ = _exchange(url, b"HEAD /fijo HTTP/1.1\r\nHost: x\r\n\r\n")
    with conn:
        got = _read_until(conn, b"\r\n\r\n")
    assert got.startswith(b"HTTP/1.1 200 OK\r\n")
    assert f"content-length: {len(BODY)}".encode() in got


def test_a_streamed_answer_sends_its_head_before_its_first_chunk(url: str) -> None:
    released.clear()
    conn, _ = _exchange(url, b"GET /flujo HTTP/1.1\r\nHost: x\r\n\r\n")
    with conn:
        head = _read_until(conn, b"\r\n\r\n")  # while the first chunk is still waited for
        assert head.startswith(b"HTTP/1.1 200 OK\r\n")
        assert b"transfer-encoding: chunked" in head
        released.set()
        rest = _read_until(conn, b"0\r\n\r\n")
    assert b"primero\n" in rest and b"segundo\n" in rest
    assert WRITES[-1][0] == head
