"""What the shared read limits cost per request.

Usage: python bench/ratelimit.py [--requests N] [--rounds R] [--database-url URL] [--json PATH]

Drives the ASGI app in-process (no sockets, so the limiter's share is not hidden behind
HTTP parsing) on a cheap read, ``/v1/search/syntax``, four ways: without the limiter,
anonymous (one address), with a reader key (its lookup cached), and anonymous from 1,000
addresses (1,000 buckets to settle). Also times the counter alone, and one settlement.
Limits are set high so nothing is refused: what is measured is the bookkeeping. The ways
run interleaved, ``--rounds`` times, and each keeps its best run (the machine is shared).
Prints a table with the load average; writes JSON (default ``bench/results/ratelimit.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from api.app import create_app  # noqa: E402
from api.readlimit import ReadLimits, SharedCounter  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.db.rate_limits import counter_engine  # noqa: E402
from indexer.db.reader_keys import ReaderKeys  # noqa: E402
from indexer.library import Library  # noqa: E402

PATH = "/v1/search/syntax"
HIGH = 10**9


def scope(address: str, key: str | None) -> dict[str, Any]:
    headers = [(b"host", b"bench")]
    if key:
        headers.append((b"authorization", f"Bearer {key}".encode()))
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": PATH, "raw_path": PATH.encode(), "query_string": b"",
        "root_path": "", "headers": headers, "client": (address, 40000),
        "server": ("bench", 80),
    }  # fmt: skip


async def drive(app: Any, n: int, addresses: list[str], key: str | None) -> float:
    """Seconds for ``n`` sequential requests; every one must be a 200."""

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    statuses: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    start = time.perf_counter()
    for i in range(n):
        await app(scope(addresses[i % len(addresses)], key), receive, send)
    seconds = time.perf_counter() - start
    assert set(statuses) == {200}, set(statuses)
    return seconds


def make_app(library: Library, settings: Settings, limited: bool) -> Any:
    app = create_app(library, settings)
    if not limited:
        app.user_middleware = [m for m in app.user_middleware if m.cls is not ReadLimits]
    return app


def row(way: str, n: int, seconds: float, base: float | None) -> dict[str, Any]:
    per = seconds / n * 1e6
    return {
        "way": way,
        "requests": n,
        "req_per_s": round(n / seconds),
        "us_per_request": round(per, 1),
        "overhead_us": None if base is None else round(per - base, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5, help="best of this many runs")
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/ratelimit.json")
    args = parser.parse_args()
    n = args.requests
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            data_dir=Path(scratch), database_url=args.database_url,
            read_limit_anonymous=HIGH, read_limit_reader=HIGH,
        )  # fmt: skip
        library = Library.open(settings)
        _id, key = ReaderKeys(library.db).issue("Banco", "banco@example.org")
        one, many = ["198.51.100.1"], [f"10.1.{i // 250}.{i % 250}" for i in range(1000)]
        ways = [
            ("no limiter", make_app(library, settings, limited=False), one, None),
            ("anonymous, one address", make_app(library, settings, True), one, None),
            ("reader key (cached lookup)", make_app(library, settings, True), one, key),
            ("anonymous, 1,000 addresses", make_app(library, settings, True), many, None),
        ]
        best = {way: float("inf") for way, *_ in ways}
        for _round in range(args.rounds):  # interleaved; the best of each resists the load
            for way, app, addresses, presented in ways:
                asyncio.run(drive(app, 100, addresses, presented))  # warm up
                seconds = asyncio.run(drive(app, n, addresses, presented))
                best[way] = min(best[way], seconds)
        base = best["no limiter"] / n * 1e6
        rows = [row(way, n, best[way], None if way == "no limiter" else base) for way in best]

        counter = SharedCounter(counter_engine(settings.database), settle_s=3600)
        start = time.perf_counter()
        for i in range(100_000):
            counter.hit(f"addr:{many[i % 1000]}", HIGH)
        hit_us = (time.perf_counter() - start) / 100_000 * 1e6
        start = time.perf_counter()
        assert counter.settle()
        settle_ms = (time.perf_counter() - start) * 1e3
        counter.engine.dispose()
        library.close()
    load = os.getloadavg()[0]
    backend = "postgresql" if args.database_url else "sqlite"
    print(
        f"read limits, {backend}, best of {args.rounds} × {n} requests a way, "
        f"load average {load:.1f}"
    )
    print(f"{'way':30}{'req/s':>9}{'µs/req':>9}{'overhead µs':>13}")
    for r in rows:
        extra = "" if r["overhead_us"] is None else f"{r['overhead_us']:>13}"
        print(f"{r['way']:30}{r['req_per_s']:>9}{r['us_per_request']:>9}{extra}")
    print(f"counter alone: {hit_us:.2f} µs a decision; one settlement of 1,000 buckets: "
          f"{settle_ms:.1f} ms")  # fmt: skip
    args.json.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "machine": platform.platform(), "backend": backend, "load_average": round(load, 1),
        "rounds": args.rounds,
        "rows": rows, "counter_hit_us": round(hit_us, 2),
        "settle_1000_buckets_ms": round(settle_ms, 1),
    }  # fmt: skip
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
