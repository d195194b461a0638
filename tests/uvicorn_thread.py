"""A real uvicorn serving an app on a free port of 127.0.0.1, in a thread of the test's
process, for tests that need what only a real server does (HTTP parsing, access logs,
streams cut short) and still read the library the app serves."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

START_S = 30.0


@contextmanager
def serving(app: Any, **config: Any) -> Iterator[str]:
    """The server's base URL while the block runs; uvicorn's options override the quiet,
    lifespan-less defaults."""
    options = {"host": "127.0.0.1", "port": 0, "lifespan": "off", "log_level": "warning"}
    server = uvicorn.Server(uvicorn.Config(app, **(options | config)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_S
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped before it started"
        assert time.monotonic() < deadline, f"uvicorn did not start within {START_S:g} s"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
