"""``abierto serve --workers 2``: several API processes share the port and the index,
see what another process indexes, and compress what they answer."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from config.settings import Settings
from indexer.library import Library
from tests.e2e.helpers import REPO
from tests.stores.corpus import corpus


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "abierto serve exited"
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise AssertionError("abierto serve did not answer within 60 s")


def test_two_workers_share_the_index_and_compress_their_answers(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    library = Library.open(settings, writer=True)
    for doc in corpus()[:5]:
        library.add_document(doc)
    library.flush()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "--data-dir", str(tmp_path), "serve",
         "--port", str(port), "--workers", "2"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_until_up(url, server)
        with httpx.Client(base_url=url, timeout=10, headers={"Accept-Encoding": "gzip"}) as client:
            answer = client.get("/v1/search", params={"q": ""})
            assert answer.headers.get("content-encoding") == "gzip"
            assert answer.json()["total"] == 5
            brotli = httpx.get(
                f"{url}/v1/search", params={"q": ""}, headers={"Accept-Encoding": "br"}
            )
            assert brotli.headers.get("content-encoding") == "br"
            assert brotli.json() == answer.json()
            raw = httpx.get(
                f"{url}/v1/search", params={"q": ""}, headers={"Accept-Encoding": "identity"}
            )
            assert "content-encoding" not in raw.headers and raw.json()["total"] == 5

            for doc in corpus()[5:]:
                library.add_document(doc)
            library.flush()
            # every answer, whichever worker gives it, counts the new documents
            totals = {client.get("/v1/search", params={"q": ""}).json()["total"] for _ in range(12)}
            assert totals == {len(corpus())}
    finally:
        server.terminate()
        server.wait(timeout=30)
        library.close()
