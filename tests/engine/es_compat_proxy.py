"""TEST-ONLY: a loopback HTTP proxy that lets the official ``elasticsearch`` client talk
to the OpenSearch test node, so the Elasticsearch adapter runs for real in CI.

Never use it in front of a real service. It changes exactly two things, both about the
client identifying the server, nothing about the API calls themselves:

1. requests: ``Content-Type``/``Accept`` ``application/vnd.elasticsearch+json;
   compatible-with=N`` become ``application/json`` (and ``…+x-ndjson`` become
   ``application/x-ndjson``): OpenSearch answers 406 to the versioned media types;
2. responses: ``X-Elastic-Product: Elasticsearch`` is added, without which the client
   refuses to talk to a server it does not recognise as Elasticsearch.

Everything else (method, path, query, body, status, other headers, HEAD answers with
their ``Content-Length`` and no body) passes through unchanged. ``intercept`` lets a test
answer some requests itself (e.g. 429 twice before letting a bulk request through).
It listens on 127.0.0.1 only; one thread per connection.
"""

from __future__ import annotations

import http.client
import re
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from samples.background import BackgroundServer

# (method, path, body) → None to pass the request on, or (status, JSON body) to answer it
Intercept = Callable[[str, str, bytes], tuple[int, bytes] | None]

_VENDOR = re.compile(r"application/vnd\.elasticsearch\+(json|x-ndjson)\s*;\s*compatible-with=\d+")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "trailer"}


def plain_media_type(value: str) -> str:
    """``application/vnd.elasticsearch+json; compatible-with=8`` → ``application/json``."""
    return _VENDOR.sub(lambda m: f"application/{m.group(1)}", value)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet in test output
        return

    def _relay(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.seen.append((self.command, self.path))
        intercept = self.server.intercept
        canned = intercept(self.command, self.path, body) if intercept else None
        if canned is not None:
            status, payload = canned
            self._answer(status, [("Content-Type", "application/json")], payload)
            return
        headers = {
            name: plain_media_type(value) if name.lower() in ("content-type", "accept") else value
            for name, value in self.headers.items()
            if name.lower() not in HOP_BY_HOP and name.lower() != "host"
        }
        upstream = http.client.HTTPConnection(self.server.upstream_host, timeout=120)
        try:
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            response = upstream.getresponse()
            payload = response.read()
            passed = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
        finally:
            upstream.close()
        self._answer(response.status, passed, payload)

    def _answer(self, status: int, headers: list[tuple[str, str]], payload: bytes) -> None:
        self.send_response(status)
        has_length = False
        for name, value in headers:
            if name.lower() == "x-elastic-product":
                continue
            has_length = has_length or name.lower() == "content-length"
            self.send_header(name, value)
        if not has_length:
            self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _relay


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str, intercept: Intercept | None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        parts = urlsplit(upstream)
        if parts.hostname not in ("127.0.0.1", "localhost") or parts.scheme != "http":
            raise ValueError("the test proxy only fronts a loopback http node")
        self.upstream_host = parts.netloc
        self.intercept = intercept
        self.seen: list[tuple[str, str]] = []


class EsCompatProxy(BackgroundServer):
    """``with EsCompatProxy(node.url) as proxy: Elasticsearch(proxy.url)``."""

    _server: _Server

    def __init__(self, upstream: str, intercept: Intercept | None = None) -> None:
        super().__init__(_Server(upstream, intercept), name="es-compat-proxy")

    @property
    def seen(self) -> list[tuple[str, str]]:
        """Every (method, path) received, in order."""
        return self._server.seen
