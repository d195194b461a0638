"""How far real API processes overshoot a shared read limit.

Usage: python bench/ratelimit_workers.py [--workers P] [--limit L] [--clients C] [--json PATH]

Starts ``abierto serve --workers P`` on a fresh SQLite library with an anonymous budget
of L reads a minute, waits for the start of a window with time to spare, then has C
threads read ``/v1/search/syntax`` over fresh connections (so the kernel spreads them
over the processes) until the window is nearly over. Prints how many reads were
admitted against the limit and the documented bound, L + (P − 1) × batch; writes JSON
(default ``bench/results/ratelimit_workers.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

import httpx  # noqa: E402

WINDOW_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the API did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/ratelimit_workers.json")
    args = parser.parse_args()
    batch = max(1, min(50, args.limit // 10))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as scratch:
        env = os.environ | {
            "ABIERTO_DATA_DIR": scratch,
            "ABIERTO_READ_LIMIT_ANONYMOUS": str(args.limit),
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "serve", "--workers", str(args.workers),
             "--port", str(port)],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_up(url)
            left = WINDOW_S - time.time() % WINDOW_S
            if left < 40:  # start at a window's beginning, so the whole run is in one
                time.sleep(left + 0.2)
            window_end = (time.time() // WINDOW_S + 1) * WINDOW_S - 2
            counts = {"admitted": 0, "refused": 0, "other": 0}
            lock = threading.Lock()

            def reader() -> None:
                fresh = httpx.Limits(max_keepalive_connections=0)
                with httpx.Client(limits=fresh, timeout=10) as client:
                    while time.time() < window_end:
                        status = client.get(f"{url}/v1/search/syntax").status_code
                        kind = {200: "admitted", 429: "refused"}.get(status, "other")
                        with lock:
                            counts[kind] += 1
                            if counts["refused"] > 3 * args.limit:
                                return

            threads = [threading.Thread(target=reader) for _ in range(args.clients)]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.monotonic() - started
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    load = os.getloadavg()[0]
    bound = args.limit + (args.workers - 1) * batch
    over = counts["admitted"] - args.limit
    print(f"{args.workers} API processes, SQLite, {args.clients} clients, {seconds:.0f} s, "
          f"load average {load:.1f}")  # fmt: skip
    print(f"{'limit':>7}{'admitted':>10}{'over':>7}{'bound':>7}{'refused':>9}{'other':>7}")
    print(f"{args.limit:>7}{counts['admitted']:>10}{over:>7}{bound:>7}"
          f"{counts['refused']:>9}{counts['other']:>7}")  # fmt: skip
    args.json.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "machine": platform.platform(), "load_average": round(load, 1),
        "workers": args.workers, "clients": args.clients, "limit": args.limit,
        "batch": batch, "bound": bound, "seconds": round(seconds, 1), **counts,
    }  # fmt: skip
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
