"""``abierto serve`` believes ``X-Forwarded-For`` and ``X-Forwarded-Proto`` from the
proxies of ``ABIERTO_TRUSTED_PROXIES`` only: by uvicorn's default, any peer at 127.0.0.1
picked its own read budget and the scheme of the links it was given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from config.settings import Settings
from indexer.library import Library
from tests.e2e.helpers import REPO
from tests.e2e.test_serve import _free_port, _wait_until_up
from tests.stores.corpus import corpus


def _serve(tmp_path: Path, proxies: str) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    environment = {**os.environ, "ABIERTO_TRUSTED_PROXIES": proxies}
    server = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "--data-dir", str(tmp_path), "serve",
         "--port", str(port), "--workers", "1"],
        cwd=REPO, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    _wait_until_up(url, server)
    return url, server


def _feed_self(url: str, headers: dict[str, str]) -> str:
    feed = httpx.get(f"{url}/v1/search.atom", params={"q": "amparo"}, headers=headers).text
    return feed.split('rel="self"')[0].rsplit('href="', 1)[1].split("/v1/", 1)[0]


def _remaining(url: str, headers: dict[str, str]) -> int:
    answer = httpx.get(f"{url}/v1/search", params={"q": "amparo"}, headers=headers)
    return int(answer.headers["RateLimit-Remaining"])


def test_forwarded_headers_count_only_from_a_configured_proxy(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    for doc in corpus()[:3]:
        library.add_document(doc)
    library.flush()
    library.close()
    forged = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}

    url, server = _serve(tmp_path, "")
    try:
        assert _feed_self(url, forged) == url  # the scheme it was reached by
        first = _remaining(url, {"X-Forwarded-For": "203.0.113.10"})
        assert _remaining(url, {"X-Forwarded-For": "203.0.113.11"}) == first - 1  # one budget
    finally:
        server.terminate()
        server.wait(timeout=30)

    url, server = _serve(tmp_path, "127.0.0.1")
    try:
        assert _feed_self(url, forged) == url.replace("http://", "https://")
        first = _remaining(url, {"X-Forwarded-For": "203.0.113.10"})
        assert _remaining(url, {"X-Forwarded-For": "203.0.113.11"}) == first  # each its own
    finally:
        server.terminate()
        server.wait(timeout=30)
