"""A fixture server that misbehaves the way real sites do, on request.

Static files are served from a root folder. A case folder may hold ``_http.yaml`` with
routes (tried in order) that reproduce what legacy sites do: wrong or missing
``Content-Type``, redirects to the file, answers to form posts, query-string pages,
``429`` with ``Retry-After`` a number of times, then the normal answer::

    routes:
      - path: /listado.aspx            # relative to the case folder
        method: POST
        form: {pagina: "2"}            # these posted fields must match
        json: {page: 2}                # or these keys of a posted JSON body
        cookies: {ASP.NET_SessionId: x} # and the request carries these cookies
        file: listado-2.html
        content_type: "text/html"      # null: no Content-Type header at all
      - path: /doc/12
        redirect: /archivo/12.pdf
      - path: /lento.html
        status: 429
        headers: {Retry-After: "1"}
        times: 1                       # then the next matching route or the file

``{{BASE}}`` in any body becomes the server's address (real feeds and sitemaps carry
absolute links). Every request is logged with its time (``log``) so tests can check waits.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import mimetypes
import threading
import time
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

from samples.background import BackgroundServer

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
}
ROBOTS = b"User-agent: *\nDisallow:\n"


@dataclass
class Hit:
    at: float
    method: str
    target: str
    status: int


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._answer("GET", b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._answer("POST", self.rfile.read(length))

    def _answer(self, method: str, body: bytes) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        form = {
            k: v[0] for k, v in parse_qs(body.decode("latin-1"), keep_blank_values=True).items()
        }
        sent = SimpleCookie()
        with contextlib.suppress(CookieError):
            sent.load(self.headers.get("Cookie") or "")
        cookies = {name: morsel.value for name, morsel in sent.items()}
        route = self.server.match(method, path, query, form, _json_body(body), cookies)
        if route is not None:
            self._route(route, path, method)
            return
        target = self.server.resolve(path)
        if target is None:
            if path == "/robots.txt":
                self._send(method, 200, ROBOTS, "text/plain", {})
            else:
                self._send(method, 404, b"<h1>No encontrado</h1>", "text/html", {})
            return
        ctype = TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0]
        self._send(method, 200, target.read_bytes(), ctype or "application/octet-stream", {})

    def _route(self, route: dict[str, Any], path: str, method: str) -> None:
        folder = self.server.case_folder(path)
        headers = {str(k): str(v) for k, v in (route.get("headers") or {}).items()}
        if "redirect" in route:
            target = route["redirect"]
            headers["Location"] = (
                target if "://" in target else self.server.case_url(folder, target)
            )
            self._send(method, int(route.get("status", 302)), b"", "text/html", headers)
            return
        if "file" in route:
            data = (folder / route["file"]).read_bytes()
        else:
            data = str(route.get("body", "")).encode(route.get("encoding", "utf-8"))
        default = TYPES.get(Path(str(route.get("file", ""))).suffix.lower(), "text/html")
        ctype = route.get("content_type", default)
        self._send(method, int(route.get("status", 200)), data, ctype, headers)

    def _send(
        self, method: str, status: int, data: bytes, ctype: str | None, headers: dict[str, str]
    ) -> None:
        data = self.server.with_base(data)
        self.server.record(method, self.path, status)
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in headers.items():  # a Link header's addresses are absolute
            self.send_header(name, self.server.with_base(value.encode()).decode())
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _json_body(body: bytes) -> dict[str, Any] | None:
    """A posted JSON object (APIs searched by POST), or None."""
    try:
        data = json.loads(body.decode("utf-8")) if body.strip().startswith(b"{") else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root.resolve()
        self.lock = threading.Lock()
        self.log: list[Hit] = []
        self.served: dict[int, int] = {}
        self.routes: list[tuple[Path, int, dict[str, Any]]] = []
        for config in sorted(self.root.rglob("_http.yaml")):
            data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
            for n, route in enumerate(data.get("routes", [])):
                self.routes.append((config.parent, n, route))

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def with_base(self, data: bytes) -> bytes:
        """``{{BASE}}`` → this server's address (inside gzipped files too)."""
        if data.startswith(b"\x1f\x8b"):
            return gzip.compress(self.with_base(gzip.decompress(data)), mtime=0)
        return data.replace(b"{{BASE}}", self.base_url.encode())

    def case_folder(self, path: str) -> Path:
        target = (self.root / path.lstrip("/")).resolve()
        for folder, _, _ in self.routes:
            if target.is_relative_to(folder):
                return folder
        return self.root

    def case_url(self, folder: Path, path: str) -> str:
        slash = "/" if path.endswith("/") else ""  # a folder's address keeps its slash
        return "/" + str((folder / path.lstrip("/")).relative_to(self.root)) + slash

    def match(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        form: dict[str, str],
        body: dict[str, Any] | None = None,
        cookies: dict[str, str] | None = None,
    ) -> dict[str, Any] | None:
        for index, (folder, _, route) in enumerate(self.routes):
            if self.case_url(folder, route["path"]) != path:
                continue
            if route.get("method", "GET") != method:
                continue
            wanted_query = {k: str(v) for k, v in (route.get("query") or {}).items()}
            if any(query.get(k) != v for k, v in wanted_query.items()):
                continue
            wanted_form = {k: str(v) for k, v in (route.get("form") or {}).items()}
            if any(form.get(k) != v for k, v in wanted_form.items()):
                continue
            wanted_cookies = {k: str(v) for k, v in (route.get("cookies") or {}).items()}
            if any((cookies or {}).get(k) != v for k, v in wanted_cookies.items()):
                continue
            wanted_json = route.get("json") or {}
            if any((body or {}).get(k) != v for k, v in wanted_json.items()):
                continue
            with self.lock:
                if "times" in route and self.served.get(index, 0) >= int(route["times"]):
                    continue
                self.served[index] = self.served.get(index, 0) + 1
            return route
        return None

    def resolve(self, path: str) -> Path | None:
        target = (self.root / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.root):
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or target.name.startswith(("_", "expected")):
            return None
        return target

    def record(self, method: str, target: str, status: int) -> None:
        with self.lock:
            self.log.append(Hit(time.monotonic(), method, target, status))

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class FixtureServer(BackgroundServer):
    """A running fixture server (a context manager)."""

    _server: _Server

    def __init__(self, root: Path) -> None:
        super().__init__(_Server(root), name="fixture-server")

    @property
    def url(self) -> str:
        return self._server.base_url

    @property
    def log(self) -> list[Hit]:
        return self._server.log

    def hits(self, target_prefix: str) -> list[Hit]:
        return [hit for hit in self.log if hit.target.startswith(target_prefix)]
