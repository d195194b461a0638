"""``HEAD`` through a real uvicorn: wherever ``GET`` answers, ``HEAD`` answers the same
status and headers with no body (it was a ``405`` on every route), and an export asked
by ``HEAD`` is not made."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import FileRef, document_id
from tests.api.conftest import PDF_BYTES, _docs
from tests.uvicorn_thread import serving

S1 = document_id("prueba", "https://ejemplo.gob.mx/s1")
READS = [
    "/healthz",
    "/v1/search?q=amparo",
    "/v1/search?limit=-1",  # a refusal is the same refusal
    "/v1/search.atom?q=amparo",
    "/v1/export.csv?q=amparo",
    "/v1/export.jsonl",
    f"/v1/documents/{S1}",
    f"/v1/documents/{S1}/file",
    f"/v1/documents/{S1}/citations",
    "/v1/documents/no-existe",
    "/v1/sessions",
    "/v1/speeches",
    "/v1/search/syntax",
    "/",
    "/buscar?q=amparo",
    f"/d/{S1}",
    "/sesiones",
    "/ayuda",
    "/static/estilo.css",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    library = Library.open(Settings(data_dir=tmp_path_factory.mktemp("data")))
    pdf = FileRef(url="https://ejemplo.gob.mx/a.pdf", sha256=library.archive.put(PDF_BYTES),
                  content_type="application/pdf", size=len(PDF_BYTES))  # fmt: skip
    for doc in _docs(pdf, pdf):
        library.add_document(doc)
    library.flush()
    with serving(create_app(library)) as url:
        yield url
    library.close()


@pytest.mark.parametrize("path", READS)
def test_head_answers_what_get_answers_without_a_body(served: str, path: str) -> None:
    with httpx.Client(base_url=served, timeout=30) as client:
        got = client.get(path)
        head = client.head(path)
        again = client.get(path)  # a cached answer may be compressed to other bytes
    assert got.status_code != 405, got.text[:200]
    assert head.status_code == got.status_code, head.headers
    assert head.content == b""
    for name in ("content-type", "etag", "content-disposition", "x-content-type-options"):
        assert head.headers.get(name) == got.headers.get(name), name
    if "content-length" in got.headers:
        lengths = {got.headers["content-length"], again.headers["content-length"]}
        assert head.headers["content-length"] in lengths


def test_head_where_only_a_post_answers_is_still_a_405(served: str) -> None:
    head = httpx.head(f"{served}/v1/reader-keys", timeout=30)
    assert head.status_code == 405
    assert "POST" in head.headers["allow"]


def test_head_of_an_export_sends_its_head_only(served: str) -> None:
    """A raw HEAD: the connection carries the head and nothing after it, and stays usable."""
    host, port = served.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        request = f"HEAD /v1/export.jsonl HTTP/1.1\r\nHost: {host}\r\n\r\n"
        sock.sendall(request.encode() + f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        received = b""
        while b'"status"' not in received:
            chunk = sock.recv(65536)
            assert chunk, received
            received += chunk
    first, second = received.split(b"HTTP/1.1 ", 2)[1:]
    assert first.startswith(b"200")
    assert first.endswith(b"\r\n\r\n")  # no body, no chunk, before the next answer
    assert second.startswith(b"200")
