"""``abierto serve``'s uvicorn, on 127.0.0.1, against a client that asks for a large
answer (an archived original, an export) and then reads nothing: uvicorn waited for it
forever, holding the connection and what the answer had ready (an export's batch of
documents, up to megabytes) for as long as the client liked. Now a connection whose
client has taken no byte for ``write_stall_s`` is closed; one that reads, however
slowly, keeps going. The bound is shortened here so the test takes seconds."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from api.app import create_app
from cli.http_limits import BoundedHttpTools, server_limits
from indexer.models import FileRef, Sentencia, document_id
from tests.adversarial.service import Api, open_api
from tests.uvicorn_thread import serving

STALL_S = 1.0
FILE_BYTES = 40 * 1024 * 1024  # far more than the sockets' buffers hold
LET_GO = threading.Event()  # the server let a stalled client go
WAIT_S = 120.0  # a bound on waiting for it, never a measure


class QuickStalls(BoundedHttpTools):
    write_stall_s = STALL_S

    def _write_stalled(self) -> None:
        super()._write_stalled()
        if self.transport.is_closing():
            LET_GO.set()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str]]:
    api: Api = open_api(tmp_path_factory.mktemp("data"))
    blob = b"%PDF-1.4\n" + b"0" * (FILE_BYTES - 9)
    ref = FileRef(url="https://ejemplo.gob.mx/grande.pdf", sha256=api.library.archive.put(blob),
                  content_type="application/pdf", size=len(blob))  # fmt: skip
    doc = Sentencia(
        id=document_id("prueba", "https://ejemplo.gob.mx/grande"),
        title="Sentencia con un anexo grande",
        date=dt.date(2024, 5, 2),
        institution="Poder Judicial del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto-prueba",
        url="https://ejemplo.gob.mx/grande",
        files=[ref],
        text="Resolución con un anexo de muchas páginas.",
    )
    api.library.add_document(doc)
    api.library.flush()
    config = server_limits() | {"http": QuickStalls}
    with serving(create_app(api.library, api.settings), **config) as url:
        yield int(url.rsplit(":", 1)[1]), doc.id
    api.close()


def _read_all(conn: socket.socket, pause_s: float = 0.0, pauses: int = 0) -> int:
    """Bytes read until the server closes; after each of the first ``pauses`` reads of
    8 MB, a wait of ``pause_s`` (the sockets' buffers hold megabytes: the server can write
    again once a good part of them has been read)."""
    received = waited = 0
    try:
        while chunk := conn.recv(65536):
            received += len(chunk)
            if waited < pauses and received >= (waited + 1) << 23:
                waited += 1
                time.sleep(pause_s)
    except (ConnectionResetError, TimeoutError):
        pass
    return received


def test_a_client_that_reads_nothing_is_let_go(served: tuple[int, str]) -> None:
    port, doc_id = served
    request = f"GET /v1/documents/{doc_id}/file HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    LET_GO.clear()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        conn.sendall(request.encode())
        # reads nothing until the server gave up on it (a wait of 6 s, before: on a loaded
        # machine the server had not yet filled the buffers and waited its second, and
        # the client read the whole file); a server waiting forever is waited for 120 s
        LET_GO.wait(WAIT_S)
        received = _read_all(conn)
    assert received < FILE_BYTES, "the server waited for the reader as long as it liked"


def test_a_slow_reader_gets_the_whole_answer(served: tuple[int, str]) -> None:
    port, doc_id = served
    request = (
        f"GET /v1/documents/{doc_id}/file HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(request.encode())
        time.sleep(STALL_S * 0.6)
        received = _read_all(conn, pause_s=STALL_S * 0.6, pauses=4)
    assert received > FILE_BYTES, received  # the whole file and its head


def test_the_server_answers_others_after_a_stalled_reader(served: tuple[int, str]) -> None:
    port, _ = served
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert conn.recv(65536).startswith(b"HTTP/1.1 200 ")
