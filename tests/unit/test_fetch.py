"""The guarded fetch behind previews, and the crawler's DNS guard: every SSRF route."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from twisted.internet.error import DNSLookupError

from crawlers import lookups
from crawlers.fetch import FetchError, fetch
from crawlers.resolver import GuardedResolver

REDIRECTS = {
    "/to-metadata": "http://169.254.169.254/latest/meta-data/",
    "/to-private": "http://10.0.0.1/admin",
    "/to-ipv6-loopback": "http://[::1]/",
    "/to-file": "file:///etc/passwd",
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/trickle":
            try:
                for byte in b"HTTP/1.1 200 OK\r\nX-Relleno: " + b"a" * 200:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True
            return
        body = b"x" * 200_000 if self.path == "/big" else b"hola"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def get(url: str, allow_loopback: bool = True, max_bytes: int = 1_000_000, wait: float = 5) -> Any:
    return fetch(
        url,
        allow_loopback=allow_loopback,
        user_agent="prueba",
        max_bytes=max_bytes,
        deadline=time.monotonic() + wait,
    )


def test_loopback_is_fetched_only_when_allowed(port: int) -> None:
    assert get(f"http://127.0.0.1:{port}/ok").body == b"hola"
    for host in ("127.0.0.1", "localhost", "2130706433", "0x7f000001", "[::1]", "127.1"):
        with pytest.raises(FetchError) as caught:
            get(f"http://{host}:{port}/ok", allow_loopback=False)
        assert caught.value.cause == "blocked_address", host


@pytest.mark.parametrize("path", sorted(REDIRECTS))
def test_redirects_to_forbidden_places_are_refused(port: int, path: str) -> None:
    with pytest.raises(FetchError) as caught:
        get(f"http://127.0.0.1:{port}{path}", allow_loopback=path != "/to-ipv6-loopback")
    assert caught.value.cause == "blocked_address"


def test_size_and_time_are_bounded(port: int) -> None:
    with pytest.raises(FetchError) as caught:
        get(f"http://127.0.0.1:{port}/big", max_bytes=10_000)
    assert caught.value.cause == "too_large"
    with pytest.raises(FetchError) as caught:
        get(f"http://127.0.0.1:{port}/slow", wait=0.5)
    assert caught.value.cause == "timeout"


def test_a_server_trickling_its_headers_is_left_at_the_deadline(port: int) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        get(f"http://127.0.0.1:{port}/trickle", wait=1.5)
    assert caught.value.cause == "timeout"
    assert time.monotonic() - started < 4


def test_the_connection_goes_to_the_address_that_was_checked(
    port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that answers 127.0.0.1 when checked and 10.0.0.1 afterwards (DNS
    rebinding): the fetch connects to the checked answer and never asks again."""
    answers = iter(["127.0.0.1", "10.0.0.1"])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return [next(answers)]

    monkeypatch.setattr(lookups, "_getaddrinfo", rebinding)
    assert get(f"http://sesiones.congreso.example:{port}/ok").body == b"hola"
    assert asked == ["sesiones.congreso.example"]
    # said as a name that does not resolve: whether it points inside is the server's secret
    with pytest.raises(FetchError, match=r"does not resolve to a public address") as refused:
        get(f"http://sesiones.congreso.example:{port}/ok")
    assert refused.value.cause == "dns"


def test_the_crawlers_resolver_refuses_forbidden_answers() -> None:
    resolver = GuardedResolver.__new__(GuardedResolver)
    resolver.allow_loopback = False
    # said as the name not resolving (the log says why): see crawlers.addresses
    with pytest.raises(DNSLookupError, match=r"no results for hostname lookup: metadata\.example"):
        resolver._check("169.254.169.254", "metadata.example")
    with pytest.raises(DNSLookupError, match="no results for hostname lookup: localhost"):
        resolver._check("127.0.0.1", "localhost")
    assert resolver._check("8.8.8.8", "dns.example") == "8.8.8.8"
    resolver.allow_loopback = True
    assert resolver._check("127.0.0.1", "localhost") == "127.0.0.1"
    with pytest.raises(DNSLookupError):
        resolver._check("192.168.1.1", "router.example")
