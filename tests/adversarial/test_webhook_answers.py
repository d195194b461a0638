"""A webhook's receiver is another institution's server, and the delivery worker is shared
by every institution: what a receiver answers after its status (a body without end, or
one that trickles) costs the worker neither memory nor time. Only the status counts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from crawlers.alerts.webhook import Outcome, Poster

CHUNK = b"x" * 65536
HUGE = 200 * 1024 * 1024  # what a hostile receiver offers to send
TRICKLE_S = 40.0  # how long a trickling receiver keeps the answer open


class _Receiver(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.sent: dict[str, int] = {}


class _Handler(BaseHTTPRequestHandler):
    server: _Receiver

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if "cabecera" in self.path:
            self._trickle_headers()
            return
        status = 500 if "falla" in self.path else 200
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        sent = 0
        started = time.monotonic()
        try:
            while sent < HUGE and time.monotonic() - started < TRICKLE_S:
                piece = CHUNK[:1] if "gota" in self.path else CHUNK
                self.wfile.write(piece)
                self.wfile.flush()
                sent += len(piece)
                if "gota" in self.path:
                    time.sleep(0.5)
        except OSError:
            pass  # the worker hung up: what it never read was never sent
        self.server.sent[self.path] = sent

    def _trickle_headers(self) -> None:
        """A status line and headers one byte every half second, for ``TRICKLE_S``."""
        head = b"HTTP/1.1 200 OK\r\n" + b"X-Relleno: " + b"x" * 200 + b"\r\n\r\n"
        started = time.monotonic()
        sent = 0
        try:
            for byte in head:
                if time.monotonic() - started > TRICKLE_S:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                sent += 1
                time.sleep(0.5)
        except OSError:
            pass
        self.server.sent[self.path] = sent
        self.close_connection = True


@pytest.fixture
def receiver() -> Iterator[_Receiver]:
    server = _Receiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _deliver(url: str, bound_s: float, deadline_s: float = 15.0) -> Outcome:
    poster = Poster(allow_loopback=True, deadline_s=deadline_s)
    done: list[Outcome] = []
    thread = threading.Thread(
        target=lambda: done.append(poster.post(url, {"event": "prueba"}, "secreto", "a:1")),
        daemon=True,
    )
    thread.start()
    thread.join(bound_s)
    assert done, f"the delivery to {url} was still reading the answer after {bound_s} s"
    poster.close()
    return done[0]


@pytest.mark.parametrize(("path", "ok"), [("/enorme", True), ("/falla-enorme", False)])
def test_a_receivers_endless_answer_is_not_read(receiver: _Receiver, path: str, ok: bool) -> None:
    url = f"http://127.0.0.1:{receiver.server_address[1]}{path}"
    outcome = _deliver(url, bound_s=15)
    assert outcome.ok is ok
    assert outcome.status == (200 if ok else 500)
    deadline = time.monotonic() + 10
    while path not in receiver.sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert receiver.sent.get(path, HUGE) < HUGE // 10


@pytest.mark.parametrize(("path", "ok"), [("/gota", True), ("/falla-gota", False)])
def test_a_trickling_answer_does_not_hold_the_worker(
    receiver: _Receiver, path: str, ok: bool
) -> None:
    url = f"http://127.0.0.1:{receiver.server_address[1]}{path}"
    outcome = _deliver(url, bound_s=10)
    assert (outcome.ok, outcome.status) == (ok, 200 if ok else 500)


def test_a_receiver_trickling_its_headers_is_left_at_the_deadline(receiver: _Receiver) -> None:
    # each byte comes well within the 10 s a read may wait: only a whole-delivery
    # deadline stops it (the headers alone would take 100 s)
    url = f"http://127.0.0.1:{receiver.server_address[1]}/cabecera"
    started = time.monotonic()
    outcome = _deliver(url, bound_s=8, deadline_s=3)
    elapsed = time.monotonic() - started
    assert 2.5 < elapsed < 5, elapsed
    assert (outcome.ok, outcome.status) == (False, None)
    assert outcome.cause == "the receiver did not finish answering in 3 s"
    deadline = time.monotonic() + 5
    while "/cabecera" not in receiver.sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert receiver.sent.get("/cabecera", 1000) < 12  # the worker hung up: the rest unsent


class _KeepAlive(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive: a quick 204 first, then on the same connection an answer
    whose headers trickle."""

    protocol_version = "HTTP/1.1"
    connections: ClassVar[set[int]] = set()  # the client's ports seen

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        _KeepAlive.connections.add(self.client_address[1])
        if self.path == "/rapido":
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            for byte in b"HTTP/1.1 200 OK\r\nX-Relleno: " + b"x" * 200:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:
            pass
        self.close_connection = True


def test_the_deadline_holds_on_a_connection_kept_from_a_previous_delivery() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _KeepAlive)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    poster = Poster(allow_loopback=True, deadline_s=2)
    try:
        assert poster.post(f"{base}/rapido", {"event": "prueba"}, "secreto", "a:1").ok
        started = time.monotonic()
        outcome = poster.post(f"{base}/cabecera", {"event": "prueba"}, "secreto", "a:2")
        assert time.monotonic() - started < 4
        assert outcome.cause == "the receiver did not finish answering in 2 s"
        assert len(_KeepAlive.connections) == 1  # the second rode the first's connection
    finally:
        poster.close()
        server.shutdown()
        server.server_close()
