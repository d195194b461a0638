"""CPU of an answer's ``next_url``: Starlette's ``include_query_params`` against
``api.next_page``, alternately in one run.

Usage: python bench/next_page.py [--rounds 9] [--calls 2000] [--json PATH]

The query strings are ``bench/http_mix.py``'s fresh questions (the mix, an end date past
every document a day earlier each); each round times ``--calls`` addresses made each way, the
order alternating from round to round. Printed: the median microseconds per address of
each, their ratio, and whether every address was the same. JSON goes to
``bench/results/next_page.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

from starlette.requests import Request  # noqa: E402

from api.next_page import next_page_url  # noqa: E402
from bench.http_mix import params_for  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402

RESULTS = REPO / "bench" / "results" / "next_page.json"
CURSOR = "eyJmIjoiOWYzYzFhMmI0ZDVlNmY3MCIsIm8iOjIwfQ"


def starlette(request: Request, cursor: str) -> str:
    url = request.url.include_query_params(cursor=cursor)
    return f"{url.path}?{url.query}"


def requests(count: int) -> list[Request]:
    made = []
    for n in range(count):
        _, query = MIX[n % len(MIX)]
        scope = {
            "type": "http",
            "method": "GET",
            "scheme": "http",
            "path": "/v1/search",
            "query_string": urlencode(params_for(query, n)).encode(),
            "headers": [(b"host", b"127.0.0.1:8000"), (b"accept-encoding", b"gzip")],
            "server": ("127.0.0.1", 8000),
        }
        made.append(Request(scope))
    return made


def timed(make: Callable[[Request, str], str], asked: list[Request]) -> float:
    began = time.process_time()
    for request in asked:
        make(request, CURSOR)
    return 1e6 * (time.process_time() - began) / len(asked)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    asked = requests(args.calls)
    same = all(starlette(r, CURSOR) == next_page_url(r, CURSOR) for r in asked)
    ways = {"starlette": starlette, "next_page": next_page_url}
    spent: dict[str, list[float]] = {name: [] for name in ways}
    for round_ in range(args.rounds):
        order = list(ways) if round_ % 2 == 0 else list(ways)[::-1]
        for name in order:
            spent[name].append(timed(ways[name], asked))
    medians = {name: round(statistics.median(values), 1) for name, values in spent.items()}
    print(f"{'next_url made by':20}{'us/address (median)':>22}")
    for name, value in medians.items():
        print(f"{name:20}{value:>22.1f}")
    ratio = medians["next_page"] / medians["starlette"]
    print(f"ratio {ratio:.2f}; {args.rounds} rounds of {args.calls}; same addresses: {same}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    keep(
        args.json,
        "fresh-mix",
        {"us_per_address": medians, "ratio": round(ratio, 3), "same": same,
         "rounds": args.rounds, "calls": args.calls, "load_average": os.getloadavg()},
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
