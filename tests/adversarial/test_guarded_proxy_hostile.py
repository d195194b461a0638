"""The alignment's guarded proxy against a hostile client: the checked URL's own Host
reaches the server, heads two servers could read two ways are refused, a slow or crowding
client cannot hold the proxy, and nothing it opened outlives the ``with`` block."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from crawlers import guarded_proxy
from crawlers.guarded_proxy import GuardedProxy


class _Recorder(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.heads.append(self.headers.get_all("Host") or [])
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.heads: list[list[str]] = []


@pytest.fixture
def upstream() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _ask(proxy: GuardedProxy, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", proxy.server_address[1]), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def test_the_server_gets_the_checked_urls_host_never_the_clients(upstream: _Server) -> None:
    port = upstream.server_address[1]
    with GuardedProxy(allow_loopback=True) as proxy:
        answer = _ask(
            proxy,
            f"GET http://127.0.0.1:{port}/a HTTP/1.1\r\nHost: admin.interno\r\n\r\n".encode(),
        )
    assert answer.startswith(b"HTTP/1.0 200")
    assert upstream.heads == [[f"127.0.0.1:{port}"]]


@pytest.mark.parametrize(
    "extra",
    [
        b"Content-Length: 0\r\nContent-Length: 40\r\n",
        b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
        b"X-Uno: a\rHost: admin.interno\r\n",
        b"X-Uno: a\r\n Host: admin.interno\r\n",
        b"X-Uno : a\r\n",
    ],
    ids=["two-lengths", "length-and-chunked", "bare-cr", "folded", "space-before-colon"],
)
def test_a_head_two_servers_could_read_two_ways_is_refused(upstream: _Server, extra: bytes) -> None:
    port = upstream.server_address[1]
    with GuardedProxy(allow_loopback=True) as proxy:
        answer = _ask(
            proxy, f"POST http://127.0.0.1:{port}/a HTTP/1.1\r\n".encode() + extra + b"\r\n"
        )
    assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
    assert "mal formada" in answer.decode()
    assert upstream.heads == []


@pytest.mark.parametrize(
    "target", ["127.0.0.1:99999", "127.0.0.1:-1", "127.0.0.1:0", "127.0.0.1:x"]
)
def test_a_tunnel_to_no_port_is_refused_as_such(target: str) -> None:
    with GuardedProxy(allow_loopback=True) as proxy:
        answer = _ask(proxy, f"CONNECT {target} HTTP/1.1\r\n\r\n".encode())
    assert answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 403")), answer[:80]


def test_a_client_trickling_its_head_is_dropped_at_the_head_deadline(
    monkeypatch: pytest.MonkeyPatch, upstream: _Server
) -> None:
    monkeypatch.setattr(guarded_proxy, "HEAD_S", 1.0)
    port = upstream.server_address[1]
    head = f"GET http://127.0.0.1:{port}/a HTTP/1.1\r\nX-Relleno: {'a' * 100}\r\n\r\n".encode()
    with (
        GuardedProxy(allow_loopback=True) as proxy,
        socket.create_connection(("127.0.0.1", proxy.server_address[1]), timeout=10) as sock,
    ):
        started = time.monotonic()
        closed = False
        for byte in head:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            time.sleep(0.05)
        else:
            closed = sock.recv(100) == b""
        waited = time.monotonic() - started
    assert closed and waited < 5, f"a slow head held its thread for {waited:.1f} s"
    assert upstream.heads == []


def test_clients_beyond_the_bound_are_closed_at_once_and_the_bound_frees(
    upstream: _Server,
) -> None:
    port = upstream.server_address[1]
    with GuardedProxy(allow_loopback=True) as proxy:
        address = ("127.0.0.1", proxy.server_address[1])
        stalled = [
            socket.create_connection(address, timeout=10) for _ in range(guarded_proxy.MAX_CLIENTS)
        ]
        try:
            for sock in stalled:
                sock.sendall(b"G")
            time.sleep(0.3)
            threads = threading.active_count()
            with socket.create_connection(address, timeout=10) as extra:
                extra.sendall(b"G")
                assert extra.recv(100) == b""  # closed, not queued behind the slow ones
            assert threading.active_count() <= threads + 1
        finally:
            for sock in stalled:
                sock.close()
        time.sleep(0.3)
        answer = _ask(proxy, f"GET http://127.0.0.1:{port}/b HTTP/1.1\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.0 200")


def test_leaving_the_block_closes_a_tunnel_still_open(upstream: _Server) -> None:
    port = upstream.server_address[1]
    with GuardedProxy(allow_loopback=True) as proxy:
        tunnel = socket.create_connection(("127.0.0.1", proxy.server_address[1]), timeout=10)
        tunnel.sendall(f"CONNECT 127.0.0.1:{port} HTTP/1.1\r\n\r\n".encode())
        assert tunnel.recv(4096).startswith(b"HTTP/1.1 200")
    with tunnel:
        tunnel.settimeout(5)
        try:
            tunnel.sendall(b"GET /tarde HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = tunnel.recv(4096)
        except OSError:
            answer = b""
    assert answer == b""
    assert upstream.heads == []


def test_a_playlist_of_endless_refusals_keeps_a_bounded_list() -> None:
    with GuardedProxy(allow_loopback=False) as proxy:
        for number in range(guarded_proxy.MAX_REFUSED + 20):
            answer = _ask(proxy, f"GET http://10.0.0.1/s{number}.ts HTTP/1.1\r\n\r\n".encode())
            assert answer.startswith(b"HTTP/1.1 403")
    assert len(proxy.refused) == guarded_proxy.MAX_REFUSED
    assert proxy.refused[0].startswith("10.0.0.1:80")
