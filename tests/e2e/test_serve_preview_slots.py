"""``abierto serve --workers 2``: the bounds on previews running at once (per
institution, and in all) hold for the whole server, whichever worker takes each call.
Previews of a site that accepts connections and never answers hold their slots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx

from config.settings import Settings
from crawlers.preview import MAX_RUNNING, MAX_RUNNING_PER_OWNER
from indexer.db.registry import Registry
from indexer.library import Library
from tests.adversarial.service import listing_spec
from tests.e2e.helpers import REPO
from tests.e2e.test_serve import _free_port, _wait_until_up

WAIT_S = 30.0
INSTITUTIONS = ("pj-gto", "congreso-gto", "ieeg")


def _keys(data_dir: Path) -> dict[str, dict[str, str]]:
    library = Library.open(Settings(data_dir=data_dir), writer=True)
    try:
        registry = Registry(library.db)
        keys = {}
        for n, institution in enumerate(INSTITUTIONS):
            registry.add_institution(institution, f"Institución {n}", "court", "MX-GUA")
            keys[institution] = {"Authorization": f"Bearer {registry.issue_key(institution)[1]}"}
        return keys
    finally:
        library.close()


class Previews:
    def __init__(self, url: str, keys: dict[str, dict[str, str]]) -> None:
        self.url, self.keys = url, keys
        self.silent = socket.socket()
        self.silent.bind(("127.0.0.1", 0))
        self.silent.listen(16)
        self.silent.settimeout(WAIT_S)
        self.accepted: list[socket.socket] = []
        self.posters: list[threading.Thread] = []

    def post(self, institution: str, timeout: float) -> httpx.Response:
        site = f"http://127.0.0.1:{self.silent.getsockname()[1]}/sentencias/"
        spec = listing_spec(site, id=f"{institution}-prueba")
        return httpx.post(
            f"{self.url}/v1/sources/preview", json=spec, headers=self.keys[institution],
            timeout=timeout,
        )  # fmt: skip

    def hold(self, institution: str) -> None:
        """One more preview, waiting on the site (its connection accepted here)."""
        poster = threading.Thread(target=self.post, args=(institution, 120), daemon=True)
        self.posters.append(poster)
        poster.start()
        self.accepted.append(self.silent.accept()[0])

    def refused(self, institution: str) -> int | str:
        """The status of one more preview; "started" when it began (it waits on the site)."""
        try:
            return self.post(institution, timeout=30).status_code
        except httpx.TimeoutException:
            return "started"

    def close(self) -> None:
        for connection in self.accepted:
            connection.close()
        self.silent.close()
        for poster in self.posters:
            poster.join(WAIT_S)


def test_preview_slots_hold_across_two_workers(tmp_path: Path) -> None:
    keys = _keys(tmp_path)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "ABIERTO_ALLOW_LOOPBACK": "1",
        # the held previews must outlast the whole sequence (their wait on the silent site
        # included): on a loaded CI the first ones ended and freed their slots
        "ABIERTO_PREVIEW_TIMEOUT_S": "120",
        "ABIERTO_DOWNLOAD_TIMEOUT_S": "120",
        "ABIERTO_CRAWL_DELAY_S": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "--data-dir", str(tmp_path), "serve",
         "--port", str(port), "--workers", "2"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    previews = Previews(url, keys)
    try:
        _wait_until_up(url, server)
        first, second, third = INSTITUTIONS
        for _ in range(MAX_RUNNING_PER_OWNER):
            previews.hold(first)
        # each on a new connection: either worker may take it, and neither starts it
        assert [previews.refused(first) for _ in range(4)] == [429] * 4
        for _ in range(MAX_RUNNING - MAX_RUNNING_PER_OWNER):
            previews.hold(second)
        assert [previews.refused(third) for _ in range(4)] == [503] * 4
    finally:
        previews.close()
        server.terminate()
        server.wait(timeout=60)
