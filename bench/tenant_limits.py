"""What the shared budgets of institutions (changes, reads of their sources, alerts) cost
per call, against the per-process buckets they replaced.

Usage: python bench/tenant_limits.py [--calls N] [--rounds R] [--database-url URL] [--json PATH]

Times ``take`` alone (the old in-memory ``TokenBuckets``, the new ``SharedBuckets`` over
the counters' engine) and a whole ``GET /v1/sources`` (in-process, through the app) with
each limiter in place. Budgets are set high so nothing is refused. Old and new alternate,
``--rounds`` times; the table gives medians and the load average. Writes JSON (default
``bench/results/tenant_limits.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from api.ratelimit import SharedBuckets, TokenBuckets  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.db.rate_limits import counter_engine  # noqa: E402
from indexer.db.registry import Registry  # noqa: E402
from indexer.library import Library  # noqa: E402

HIGH = 10**6


def per_call_us(work: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        work()
    return (time.perf_counter() - start) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/tenant_limits.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            data_dir=Path(scratch), database_url=args.database_url,
            source_read_rate_per_minute=HIGH, write_rate_per_minute=HIGH,
        )  # fmt: skip
        library = Library.open(settings)
        registry = Registry(library.db)
        registry.add_institution("congreso-gto", "H. Congreso", "congress", "MX-GUA")
        _, key = registry.issue_key("congreso-gto")
        engine = counter_engine(library.db.url)
        old_bucket, new_bucket = TokenBuckets(HIGH), SharedBuckets(engine, "bench", HIGH)
        app = create_app(library, settings)
        client = TestClient(app)
        auth = {"Authorization": f"Bearer {key}"}
        shared_limiter = app.state.source_read_limiter.by_key

        def listing(limiter: Any) -> Callable[[], Any]:
            def call() -> None:
                app.state.source_read_limiter.by_key = limiter
                assert client.get("/v1/sources", headers=auth).status_code == 200

            return call

        ways: dict[str, Callable[[], Any]] = {
            "take, old (memory)": lambda: old_bucket.take("k"),
            "take, new (database)": lambda: new_bucket.take("k"),
            "GET /v1/sources, old": listing(TokenBuckets(HIGH)),
            "GET /v1/sources, new": listing(shared_limiter),
        }
        times: dict[str, list[float]] = {way: [] for way in ways}
        for _ in range(args.rounds):
            for way, work in ways.items():
                calls = args.calls if way.startswith("take") else args.calls // 4
                times[way].append(per_call_us(work, calls))
        library.close()
        engine.dispose()
    medians = {way: statistics.median(t) for way, t in times.items()}
    load = os.getloadavg()
    backend = "postgresql" if args.database_url else "sqlite"
    print(f"backend {backend}; load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'way':<24} {'median µs/call':>15} {'new/old':>8}")
    rows = []
    for way, median in medians.items():
        old = medians[way.replace("new", "old").replace("(database)", "(memory)")]
        ratio = median / old
        print(f"{way:<24} {median:>15.1f} {ratio:>8.2f}")
        rows.append({"way": way, "median_us": round(median, 1), "ratio_to_old": round(ratio, 2)})
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"backend": backend, "load": load, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
