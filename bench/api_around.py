"""CPU of everything around the store on a search: the app with the store's answers ready.

Usage: python bench/api_around.py --data DIR [--base CHECKOUT] [--rounds 20] [--repeats 5]
                                 [--json PATH]

The app of this checkout (and then of ``--base``, each in its own process) is
called in-process through ASGI, without an HTTP server, on ``bench/http_mix.py``'s fresh
questions (``/v1/search`` asked plain, with gzip, and with Brotli accepted as browsers
ask: ``gzip, deflate, br``) and on the mix's questions as pages
(``/buscar``). Each question's store answer is computed once beforehand and handed back
by ``Library.search`` (or ``search_plain``, where the JSON search asks it) at once, so
what is measured is the middlewares, the parameters, routing, the thread pool, building,
serialising and compressing the answer (rendering the page): ``time.process_time`` per
request, the least and the median of ``--repeats`` passes (CPU time, which the
machine's load changes less than latency). JSON goes to ``bench/results/api_around.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
from typing import Any  # noqa: E402

RESULTS = REPO / "bench" / "results" / "api_around.json"
# (path, Accept-Encoding)
CASES = (
    ("/v1/search", "gzip, deflate"),
    ("/v1/search", "identity"),
    ("/v1/search", "gzip, deflate, br"),
    ("/buscar", "gzip, deflate"),
)


def measure(checkout: Path, data: Path, rounds: int, repeats: int) -> dict[str, Any]:
    """In this process, with ``checkout``'s code imported."""
    sys.path.insert(0, str(checkout))
    import asyncio
    import itertools
    import time
    from urllib.parse import urlencode

    from api.app import create_app
    from bench.http_mix import UNLIMITED, params_for
    from bench.search import MIX
    from config.settings import Settings
    from indexer.library import Library

    settings = Settings(data_dir=data, read_limit_anonymous=UNLIMITED)
    library = Library.open(settings)

    def remembered(search: Any) -> Any:
        ready: dict[str, Any] = {}

        def answered(query: Any) -> Any:
            # the fresh questions differ only in their facets' order: one answer serves them
            key = query.model_copy(update={"facets": sorted(query.facets)}).model_dump_json()
            if key not in ready:
                ready[key] = search(query)
            return ready[key]

        return answered

    library.search = remembered(library.search)  # type: ignore[method-assign]
    plain = getattr(library, "search_plain", None)
    if plain is not None:  # a checkout whose JSON search asks for plain data
        library.search_plain = remembered(plain)  # type: ignore[method-assign]
    app = create_app(library, settings)
    fresh = itertools.count(int(time.time()) % 100_000 * 1000)

    async def call(path: str, query: str, coding: str) -> None:
        accept = b"text/html" if path == "/buscar" else b"*/*"
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": query.encode(),
            "headers": [
                (b"host", b"127.0.0.1:8000"),
                (b"accept-encoding", coding.encode()),
                (b"accept", accept),
                (b"user-agent", b"bench"),
            ],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "state": {},
        }
        statuses: list[int] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app(scope, receive, send)
        if statuses != [200]:
            raise RuntimeError(f"{path}?{query} answered {statuses}")

    def asked(path: str) -> list[str]:
        # the page has no facets parameter: its questions are the mix's own
        return [
            urlencode(params_for(query, None if path == "/buscar" else next(fresh)))
            for _ in range(rounds)
            for _, query in MIX
        ]

    async def run() -> dict[str, Any]:
        out: dict[str, Any] = {}
        for path, coding in CASES:
            for query in asked(path)[: len(MIX)]:  # warm-up, and the store's answers
                await call(path, query, coding)
            spent = []
            for _ in range(repeats):
                questions = asked(path)
                began = time.process_time()
                for query in questions:
                    await call(path, query, coding)
                spent.append(1000 * (time.process_time() - began) / len(questions))
            spent.sort()
            name = f"{path} {coding}"
            median = spent[len(spent) // 2]
            out[name] = {"min_ms": round(spent[0], 3), "median_ms": round(median, 3)}
        return out

    try:
        return asyncio.run(run())
    finally:
        library.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--base", type=Path, help="another checkout, measured alternately")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--checkout", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.checkout is not None:  # a child: measure one checkout, print JSON
        print(json.dumps(measure(args.checkout, args.data, args.rounds, args.repeats)))
        return 0
    checkouts = {"this": REPO, **({"base": args.base.resolve()} if args.base else {})}
    load_before = os.getloadavg()
    results: dict[str, Any] = {}
    for name, checkout in checkouts.items():
        child = subprocess.run(
            [sys.executable, __file__, "--data", str(args.data), "--rounds", str(args.rounds),
             "--repeats", str(args.repeats), "--checkout", str(checkout)],
            cwd=checkout, capture_output=True, text=True, check=True,
        )  # fmt: skip
        results[name] = json.loads(child.stdout.strip().splitlines()[-1])
    names = list(results)
    print(f"{'ms of CPU per request (min / median)':40}" + "".join(f"{n:>20}" for n in names))
    for case in results[names[0]]:
        cells = "".join(
            f"{results[n][case]['min_ms']:>11.2f} / {results[n][case]['median_ms']:<6.2f}"
            for n in names
        )
        print(f"{case:40}{cells}")
    print(f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    stored: dict[str, Any] = json.loads(args.json.read_text()) if args.json.is_file() else {}
    stored[args.data.name] = {"load_average": [load_before, os.getloadavg()], **results}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2) + "\n")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
