"""A site that answers a byte at a time is cut at the download timeout, and its error
says it had begun answering: it read "el sitio no respondió", which sent an operator to
check a site that was up. A site that sends nothing keeps that wording. The preview's
own fetch says the same: its timeouts read only "tiempo agotado"."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawlers.causas import error_mensaje
from crawlers.fetch import FetchError, fetch
from indexer.db import Database
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-lento
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
"""


def _answer(conn: socket.socket, dribble: bool, stop: threading.Event) -> None:
    with conn:
        conn.recv(65536)
        if dribble:
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"
            )
        while not stop.wait(0.2):
            if dribble:
                try:
                    conn.sendall(b"<")
                except OSError:
                    return


@pytest.fixture(params=[True, False], ids=["byte-a-byte", "silent"])
def site(request: pytest.FixtureRequest) -> Iterator[tuple[str, bool]]:
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=_answer, args=(conn, request.param, stop), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", request.param
    stop.set()
    listener.close()
    thread.join(timeout=5)


def test_a_timeout_says_whether_the_site_had_begun_answering(
    tmp_path: Path, site: tuple[str, bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, dribble = site
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    monkeypatch.setenv("ABIERTO_DOWNLOAD_TIMEOUT_S", "2")
    monkeypatch.setenv("ABIERTO_OBEY_ROBOTS", "false")  # the page itself, not robots.txt
    started = time.monotonic()
    result = run_crawl(tmp_path / "data", url, sources_dir=specs)
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        errors = db.list_runs("juzgado-lento")[0].errors
    finally:
        db.close()
    [example] = errors["timeout"]["examples"]
    wanted = (
        "tiempo agotado: el sitio empezó a responder pero no terminó en 2 s"
        if dribble
        else "tiempo agotado: el sitio no respondió en 2 s"
    )
    assert error_mensaje("timeout", example["message"]) == wanted


def test_a_preview_fetch_timeout_says_whether_the_site_had_begun_answering(
    site: tuple[str, bool],
) -> None:
    url, dribble = site
    started = time.monotonic()
    with pytest.raises(FetchError) as failed:
        fetch(f"{url}/listado.html", allow_loopback=True, user_agent="prueba",
              max_bytes=100_000, deadline=started + 2)  # fmt: skip
    assert time.monotonic() - started < 10
    wanted = (
        "tiempo agotado: el sitio empezó a responder pero no terminó en 2 s"
        if dribble
        else "tiempo agotado: el sitio no respondió en 2 s"
    )
    assert error_mensaje(failed.value.cause, str(failed.value)) == wanted
