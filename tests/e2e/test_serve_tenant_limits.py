"""``abierto serve --workers 2``: an institution's key gets its configured budgets in
total, whichever worker answers each call, not that budget once per worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.e2e.helpers import REPO
from tests.e2e.test_serve import _free_port, _wait_until_up

WRITES, READS = 3, 4  # a token back every 20 and 15 s: few come back during the test
SPEC = {
    "id": "congreso-gto-gaceta-propia",
    "kind": "legislativo",
    "jurisdiction": "MX-GUA",
    "start_urls": ["http://127.0.0.1:1/gaceta/"],
    "listing": {"items": "css:article", "link": "css:a::attr(href)"},
}


def _key(data_dir: Path) -> str:
    library = Library.open(Settings(data_dir=data_dir), writer=True)
    try:
        registry = Registry(library.db)
        registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
        return registry.issue_key("congreso-gto")[1]
    finally:
        library.close()


def _refilled(began: float, per_minute: int) -> int:
    """Tokens a bucket of ``per_minute`` got back since ``began``."""
    return int((time.monotonic() - began) * per_minute / 60)


def test_a_keys_budgets_hold_across_two_workers(tmp_path: Path) -> None:
    key = _key(tmp_path)
    auth = {"Authorization": f"Bearer {key}"}
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "ABIERTO_ALLOW_LOOPBACK": "1",
        "ABIERTO_WRITE_RATE_PER_MINUTE": str(WRITES),
        "ABIERTO_SOURCE_READ_RATE_PER_MINUTE": str(READS),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "--data-dir", str(tmp_path), "serve",
         "--port", str(port), "--workers", "2"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_until_up(url, server)
        # each call on a new connection: the two workers take them as they come
        began = time.monotonic()
        created = httpx.post(f"{url}/v1/sources", json=SPEC, headers=auth, timeout=30)
        assert created.status_code == 201
        pauses = [
            httpx.post(f"{url}/v1/sources/{SPEC['id']}/pause", headers=auth, timeout=30)
            for _ in range(6 * WRITES)
        ]
        admitted = [p.status_code for p in pauses].count(200) + 1
        assert WRITES <= admitted <= WRITES + _refilled(began, WRITES)
        assert all(p.status_code in (200, 429) for p in pauses)
        assert all(int(p.headers["retry-after"]) >= 1 for p in pauses if p.status_code == 429)
        began = time.monotonic()
        reads = [httpx.get(f"{url}/v1/sources", headers=auth, timeout=30) for _ in range(6 * READS)]
        admitted = [r.status_code for r in reads].count(200)
        assert READS <= admitted <= READS + _refilled(began, READS)
        assert {r.status_code for r in reads} == {200, 429}
    finally:
        server.terminate()
        server.wait(timeout=30)
