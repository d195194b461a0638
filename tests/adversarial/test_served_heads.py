"""``abierto serve``'s uvicorn, on 127.0.0.1: a request head of megabytes or of thousands
of headers was read whole into memory (httptools has no bound) and handed to the app; now
the server refuses it with a 431 once past 64 KB or 100 headers. A body reaching the app
is bounded there, with a Spanish 413, also over a real connection."""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from cli.http_limits import MAX_HEAD_BYTES, server_limits
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Api]]:
    api = open_api(tmp_path_factory.mktemp("data"))
    with serving(create_app(api.library, api.settings), **server_limits()) as url:
        yield int(url.rsplit(":", 1)[1]), api
    api.close()


def _send_head(port: int, lines: Iterator[bytes]) -> tuple[bytes, int]:
    """Send header lines until the server answers; the answer and the bytes sent."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")
        for line in lines:
            if select.select([conn], [], [], 0)[0]:
                break
            try:
                conn.sendall(line)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(line)
        else:  # never refused: end the head, as a client would
            conn.sendall(b"\r\n")
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer, sent


def test_a_header_of_megabytes_is_refused_before_it_is_read_whole(
    served: tuple[int, Api],
) -> None:
    port, _ = served
    value = (b"X-Relleno: " + b"a" * 8192 + b"\r\n" for _ in range(1000))  # 8 MB
    answer, sent = _send_head(port, value)
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert sent < 100 * MAX_HEAD_BYTES, sent


def test_thousands_of_small_headers_are_refused(served: tuple[int, Api]) -> None:
    port, _ = served
    lines = (f"X-Cabecera-{n}: 1\r\n".encode() for n in range(5000))
    answer, _ = _send_head(port, lines)
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]


def test_ordinary_heads_and_bodies_are_answered_by_the_app(served: tuple[int, Api]) -> None:
    port, api = served
    base = f"http://127.0.0.1:{port}"
    cookie = {"Cookie": "sesion=" + "c" * 16_000, **{f"X-Extra-{n}": "1" for n in range(40)}}
    with httpx.Client(headers=cookie) as client:  # one connection: each head counted anew
        assert [client.get(f"{base}/v1/search").status_code for _ in range(8)] == [200] * 8
    # a body in the same packets as its head is no head
    spec = {"id": "pj-gto-x", "kind": "sentencia", "notas": "n" * 300_000}
    answer = httpx.post(f"{base}/v1/sources", json=spec, headers=api.headers)
    assert answer.status_code == 422, answer.text[:200]


def test_a_body_too_large_is_a_spanish_413_over_a_real_connection(
    served: tuple[int, Api],
) -> None:
    port, api = served
    base = f"http://127.0.0.1:{port}"
    big = {"id": "pj-gto-x", "kind": "sentencia", "notas": "n" * (2 * 1024 * 1024)}
    for path in ("/v1/sources", "/v1/alerts"):
        answer = httpx.post(f"{base}{path}", json=big, headers=api.headers)
        assert answer.status_code == 413, (path, answer.text[:200])
        assert "demasiado grande" in answer.json()["mensaje"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: bounded while received
        for _ in range(64):
            yield b"n" * 65536

    answer = httpx.post(f"{base}/v1/sources", content=chunks(), headers=api.headers)
    assert answer.status_code == 413 and "demasiado grande" in answer.json()["mensaje"]


def test_a_head_past_the_bound_sent_at_once_is_refused(served: tuple[int, Api]) -> None:
    port, _ = served
    answer = httpx.get(f"http://127.0.0.1:{port}/healthz", headers={"X-R": "a" * 100_000})
    assert answer.status_code == 431
