"""Threaded static HTTP server for the sample sites.

Sends ``ETag`` (sha256 of the content) and ``Last-Modified``, answers conditional requests with
304, never lists directories, and counts requests per path (``hits``) so tests can check that an
incremental re-crawl did not download unchanged files.
Usage: ``python -m samples.server ROOT --port 8765 [--generate]``.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import mimetypes
import threading
from collections import Counter
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from samples.background import BackgroundServer

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
    ".m3u8": "application/vnd.apple.mpegurl",
    ".xml": "application/xml",
    ".vtt": "text/vtt; charset=utf-8",
}
DEFAULT_ROBOTS = b"User-agent: *\nDisallow:\n"


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return (
        CONTENT_TYPES.get(suffix)
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "EstadoAbiertoMuestras/1.0"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _resolve(self, url_path: str) -> Path | None:
        root = self.server.root
        target = (root / url_path.lstrip("/")).resolve()
        if not target.is_relative_to(root):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _respond(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path) or "/"
        target = self._resolve(path)
        if target is None and path == "/robots.txt":
            self._send(HTTPStatus.OK, DEFAULT_ROBOTS, "text/plain; charset=utf-8", {}, body, path)
            return
        if target is None:
            self._send(
                HTTPStatus.NOT_FOUND,
                b"<h1>404 No encontrado</h1>\n",
                "text/html; charset=utf-8",
                {},
                body,
                path,
            )
            return
        data, etag, mtime = self.server.load(target)
        headers = {
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
            "Cache-Control": "no-cache",
        }
        if self._not_modified(etag, int(mtime)):
            self._send(HTTPStatus.NOT_MODIFIED, b"", None, headers, False, path)
        else:
            self._send(HTTPStatus.OK, data, content_type(target), headers, body, path)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return mtime <= since
        return False

    def _send(
        self,
        status: HTTPStatus,
        data: bytes,
        ctype: str | None,
        headers: dict[str, str],
        body: bool,
        path: str,
    ) -> None:
        self.server.record(path, status)
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body and data:
            self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path) -> None:
        super().__init__(address, _Handler)
        self.root = root.resolve()
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.downloads: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self._cache: dict[Path, tuple[int, int, bytes, str]] = {}

    def load(self, path: Path) -> tuple[bytes, str, float]:
        """File bytes, quoted sha256 ETag and mtime (cached by mtime and size)."""
        st = path.stat()
        with self.lock:
            cached = self._cache.get(path)
        if cached and cached[:2] == (st.st_mtime_ns, st.st_size):
            return cached[2], cached[3], st.st_mtime
        data = path.read_bytes()
        etag = f'"{hashlib.sha256(data).hexdigest()}"'
        with self.lock:
            self._cache[path] = (st.st_mtime_ns, st.st_size, data, etag)
        return data, etag, st.st_mtime

    def record(self, path: str, status: HTTPStatus) -> None:
        with self.lock:
            self.hits[path] += 1
            if status == HTTPStatus.OK:
                self.downloads[path] += 1
            elif status == HTTPStatus.NOT_MODIFIED:
                self.not_modified[path] += 1

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # quiet: clients closing connections early is normal during crawls


class SampleServer(BackgroundServer):
    """A running sample server; use as a context manager or call :meth:`stop`.

    Counters (keyed by URL path, thread-safe to read after requests finish):
    ``hits`` every request, ``downloads`` 200 responses, ``not_modified`` 304 responses.
    """

    _server: _Server

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(_Server((host, port), Path(root)), name="samples-server")

    @property
    def root(self) -> Path:
        return self._server.root

    @property
    def hits(self) -> Counter[str]:
        return self._server.hits

    @property
    def downloads(self) -> Counter[str]:
        return self._server.downloads

    @property
    def not_modified(self) -> Counter[str]:
        return self._server.not_modified

    def url_for(self, path: str) -> str:
        return self.url + "/" + path.lstrip("/")

    def reset_counts(self) -> None:
        with self._server.lock:
            self.hits.clear()
            self.downloads.clear()
            self.not_modified.clear()


def serve(root: Path, host: str = "127.0.0.1", port: int = 0) -> SampleServer:
    """Start serving ``root`` in a background thread (``port=0`` picks a free port)."""
    return SampleServer(root, host, port)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Sirve los sitios de muestra")
    parser.add_argument("root", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--generate", action="store_true", help="generar los sitios en ROOT antes de servir"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.generate:
        from samples.generate import generate

        generate(args.root, args.seed)
    server = serve(args.root, args.host, args.port)
    print(f"Sirviendo {args.root} en {server.url}/ (Ctrl+C para terminar)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
