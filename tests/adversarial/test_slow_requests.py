"""``abierto serve``'s uvicorn, on 127.0.0.1, against clients that never finish: a head
that stops halfway (slowloris), a connection that sends nothing, a body shorter than its
``Content-Length`` or chunked without its last chunk. Each held a connection and its
memory forever (no answer after minutes); now a head must arrive within
``head_timeout_s`` and a body within ``body_timeout_s``, else a Spanish ``408`` and the
connection closed. Bounds are shortened here so the tests take seconds, not minutes."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import pytest

from api.app import create_app
from cli.http_limits import BoundedHttpTools, server_limits
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving

HEAD_S = 1.0
BODY_S = 1.0
WAIT_S = 15.0  # far past both bounds: a connection still open then is held forever


class QuickHeads(BoundedHttpTools):
    head_timeout_s = HEAD_S


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Api]]:
    api = open_api(tmp_path_factory.mktemp("data"), body_timeout_s=BODY_S)
    config = server_limits() | {"http": QuickHeads}
    with serving(create_app(api.library, api.settings), **config) as url:
        yield int(url.rsplit(":", 1)[1]), api
    api.close()


def _answer(port: int, sent: bytes) -> tuple[bytes, float]:
    """What the server says to ``sent`` (then nothing more from the client) until it
    closes the connection, and how long that took."""
    start = time.monotonic()
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT_S) as conn:
        if sent:
            conn.sendall(sent)
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except TimeoutError:
            pytest.fail(f"still open after {WAIT_S:g} s; said {answer[:200]!r}")
        except ConnectionResetError:
            pass
    return answer, time.monotonic() - start


def _spanish_408(answer: bytes) -> None:
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"connection: close" in head.lower(), head
    refusal = json.loads(body)
    assert refusal["detail"] and "segundos" in refusal["mensaje"], refusal


def test_a_head_that_stops_halfway_is_a_spanish_408(served: tuple[int, Api]) -> None:
    port, _ = served
    answer, took = _answer(port, b"GET /v1/search HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lento: ")
    _spanish_408(answer)
    assert took < HEAD_S + 5, took


def test_a_request_line_alone_is_a_spanish_408(served: tuple[int, Api]) -> None:
    port, _ = served
    answer, _ = _answer(port, b"GET /v1/search?q=amparo HTT")
    _spanish_408(answer)


def test_a_connection_that_sends_nothing_is_closed(served: tuple[int, Api]) -> None:
    port, _ = served
    answer, took = _answer(port, b"")
    assert answer == b"" and took < HEAD_S + 5, (answer[:200], took)


def test_a_body_shorter_than_its_length_is_a_spanish_408(served: tuple[int, Api]) -> None:
    port, api = served
    head = (
        "POST /v1/sources HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: {api.headers['Authorization']}\r\nContent-Length: 500\r\n\r\n"
    )
    answer, took = _answer(port, head.encode() + b'{"id": "pj-gto-')
    _spanish_408(answer)
    assert took < BODY_S + 5, took


def test_a_chunked_body_without_its_last_chunk_is_a_spanish_408(
    served: tuple[int, Api],
) -> None:
    port, _ = served
    head = (
        "POST /v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    answer, _ = _answer(port, head.encode() + b'4\r\n{"q"\r\n')
    _spanish_408(answer)


def test_a_page_form_that_stops_is_a_408_page(served: tuple[int, Api]) -> None:
    port, _ = served
    head = (
        "POST /fuentes/entrar HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 300\r\n\r\n"
    )
    answer, _ = _answer(port, head.encode() + b"clave=ea_")
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert b"text/html" in answer.partition(b"\r\n\r\n")[0].lower()
    assert "segundos" in answer.decode()


def test_requests_sent_in_pieces_within_the_bounds_are_answered(
    served: tuple[int, Api],
) -> None:
    port, api = served
    body = json.dumps({"id": "pj-gto-despacio", "kind": "sentencia"}).encode()
    head = (
        "POST /v1/sources HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: {api.headers['Authorization']}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    pieces = [head[:20], head[20:], body[:10], body[10:]]
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT_S) as conn:
        for piece in pieces:
            conn.sendall(piece)
            time.sleep(HEAD_S / 4)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    # the route read it whole: the spec's own problems, not a timeout
    assert answer.startswith(b"HTTP/1.1 422 "), answer[:300]
    assert b"start_urls" in answer


def test_a_slow_answer_is_not_cut_by_the_head_bound(served: tuple[int, Api]) -> None:
    """A keep-alive connection: an answer, a pause past the head bound but within
    uvicorn's keep-alive, then a second request on it."""
    port, _ = served
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT_S) as conn:
        conn.sendall(request)
        assert conn.recv(65536).startswith(b"HTTP/1.1 200 ")
        time.sleep(HEAD_S * 1.5)
        conn.sendall(request)
        assert conn.recv(65536).startswith(b"HTTP/1.1 200 ")
