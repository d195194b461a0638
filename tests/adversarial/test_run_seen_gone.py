"""A run whose crawl was killed (the process ended, the server restarted) stayed
``running`` in the runs API and «En curso» on ``/fuentes`` until a worker or the next
crawl closed it: with no worker, forever. Read now, a running run whose process is gone
reads as abandoned with its reason; one whose process lives still reads as running."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.adversarial.service import listing_spec, open_api


def _gone_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # ended and reaped: no process has this pid now
    return child.pid


def test_a_killed_crawl_reads_as_abandoned_not_running(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        spec = listing_spec("http://127.0.0.1:9/lista.html", id="pj-gto-cortada")
        assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
        host = socket.gethostname()
        pid = _gone_pid()
        killed = api.library.db.start_run(spec["id"], owner=f"{host}:{pid}")
        alive = api.library.db.start_run(spec["id"], owner=f"{host}:{os.getpid()}")
        answer = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers)
        # runs are shown under opaque numbers (``api.entry_numbers``), newest first: the
        # one of the living process was opened last
        assert killed < alive
        living, gone = answer.json()["runs"]
        assert living["id"] != gone["id"]
        assert living["status"] == "running" and living["mensaje"] is None
        assert gone["status"] == "abandoned", gone
        said = f"el proceso {pid} que rastreaba terminó sin cerrar la ejecución"
        assert gone["mensaje"] == said

        key = api.headers["Authorization"].removeprefix("Bearer ")
        page = api.client.post("/fuentes/entrar", data={"clave": key}).text
        assert f"Abandonada: {said}" in page and "En curso" in page
    finally:
        api.close()
