"""Exports without words whose filters match more than the store pages at once
(``api/export/sparse.py``): the whole-part scan (the old path, ``SCAN_SHARE = 0``)
against ids found a date window at a time, alternating in one process on a data folder.

Usage: python bench/filtered_exports.py DATA_DIR [--rounds N] [--filter k=v ...]
Prints a table and writes JSON to ``bench/results/filtered_exports.json``. DATA_DIR is
only read (the export writes nothing but the read-limit counters: use a copy).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from api.export import sparse  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402


def export(client: TestClient, params: dict[str, str]) -> tuple[int, float, str]:
    started = time.perf_counter()
    response = client.get("/v1/export.csv", params={**params, "fields": "id,title,date,matter"})
    body = response.text
    return body.count("\n") - 1, time.perf_counter() - started, body


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--filter", action="append", default=[])
    args = parser.parse_args()
    filters = [dict([f.split("=", 1)]) for f in args.filter] or [{"matter": "penal"}]
    settings = Settings(data_dir=args.data, database_url=None, read_limit_anonymous=10**9)
    library = Library.open(settings)
    results = []
    with TestClient(create_app(library, settings)) as client:
        for params in filters:
            times: dict[str, list[float]] = {"scan": [], "windows": []}
            bodies: dict[str, str] = {}
            rows = 0
            for _ in range(args.rounds):
                for path, share in (("scan", 0.0), ("windows", sparse.SCAN_SHARE)):
                    old, sparse.SCAN_SHARE = sparse.SCAN_SHARE, share
                    try:
                        rows, seconds, bodies[path] = export(client, params)
                    finally:
                        sparse.SCAN_SHARE = old
                    times[path].append(seconds)
            scan, windows = statistics.median(times["scan"]), statistics.median(times["windows"])
            results.append(
                {
                    "filter": params,
                    "rows": rows,
                    "scan_s": round(scan, 2),
                    "windows_s": round(windows, 2),
                    "ratio": round(scan / windows, 1),
                    "same_rows": bodies["scan"] == bodies["windows"],
                }
            )
    library.close()
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; rounds {args.rounds}")
    print(f"{'filter':32} {'rows':>7} {'scan s':>8} {'windows s':>10} {'ratio':>6} same")
    for r in results:
        name = ",".join(f"{k}={v}" for k, v in r["filter"].items())
        print(
            f"{name:32} {r['rows']:>7} {r['scan_s']:>8} {r['windows_s']:>10} "
            f"{r['ratio']:>5}x {r['same_rows']}"
        )
    out = REPO / "bench" / "results" / "filtered_exports.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"load": load, "results": results}, indent=1))


if __name__ == "__main__":
    main()
