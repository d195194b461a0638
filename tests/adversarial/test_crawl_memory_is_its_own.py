"""``ABIERTO_CRAWL_MAX_MEMORY_MB`` bounds the crawl's own memory. Scrapy read
``ru_maxrss``, which Linux carries across ``execve`` from the process that started the
crawl: a crawl started by a server, a scheduler or a test runner that once held more
than the limit stopped at its first check as ``memory_limit``, having fetched nothing
(the project's CI saw it: a pytest worker past 1 GB failed a 1,000 MB crawl of a small
site)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from indexer.process_memory import own_peak_bytes
from tests.adversarial.service import listing_spec, open_api
from tests.e2e.helpers import REPO
from tests.shapes.server import FixtureServer

PARENT_MB = 600
# a parent that reaches PARENT_MB of resident memory, lets it go, then runs the command
_LARGE_PARENT = f"""
import subprocess, sys
held = bytearray({PARENT_MB} << 20)
for at in range(0, len(held), 4096):
    held[at] = 1
del held
sys.exit(subprocess.run(sys.argv[1:]).returncode)
"""


def _site(root: Path) -> None:
    rows = "".join(f"<tr><td><a href='s{n}.html'>Sentencia {n}</a></td></tr>" for n in range(3))
    (root / "lista.html").write_text(
        f"<html><body><table><tbody>{rows}</tbody></table></body></html>"
    )
    for n in range(3):
        (root / f"s{n}.html").write_text(
            f"<html><body><main>Texto de la sentencia {n}.</main></body></html>"
        )


def test_a_crawl_started_by_a_larger_process_is_bounded_by_its_own_memory(
    tmp_path: Path,
) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-pequena")
            spec["listing"]["fields"] = {"title": "css:a::text"}
            created = api.client.post("/v1/sources", json=spec, headers=api.headers)
            assert created.status_code == 201, created.text
            env = os.environ | {
                "ABIERTO_DATA_DIR": str(api.settings.data_dir),
                "ABIERTO_ALLOW_LOOPBACK": "true",
                "ABIERTO_CRAWL_DELAY_S": "0",
                # far above what this crawl takes, under what its parent took
                "ABIERTO_CRAWL_MAX_MEMORY_MB": str(PARENT_MB // 2),
            }
            done = subprocess.run(
                [sys.executable, "-c", _LARGE_PARENT,
                 sys.executable, "-m", "cli.main", "crawl", "--source", spec["id"]],
                env=env, cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            assert done.returncode == 0, done.stdout + done.stderr
        runs = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers).json()
        [run] = runs["runs"]
        assert run["status"] == "ok", run
        assert api.library.db.count_documents() == 3
    finally:
        api.close()


def test_a_process_reads_its_own_peak_not_its_parent_s() -> None:
    here = own_peak_bytes()
    child = subprocess.run(
        [sys.executable, "-c", _LARGE_PARENT, sys.executable, "-c",
         "import resource; from indexer.process_memory import own_peak_bytes;"
         "print(own_peak_bytes(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    own, carried = (int(n) for n in child.stdout.split())
    assert carried >= PARENT_MB << 20  # what Scrapy read
    assert own < 200 << 20, own
    assert here > 0
