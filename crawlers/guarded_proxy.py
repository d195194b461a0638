"""A local HTTP proxy through which ffmpeg reads recordings: every destination checked.

A recording's address is checked before ffmpeg reads it, but an HLS playlist names its
segments (and keys, and other playlists) itself, and a DNS answer may change between a
check and ffmpeg's own connect. So ffmpeg gets ``-http_proxy`` pointing here: each
request (absolute ``GET`` for http, ``CONNECT`` for https) has its host resolved and
checked by the crawler's guard (:func:`crawlers.addresses.resolve_checked`), and the
connection goes to the very address checked; a refused one is a ``403`` and is listed
in :attr:`GuardedProxy.refused`. One request per connection (``Connection: close``).
The proxy listens on 127.0.0.1 only, for as long as the ``with`` block lasts.
"""

from __future__ import annotations

import select
import socket
import socketserver
import threading
from urllib.parse import urlsplit

from crawlers.addresses import BlockedAddress, resolve_checked

HEAD_BYTES = 65536
IDLE_S = 60.0  # a relay with no byte either way for this long is closed
_DROPPED = {b"connection", b"proxy-connection", b"keep-alive", b"proxy-authorization"}


class _Refused(Exception):
    pass


class GuardedProxy(socketserver.ThreadingTCPServer):
    """``with GuardedProxy(allow_loopback) as proxy:`` serves on ``proxy.url``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, allow_loopback: bool) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.allow_loopback = allow_loopback
        self.refused: list[str] = []
        self._thread = threading.Thread(target=self.serve_forever, name="guarded-proxy")
        self._thread.daemon = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> GuardedProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    def connect(self, host: str, port: int) -> socket.socket:
        """A connection to ``host``'s checked address; _Refused when the guard says no."""
        try:
            address = resolve_checked(host, port, self.allow_loopback)[0]
        except BlockedAddress as exc:
            self.refused.append(f"{host}:{port}: {exc}")
            raise _Refused(str(exc)) from exc
        return socket.create_connection((address, port), timeout=IDLE_S)


class _Handler(socketserver.StreamRequestHandler):
    server: GuardedProxy
    timeout = IDLE_S

    def handle(self) -> None:
        head = self._head()
        if head is None:
            return
        line, headers = head
        try:
            method, target, _version = line.decode("latin-1").split(" ", 2)
            if method == "CONNECT":
                host, _, port = target.rpartition(":")
                upstream = self.server.connect(host.strip("[]"), int(port))
                self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                parts = urlsplit(target)
                if parts.scheme != "http" or not parts.hostname:
                    raise _Refused(f"not an absolute http address: {target[:200]}")
                upstream = self.server.connect(parts.hostname, parts.port or 80)
                path = parts.path or "/"
                path += f"?{parts.query}" if parts.query else ""
                kept = [h for h in headers if h.split(b":", 1)[0].strip().lower() not in _DROPPED]
                request = f"{method} {path} HTTP/1.1\r\n".encode("latin-1")
                upstream.sendall(request + b"".join(kept) + b"Connection: close\r\n\r\n")
        except (_Refused, ValueError) as exc:
            body = f"destino no permitido: {exc}".encode()
            self.wfile.write(
                b"HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain; "
                b"charset=utf-8\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
            )
            return
        except OSError:
            self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n")
            return
        with upstream:
            _relay(self.connection, upstream)

    def _head(self) -> tuple[bytes, list[bytes]] | None:
        """The request line and header lines (each with its CRLF), bounded in size."""
        line = self.rfile.readline(HEAD_BYTES).rstrip(b"\r\n")
        headers: list[bytes] = []
        size = len(line)
        while True:
            header = self.rfile.readline(HEAD_BYTES)
            size += len(header)
            if not header or size > HEAD_BYTES:
                return None
            if header in (b"\r\n", b"\n"):
                return (line, headers) if line else None
            headers.append(header.rstrip(b"\r\n") + b"\r\n")


def _relay(client: socket.socket, upstream: socket.socket) -> None:
    """Bytes both ways until either side closes or both are idle for ``IDLE_S``."""
    ends = {client: upstream, upstream: client}
    while True:
        ready, _, _ = select.select(list(ends), [], [], IDLE_S)
        if not ready:
            return
        for side in ready:
            try:
                data = side.recv(65536)
                if not data:
                    return
                ends[side].sendall(data)
            except OSError:
                return
