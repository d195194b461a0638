"""A plain ``http.server`` handler served on 127.0.0.1 from a thread: the misbehaving
sites and APIs the crawl tests point a spider at."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving_handler(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """The handler's base URL while the block runs; the server is closed after it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that answers whole bodies and logs nothing (pytest shows the test's own
    output, not one line per request)."""

    def answer(
        self,
        body: bytes,
        content_type: str = "application/json",
        status: int = 200,
        encoding: str | None = None,
    ) -> None:
        """``body`` with its length, type and (when given) ``Content-Encoding``."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer_json(self, value: object) -> None:
        """``value`` as a JSON body (200)."""
        self.answer(json.dumps(value).encode())

    def log_message(self, *args: object) -> None:
        pass
