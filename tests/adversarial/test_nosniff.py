"""Every answer of ``abierto serve``, on 127.0.0.1, says ``X-Content-Type-Options:
nosniff``: JSON answers, feeds, exports and errors (the app's and the server's own 400)
too, not only pages and files, so no browser runs an answer that looks like HTML."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from cli.http_limits import server_limits
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Api]]:
    api = open_api(tmp_path_factory.mktemp("data"))
    with serving(create_app(api.library, api.settings), **server_limits()) as url:
        yield url, api
    api.close()


@pytest.mark.parametrize(
    "path",
    [
        "/v1/search?q=amparo",
        "/v1/search.atom?q=amparo",
        "/v1/export.csv?q=amparo",
        "/v1/documents/no-existe",
        "/v1/search?limit=mil",
        "/v1/sources",
        "/healthz",
    ],
)
def test_json_feeds_exports_and_errors_say_nosniff(served: tuple[str, Api], path: str) -> None:
    url, _ = served
    answer = httpx.get(url + path)
    assert answer.headers.get("x-content-type-options") == "nosniff", (answer.status_code, path)


def test_a_write_refused_says_nosniff(served: tuple[str, Api]) -> None:
    url, api = served
    answer = httpx.post(f"{url}/v1/sources", content=b"[", headers=api.headers)
    assert answer.status_code >= 400
    assert answer.headers.get("x-content-type-options") == "nosniff"


def test_the_servers_own_400_says_nosniff(served: tuple[str, Api]) -> None:
    port = int(served[0].rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 400 "), answer[:200]
    assert b"\r\nx-content-type-options: nosniff" in head
