"""A site whose answer is a head that never ends (header lines sent as fast as the
crawler reads them): Twisted's HTTP client keeps every header until the blank line, so a
crawl grew past 4 GB and was stopped after two minutes by the memory guard, counting no
error at all. Now a head past ``MAX_RESPONSE_HEAD_BYTES`` fails that request at once,
counted as ``too_large`` with its address, and the crawl ends in seconds; a head of many
ordinary headers is still read."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawlers.handlers import MAX_RESPONSE_HEAD_BYTES
from tests.adversarial.service import listing_spec, open_api

REPO = Path(__file__).resolve().parents[2]
BOUND_S = 90  # the old code took over two minutes and gigabytes
LISTING = (
    b"<html><body><table><tbody><tr><td><a href='/d1'>uno</a></td></tr></tbody></table>"
    b"</body></html>"
)
DETAIL = b"<html><body><main>Texto de la sentencia uno, con su resolutivo.</main></body></html>"


def _answer(conn: socket.socket) -> None:
    try:
        request = conn.recv(65536)
        path = request.split(b" ", 2)[1] if request.count(b" ") >= 2 else b"/"
        if path.startswith(b"/sin-fin"):
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
            line = b"X-Relleno: " + b"r" * 1000 + b"\r\n"
            while True:  # until the crawler hangs up
                conn.sendall(line * 64)
        body = DETAIL if path.startswith(b"/d") else LISTING
        many = b"".join(b"Set-Cookie: c%d=%s\r\n" % (n, b"v" * 900) for n in range(100))
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + many
            + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body
        )  # fmt: skip
    except OSError:
        pass
    finally:
        conn.close()


@pytest.fixture
def site() -> Iterator[str]:
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    running = True

    def serve() -> None:
        while running:
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=_answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    running = False
    thread.join(5)
    server.close()


def _crawl_run(tmp_path: Path, spec: dict[str, Any]) -> tuple[dict[str, Any], float, Any]:
    api = open_api(tmp_path / "data")
    created = api.client.post("/v1/sources", json=spec, headers=api.headers)
    assert created.status_code == 201, created.text
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(api.settings.data_dir),
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
    }
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cli.main", "crawl", "--source", spec["id"]],
            env=env, cwd=REPO, capture_output=True, text=True, timeout=BOUND_S, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        api.close()
        pytest.fail(f"the crawl was still running after {BOUND_S} s")
    took = time.monotonic() - start
    assert done.returncode in (0, 1, 3), done.stdout + done.stderr
    runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
    return runs["runs"][0], took, api


def test_a_head_that_never_ends_is_a_counted_too_large(tmp_path: Path, site: str) -> None:
    run, took, api = _crawl_run(tmp_path, listing_spec(f"{site}/sin-fin", id="pj-gto-sin-fin"))
    try:
        assert took < BOUND_S / 2, took
        [example] = run["errors"]["too_large"]["examples"]
        assert example["url"].endswith("/sin-fin")
        assert f"{MAX_RESPONSE_HEAD_BYTES}" in example["message"], example
        assert "encabezados" in example["mensaje"], example
    finally:
        api.close()


def test_a_head_of_many_ordinary_headers_is_read(tmp_path: Path, site: str) -> None:
    spec = listing_spec(f"{site}/lista", id="pj-gto-cabeceras")
    spec["listing"] |= {"fields": {"title": "css:a::text"}}
    run, _, api = _crawl_run(tmp_path, spec)
    try:
        assert run["errors"] == {}, run["errors"]
        assert api.library.db.count_documents() == 1
    finally:
        api.close()
