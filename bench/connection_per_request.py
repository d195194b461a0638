"""What one connection per request (``Connection: close``, crawlers.handlers) costs a
crawl against kept-alive connections: ``abierto crawl`` of a listing of N pages served on
127.0.0.1 by an HTTP/1.1 server, old code (a checkout given as OLD) and new alternating,
medians of wall time. Loopback has no TLS and no round trip: the cost measured is the
crawl's own (a socket and a handshake per request); against a real site the crawl waits
``crawl_delay_s`` (0.5 s) between requests to it anyway.

    python -m bench.connection_per_request OLD_CHECKOUT [pages] [rounds]"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import yaml

from tests.adversarial.file_listing import SOURCE, SPEC, listing
from tests.http_thread import serving_handler

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    old = Path(sys.argv[1])
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    paths = [f"/s{n}.html" for n in range(pages)]

    class Site(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = (
                listing(paths)
                if self.path == "/"
                else f"<html><body><main>Sentencia {self.path}.</main></body></html>".encode()
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    times: dict[str, list[float]] = {"old": [], "new": []}
    with serving_handler(Site) as url, tempfile.TemporaryDirectory(prefix="hF-bench-") as tmp:
        specs = Path(tmp) / "specs"
        specs.mkdir()
        (specs / f"{SOURCE}.yaml").write_text(yaml.safe_dump(SPEC))
        for n in range(rounds):
            for name, code in (("old", old), ("new", REPO)):
                env = os.environ | {
                    "PYTHONPATH": str(code), "ABIERTO_DATA_DIR": f"{tmp}/{name}{n}",
                    "ABIERTO_SAMPLES_URL": url, "ABIERTO_SOURCES_DIR": str(specs),
                    "ABIERTO_ALLOW_LOOPBACK": "true", "ABIERTO_CRAWL_DELAY_S": "0",
                }  # fmt: skip
                env.pop("ABIERTO_DATABASE_URL", None)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "cli.main", "crawl"], env=env, cwd=code,
                               capture_output=True, check=True)  # fmt: skip
                times[name].append(time.perf_counter() - start)
    load = os.getloadavg()
    result = {
        "pages": pages, "rounds": rounds, "load": load,
        "median_s": {k: statistics.median(v) for k, v in times.items()}, "runs_s": times,
    }  # fmt: skip
    print(f"crawl of {pages + 1} pages on 127.0.0.1, {rounds} rounds, load {load[0]:.2f}")
    print("| code | median s | runs |\n|---|---|---|")
    for name, runs in times.items():
        print(f"| {name} | {statistics.median(runs):.2f} | {', '.join(f'{r:.2f}' for r in runs)} |")
    out = REPO / "bench" / "results" / "connection_per_request.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
