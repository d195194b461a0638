"""A local HTTP proxy through which ffmpeg reads recordings: every destination checked.

A recording's address is checked before ffmpeg reads it, but an HLS playlist names its
segments (and keys, and other playlists) itself, and a DNS answer may change between a
check and ffmpeg's own connect. So ffmpeg gets ``-http_proxy`` pointing here: each
request (absolute ``GET`` for http, ``CONNECT`` for https) has its host resolved and
checked by the crawler's guard (:func:`crawlers.addresses.resolve_checked`), and the
connection goes to the very address checked; a refused one is a ``403`` and is listed
in :attr:`GuardedProxy.refused` (the first ``MAX_REFUSED``). One request per connection
(``Connection: close``).

The request's ``Host`` is the checked URL's own, never the one the client sent (a shared
front routes by it), and a head that two servers could read two ways (a bare CR, a folded
line, two lengths, a length beside a chunked encoding) is a ``400``. A client has
``HEAD_S`` for its whole head, at most ``MAX_CLIENTS`` are served at once (the others are
closed at once), and the proxy listens on 127.0.0.1 only, for as long as the ``with``
block lasts: leaving it closes every connection still open, tunnels included.
"""

from __future__ import annotations

import contextlib
import re
import select
import socket
import socketserver
import threading
import time
from urllib.parse import urlsplit

from crawlers.addresses import BlockedAddress, resolve_checked

HEAD_BYTES = 65536
HEAD_S = 10.0  # the whole request head, however slowly it is sent
IDLE_S = 60.0  # a relay with no byte either way for this long is closed
MAX_CLIENTS = 32  # ffmpeg holds a few at a time (a playlist, its segments, a key)
MAX_REFUSED = 100  # kept of the refusals (a playlist may name millions of segments)
_DROPPED = {b"connection", b"proxy-connection", b"keep-alive", b"proxy-authorization", b"host"}
_END = re.compile(rb"\r?\n\r?\n")
_METHOD = re.compile(rb"[A-Z]{1,16}")
_FIELD = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+:[^\r\n\0]*")


class _Refused(Exception):
    """The guard refused the destination (403)."""


class _Malformed(Exception):
    """A request head the proxy will not pass on (400)."""


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
        self._slots = threading.BoundedSemaphore(MAX_CLIENTS)
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> GuardedProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        with self._lock:
            self._closed = True
            still_open, self._open = self._open, set()
        for sock in still_open:  # wakes the threads relaying or reading on them
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def verify_request(self, request: object, client_address: object) -> bool:
        """Serve a client only while fewer than ``MAX_CLIENTS`` are."""
        return self._slots.acquire(blocking=False)

    def process_request_thread(self, request: object, client_address: object) -> None:
        try:
            super().process_request_thread(request, client_address)  # type: ignore[misc]
        finally:
            self._slots.release()

    def track(self, sock: socket.socket) -> None:
        """Close ``sock`` when the proxy closes (at once if it already has)."""
        with self._lock:
            if not self._closed:
                self._open.add(sock)
                return
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.discard(sock)

    def connect(self, host: str, port: int) -> socket.socket:
        """A connection to ``host``'s checked address; _Refused when the guard says no."""
        if not 0 < port < 65536:
            raise _Refused(f"port {port} out of range")
        try:
            address = resolve_checked(host, port, self.allow_loopback)[0]
        except BlockedAddress as exc:
            if len(self.refused) < MAX_REFUSED:
                self.refused.append(f"{host}:{port}: {exc}")
            raise _Refused(str(exc)) from exc
        upstream = socket.create_connection((address, port), timeout=IDLE_S)
        self.track(upstream)
        return upstream


class _Handler(socketserver.BaseRequestHandler):
    server: GuardedProxy
    request: socket.socket

    def handle(self) -> None:
        self.server.track(self.request)
        try:
            self._serve()
        except OSError:
            pass
        finally:
            self.server.untrack(self.request)

    def _serve(self) -> None:
        head = _read_head(self.request, time.monotonic() + HEAD_S)
        if head is None:
            return
        lines, rest = head
        try:
            upstream, first = _open(self.server, lines)
        except _Malformed as exc:
            _answer(self.request, b"400 Bad Request", f"petición mal formada: {exc}")
            return
        except _Refused as exc:
            _answer(self.request, b"403 Forbidden", f"destino no permitido: {exc}")
            return
        except OSError:
            _answer(self.request, b"502 Bad Gateway", "no se pudo conectar con el destino")
            return
        try:
            if first is None:
                self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                upstream.sendall(rest)
            else:
                upstream.sendall(first + rest)
            self.request.settimeout(IDLE_S)
            _relay(self.request, upstream)
        finally:
            self.server.untrack(upstream)
            upstream.close()


def _read_head(sock: socket.socket, deadline: float) -> tuple[list[bytes], bytes] | None:
    """The head's lines (without line ends) and the bytes after it; None when the client
    closes, is too slow (``HEAD_S`` for all of it) or sends more than ``HEAD_BYTES``."""
    data = b""
    while (end := _END.search(data)) is None:
        left = deadline - time.monotonic()
        if left <= 0 or len(data) > HEAD_BYTES:
            return None
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            return None
        if not chunk:
            return None
        data += chunk
    if end.start() > HEAD_BYTES:
        return None
    lines = [line.removesuffix(b"\r") for line in data[: end.start()].split(b"\n")]
    return lines, data[end.end() :]


def _open(server: GuardedProxy, lines: list[bytes]) -> tuple[socket.socket, bytes | None]:
    """The checked upstream connection and the head to send it (None for a tunnel)."""
    parts = lines[0].split(b" ")
    if len(parts) != 3 or not _METHOD.fullmatch(parts[0]) or not parts[2].startswith(b"HTTP/1."):
        raise _Malformed("línea de petición inválida")
    fields = lines[1:]
    if any(not _FIELD.fullmatch(field) for field in fields):
        raise _Malformed("encabezado inválido")
    names = [field.split(b":", 1)[0].lower() for field in fields]
    framing = names.count(b"content-length") + names.count(b"transfer-encoding")
    if framing > 1:
        raise _Malformed("longitud del cuerpo ambigua")
    method, target = parts[0].decode("ascii"), parts[1].decode("latin-1")
    if method == "CONNECT":
        host, _, port = target.rpartition(":")
        if not port.isascii() or not port.isdigit():
            raise _Malformed(f"puerto inválido en {target[:200]}")
        return server.connect(host.removeprefix("[").removesuffix("]"), int(port)), None
    try:
        url = urlsplit(target)
        port = url.port or 80
        host = url.hostname or ""
        authority = f"[{host}]" if ":" in host else host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as exc:
        raise _Malformed(f"dirección inválida: {target[:200]}") from exc
    if url.scheme != "http" or not host:
        raise _Refused(f"not an absolute http address: {target[:200]}")
    upstream = server.connect(host, port)
    path = (url.path or "/") + (f"?{url.query}" if url.query else "")
    authority += f":{url.port}" if url.port else ""
    kept = [f + b"\r\n" for f, name in zip(fields, names, strict=True) if name not in _DROPPED]
    first = f"{method} {path} HTTP/1.1\r\nHost: {authority}\r\n".encode("latin-1")
    return upstream, first + b"".join(kept) + b"Connection: close\r\n\r\n"


def _answer(sock: socket.socket, status: bytes, text: str) -> None:
    body = text.encode()
    sock.sendall(
        b"HTTP/1.1 " + status + b"\r\nConnection: close\r\nContent-Type: text/plain; "
        b"charset=utf-8\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )


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
