"""``abierto serve``'s server writes an answer's head and body together: one TCP segment
for a small answer, where uvicorn wrote two (two system calls, the client woken twice);
a stream whose first chunk comes late still shows its head at once."""

from __future__ import annotations

import asyncio
import socket
import struct
import sys
import threading
import time
from typing import Any

import pytest

from cli.http_limits import server_limits
from tests.uvicorn_thread import serving

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="TCP_INFO is Linux's")

BODY = b'{"ok": true}' * 50
# the late body waits for the test to have read the head (not for a time: on a loaded
# machine the head of a correct server could take longer than any pause chosen here)
HEAD_READ = threading.Event()
LATE_BOUND_S = 60.0  # a bound on that wait, never a measure


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    late = scope["path"] == "/late"
    headers = [] if late else [(b"content-length", str(len(BODY)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    if late:
        deadline = time.monotonic() + LATE_BOUND_S
        while not HEAD_READ.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
    await send({"type": "http.response.body", "body": BODY})


def data_segments_in(conn: socket.socket) -> int:
    """``tcpi_data_segs_in`` of the connection's ``struct tcp_info`` (Linux 4.6+)."""
    info = conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    return struct.unpack_from("I", info, 152)[0]


def test_a_small_answer_arrives_in_one_segment() -> None:
    with serving(app, **server_limits()) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            for _ in range(5):  # keep-alive: every answer, not only the first
                before = data_segments_in(conn)
                conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                answer = b""
                while not answer.endswith(BODY):
                    answer += conn.recv(65536)
                time.sleep(0.05)  # nothing more is coming
                assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
                assert data_segments_in(conn) - before == 1


def test_a_late_body_does_not_hold_the_head_back() -> None:
    """The body is written only once the head was read here: a head held until the body's
    first bytes would never arrive (the read times out)."""
    HEAD_READ.clear()
    with serving(app, **server_limits()) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
            conn.sendall(b"GET /late HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            head = b""
            try:
                while b"\r\n\r\n" not in head:
                    head += conn.recv(65536)
            except TimeoutError:
                pytest.fail(f"the head was held back with the body: {head!r}")
            HEAD_READ.set()
            assert head.startswith(b"HTTP/1.1 200 OK\r\n")
            assert BODY not in head
            rest = head.partition(b"\r\n\r\n")[2]
            while not rest.endswith(b"0\r\n\r\n"):
                rest += conn.recv(65536)
            assert BODY in rest
