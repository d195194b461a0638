"""Page weight and server time of every HTML page, on the sample corpus.

Usage: python bench/pages.py [--runs N] [--json PATH]

Generates the sample sites, crawls them with ``abierto crawl``, places the sessions'
speeches in their videos with ``abierto align --sin-audio``, serves the app with uvicorn
on 127.0.0.1 and asks each page ``--runs`` times as a browser does (``Accept-Encoding:
gzip``). Prints, per page, the bytes transferred (compressed HTML, and with the one
stylesheet on a first visit), the time to the full answer (median and 95th percentile)
against the goals of 50 KB and 50 ms, the CPU time the process (server and client: one
process) spent per answer, and the machine's load average while it ran: on a shared,
loaded machine the wall time mostly waits for a core, the CPU time does not. Writes JSON (default
``bench/results/pages.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
import uvicorn  # noqa: E402

from api.app import create_app  # noqa: E402
from config.settings import Settings  # noqa: E402
from samples.generate import generate  # noqa: E402
from samples.manifest import Manifest  # noqa: E402
from samples.server import serve  # noqa: E402
from tests.e2e.helpers import run_crawl  # noqa: E402

GOAL_KB = 50
GOAL_MS = 50


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pages(manifest: Manifest, client: httpx.Client) -> dict[str, str]:
    sentencia = manifest.sentencias[0]
    sesion = next(s for s in manifest.sesiones if s.videos)
    found = client.get("/buscar", params={"q": f'"{sentencia.distinctive_phrase}"'}).text
    doc = re.search(r'href="(/d/[^"?]+)', found)
    assert doc, "the phrase search found no document"
    listing = client.get("/sesiones").text
    slug = re.search(r'href="(/sesiones/[a-z0-9-]+)"', listing)
    spoken = re.search(r'href="(/d/[^"?]+)\?[^"]*#intervenciones"', listing)
    assert spoken, "no session with speeches on /sesiones"
    return {
        "/": "/",
        "/buscar (palabras)": "/buscar?q=sentencia",
        "/buscar (frase)": f"/buscar?q=%22{quote(sentencia.distinctive_phrase)}%22",
        "/buscar (filtros)": "/buscar?kind=sentencia&matter=familiar",
        "/sesiones": "/sesiones",
        "/sesiones (mes)": f"/sesiones?congreso={quote(sesion.congress)}&mes="
        + sesion.date.strftime("%Y-%m"),
        "/sesiones/{congreso}": slug.group(1) if slug else "/sesiones",
        "/d/{id}": doc.group(1),
        "/d/{id}?q=": f"{doc.group(1)}?q=%22{quote(sentencia.distinctive_phrase)}%22",
        "/d/{id} (sesión)": spoken.group(1),
        "/fuentes": "/fuentes",
        "/ayuda": "/ayuda",
        "/acerca": "/acerca",
    }


def measure(client: httpx.Client, path: str, runs: int) -> dict[str, float | int]:
    times = []
    cpu = []
    transferred = 0
    status = 0
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        transferred = response.num_bytes_downloaded
        status = response.status_code
    times.sort()
    return {
        "status": status,
        "html_bytes": transferred,
        "median_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "cpu_median_ms": statistics.median(cpu),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/pages.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, data_dir = Path(tmp) / "sites", Path(tmp) / "data"
        manifest = generate(root)
        with serve(root) as sites:
            crawl = run_crawl(data_dir, sites.url)
            if crawl.returncode != 0:
                sys.exit(crawl.stdout + crawl.stderr)
            aligned = subprocess.run(
                [sys.executable, "-m", "cli.main", "align", "--sin-audio"],
                env=os.environ
                | {"ABIERTO_DATA_DIR": str(data_dir), "ABIERTO_ALLOW_LOOPBACK": "true"},
                cwd=REPO, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if aligned.returncode != 0:
                sys.exit(aligned.stdout + aligned.stderr)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(settings=Settings(data_dir=data_dir)),
                host="127.0.0.1",
                port=port,
                log_level="warning",
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        headers = {"Accept-Encoding": "gzip", "Accept": "text/html"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
            style = re.search(r'href="(/static/estilo\.css[^"]*)"', client.get("/ayuda").text)
            assert style
            css_bytes = client.get(style.group(1)).num_bytes_downloaded
            rows = {}
            load_before = os.getloadavg()
            for name, path in pages(manifest, client).items():
                client.get(path)  # warm: templates compiled, caches filled
                rows[name] = measure(client, path, args.runs) | {"path": path}
            load_after = os.getloadavg()
        server.should_exit = True
        thread.join(timeout=10)
    print(
        f"{'page':<24} {'status':>6} {'HTML KB':>8} {'+CSS KB':>8} {'median ms':>10} "
        f"{'p95 ms':>8} {'CPU ms':>7}"
    )
    for name, row in rows.items():
        first = (int(row["html_bytes"]) + css_bytes) / 1024
        flag = "" if first <= GOAL_KB and float(row["median_ms"]) <= GOAL_MS else "  over goal"
        print(
            f"{name:<24} {row['status']:>6} {int(row['html_bytes']) / 1024:>8.1f} {first:>8.1f} "
            f"{float(row['median_ms']):>10.1f} {float(row['p95_ms']):>8.1f} "
            f"{float(row['cpu_median_ms']):>7.1f}{flag}"
        )
    print(f"stylesheet (gzip): {css_bytes / 1024:.1f} KB, cached a year after the first visit")
    print(
        "load average (1, 5, 15 min) before: "
        + ", ".join(f"{x:.1f}" for x in load_before)
        + "; after: "
        + ", ".join(f"{x:.1f}" for x in load_after)
        + f" ({os.cpu_count()} cores)"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "runs": args.runs,
                "goal": {"kb": GOAL_KB, "ms": GOAL_MS},
                "stylesheet_bytes": css_bytes,
                "load_average": {"before": load_before, "after": load_after},
                "cores": os.cpu_count(),
                "pages": rows,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
