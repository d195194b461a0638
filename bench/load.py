"""Load on the API: many concurrent clients against ``abierto serve`` on 127.0.0.1.

Usage: python bench/load.py [--size 20000] [--clients 64] [--seconds 60] [--data DIR]

A library of ``--size`` synthetic documents (``bench/legal_corpus.py``; built once into
``--data`` and reused when it already holds that many) is served by ``abierto serve`` in
its own process, and ``wrk`` (Debian's package: ``WITH_BENCH=1 bash
scripts/system-deps.sh``) drives it from loopback with ``--clients`` open connections for
``--seconds``. Each request is drawn from a fixed mix: searches (terms, phrases, boolean,
prefix, filters with facets, date sort, date ranges, the next page by cursor), a
document's metadata and its full text, and the session finder. The API has no feed
endpoint yet, so feeds are not in the mix.

Printed: requests/s, latency p50/p95/p99 (wrk measures each request from its send on an
open connection), and every error: connection errors, timeouts and non-2xx answers. JSON
goes to ``bench/results/load.json`` (one entry per corpus size).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402

RESULTS = REPO / "bench" / "results" / "load.json"
SEARCHES: list[dict[str, Any]] = [
    {"q": "amparo"},
    {"q": "sentencias"},
    {"q": "usucapión"},
    {"q": '"daño moral"'},
    {"q": '"suspensión definitiva"'},
    {"q": "(robo OR fraude OR despojo) AND víctima -pensión"},
    {"q": "constitu*"},
    {"matter": "penal", "jurisdiction": "MX-GUA"},
    {"q": "pensión alimenticia", "kind": "sentencia", "matter": "familiar"},
    {"q": "dictamen", "kind": "legislativo", "sort": "date_desc"},
    {"q": "iniciativa", "date_from": "2020-01-01", "date_to": "2023-12-31"},
    {"kind": "sentencia", "sort": "date_desc", "facets": "none"},
]
SESSIONS: list[dict[str, Any]] = [
    {},
    {"q": "presupuesto"},
    {"jurisdiction": "MX-GUA"},
    {"session_type": "ordinaria", "sort": "date_asc"},
    {"date_from": "2022-01-01"},
]
# share of each kind of request in the mix (out of 100)
MIX = {"search": 45, "search_next_page": 5, "document": 20, "text": 10, "sessions": 20}

LUA = """
local paths = {%s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  failures = 0
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) %% 100000)
end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body)
  if status < 200 or status > 299 then failures = failures + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("failures") end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "duration_us": %%d, "non_2xx": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "timeout": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, ' ..
    '"max_us": %%d, "mean_us": %%.1f}\\n',
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def build(data: Path, size: int) -> float:
    """The library of ``size`` documents in ``data`` (reused when already built)."""
    database = data / "abierto.db"
    if database.exists():
        with sqlite3.connect(database) as connection:
            if connection.execute("SELECT count(*) FROM documents").fetchone()[0] == size:
                return 0.0
        shutil.rmtree(data)
    began = time.perf_counter()
    library = Library.open(Settings(data_dir=data), writer=True)
    for number, doc in enumerate(LegalCorpus(size), start=1):
        library.add_document(doc)
        if number % 2000 == 0:
            print(f"\r  saved {number}/{size}", end="", flush=True)
    print(f"\r  saved {size}/{size}; indexing …", flush=True)
    library.reindex()
    library.close()
    return time.perf_counter() - began


def request_mix(data: Path, base: str, rng: random.Random) -> list[str]:
    """A few hundred request paths in the proportions of ``MIX``."""
    with sqlite3.connect(data / "abierto.db") as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM documents")]
    chosen = rng.sample(ids, min(200, len(ids)))
    paths: list[str] = []
    for _ in range(MIX["search"]):
        paths.append(f"/v1/search?{urlencode(rng.choice(SEARCHES))}")
    for params in rng.sample(SEARCHES, min(MIX["search_next_page"], len(SEARCHES))):
        with urllib.request.urlopen(f"{base}/v1/search?{urlencode(params)}") as answer:
            next_url = json.load(answer).get("next_url")
        if next_url:
            paths.append(next_url)
    paths += [f"/v1/documents/{quote(i, safe='')}" for i in chosen[: MIX["document"]]]
    paths += [f"/v1/documents/{quote(i, safe='')}/text" for i in chosen[-MIX["text"] :]]
    for _ in range(MIX["sessions"]):
        paths.append(f"/v1/sessions?{urlencode(rng.choice(SESSIONS))}")
    return paths


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(data: Path, port: int) -> subprocess.Popen[bytes]:
    env = os.environ | {"ABIERTO_DATA_DIR": str(data)}
    server = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("abierto serve exited during start-up") from None
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("abierto serve did not answer /healthz within 60 s")


def run_wrk(base: str, paths: list[str], clients: int, seconds: int, threads: int) -> dict:
    lua = LUA % ", ".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        result = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s",
             "-s", script.name, base],
            capture_output=True, text=True, timeout=seconds + 60, check=False,
        )  # fmt: skip
    finally:
        os.unlink(script.name)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("WRK ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no summary:\n{result.stdout}\n{result.stderr}")
    return json.loads(line[4:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--data", type=Path, help="library folder (default: a cache in .cache)")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: WITH_BENCH=1 bash scripts/system-deps.sh")

    data = args.data or REPO / ".cache" / f"load-{args.size}"
    print(f"library of {args.size} documents in {data} …", flush=True)
    built_s = build(data, args.size)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(data, port)
    try:
        paths = request_mix(data, base, random.Random(7))
        print(f"{args.clients} clients for {args.seconds} s over {len(paths)} requests …")
        load_before = os.getloadavg()[0]
        stats = run_wrk(base, paths, args.clients, args.seconds, args.threads)
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)

    seconds = stats["duration_us"] / 1e6
    errors = stats["non_2xx"] + sum(stats[k] for k in ("connect", "read", "write", "timeout"))
    row = {
        "documents": args.size,
        "clients": args.clients,
        "seconds": round(seconds, 1),
        "requests": stats["requests"],
        "requests_per_s": round(stats["requests"] / seconds, 1),
        "errors": errors,
        "errors_by_kind": {k: stats[k] for k in ("non_2xx", "connect", "read", "write", "timeout")},
        "p50_ms": stats["p50_us"] / 1000,
        "p95_ms": stats["p95_us"] / 1000,
        "p99_ms": stats["p99_us"] / 1000,
        "max_ms": stats["max_us"] / 1000,
        "mix": MIX,
        "build_s": round(built_s, 1),
        "generator": "wrk",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1min": [round(load_before, 1), round(load_after, 1)],
        },
    }
    print()
    print("| documents | clients | s | requests | req/s | errors | p50 ms | p95 ms | p99 ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.size} | {args.clients} | {row['seconds']} | {row['requests']} | "
        f"{row['requests_per_s']} | {errors} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
        f"{row['p99_ms']:.1f} |"
    )
    if errors:
        print(f"errors by kind: {row['errors_by_kind']}")
    print(
        f"server and wrk share {os.cpu_count()} CPUs; 1-min load average "
        f"{load_before:.1f} before, {load_after:.1f} after (other processes count too)"
    )
    results: dict[str, Any] = {}
    if args.json.exists():
        results = json.loads(args.json.read_text())
    results[str(args.size)] = row
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {args.json}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
