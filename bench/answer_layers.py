"""What each layer of a fresh ``/v1/search`` answer adds to its CPU, at one concurrency.

Usage: python bench/answer_layers.py --data DIR [--clients 4] [--rounds 6] [--seconds 15]
                                     [--json PATH]

The same fresh questions (``bench/http_mix.py``'s: an end date past every document, a day
earlier each time, so no kept answer serves them) are answered, ``--clients`` at a time,
by four nested entries: the native search alone (``abierto_native``, the very calls the
store makes, ``bench/native_parts.py``'s ``recorded``), the store (``Library.search_plain``:
the question compiled, the page's hits and facets made), the whole app in this process
(ASGI, no socket: middlewares, parameters, JSON, gzip) and ``abierto serve --workers 1``
over HTTP (uvicorn's parsing, the sockets). Each in-process entry runs ``--rounds`` times,
the three in turn (the machine's load meets each alike); then the server answers for
``--seconds``. Printed: each entry's process CPU per answer (every thread: the native
search's executor too), medians over the rounds, and what it adds to the entry inside it.
CPU time is what the machine's load changes least; still say the load (printed). JSON
goes to ``bench/results/answer_layers.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import itertools  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

from bench.http_mix import (  # noqa: E402
    UNLIMITED,
    ask_app,
    cpu_s,
    fresh_query,
    params_for,
    serve,
    throughput,
)
from bench.native_parts import recorded  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import tantivy_native  # noqa: E402

RESULTS = REPO / "bench" / "results" / "answer_layers.json"
LAYERS = ("native", "store", "app", "http")
ADDED = {
    "native": "Tantivy: matching, scoring, facets, stored hits, highlights",
    "store": "the store's Python: plan, fingerprint, hits' payloads, facets",
    "app": "the app: middlewares, parameters, thread hand-off, JSON, gzip",
    "http": "uvicorn and the sockets: HTTP parsing, writes",
}


def _cpu_per_answer(answer: Callable[[], int]) -> float:
    """Process CPU ms per answer of ``answer()`` (which says how many it gave)."""
    began = time.process_time()
    answers = answer()
    return 1000 * (time.process_time() - began) / answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED)
    load_before = os.getloadavg()
    fresh = itertools.count(time.time_ns() // 1000 % 10**9 * 10)

    from api.app import create_app
    from indexer.heap import loosen_collector, settle_heap

    library = Library.open(settings)
    app = create_app(settings=settings)
    settle_heap()  # as ``abierto serve`` does
    loosen_collector()
    pool = ThreadPoolExecutor(args.clients)
    repeat = 2 * args.clients  # each question this many times a round

    def native_round() -> tuple[int, float]:
        calls = [call for _ in range(repeat) for call in recorded(library)]
        began = time.process_time()  # the recording is the store's work, not counted
        list(pool.map(lambda rc: tantivy_native.NativeReader.search(rc[0], *rc[1]), calls))
        return len(calls), time.process_time() - began

    def store_round() -> int:
        asked = [fresh_query(q, next(fresh)) for _ in range(repeat) for _, q in MIX]
        list(pool.map(library.search_plain, asked))
        return len(asked)

    async def ask(query_string: bytes) -> None:
        await ask_app(app, query_string)

    def app_round() -> int:
        asked = [
            urlencode(params_for(q, next(fresh))).encode() for _ in range(repeat) for _, q in MIX
        ]

        async def clients() -> None:
            work = iter(asked)

            async def client() -> None:
                for query_string in work:
                    await ask(query_string)

            await asyncio.gather(*(client() for _ in range(args.clients)))

        asyncio.run(clients())
        return len(asked)

    def native_cpu() -> float:
        answers, spent = native_round()
        return 1000 * spent / answers

    entries: dict[str, Callable[[], float]] = {
        "native": native_cpu,
        "store": lambda: _cpu_per_answer(store_round),
        "app": lambda: _cpu_per_answer(app_round),
    }
    for measure in entries.values():  # warm-up
        measure()
    spent: dict[str, list[float]] = {name: [] for name in entries}
    names = list(entries)
    for n in range(args.rounds):
        for name in names[n % 3 :] + names[: n % 3]:  # each first in turn
            spent[name].append(entries[name]())
    pool.shutdown()
    library.close()

    with serve(settings, 1) as (url, server):
        throughput(url, args.clients, 2, fresh=True)  # warm-up
        used = cpu_s(server.pid)
        load = throughput(url, args.clients, args.seconds, fresh=True)
        spent["http"] = [1000 * (cpu_s(server.pid) - used) / max(load["requests"], 1)]

    medians = {name: round(statistics.median(values), 3) for name, values in spent.items()}
    print(f"{'CPU ms per fresh answer':28}{'entry':>9}{'added':>9}  what the layer adds")
    inner = 0.0
    for name in LAYERS:
        print(f"{name:28}{medians[name]:>9.3f}{medians[name] - inner:>9.3f}  {ADDED[name]}")
        inner = medians[name]
    load_after = os.getloadavg()
    print(
        f"{args.clients} clients; load average before {load_before[0]:.2f}, "
        f"after {load_after[0]:.2f}; {load['requests_per_s']} req/s over HTTP (1 worker)"
    )
    keep(
        args.json,
        f"{args.data.name}-{args.clients}",
        {
            "cpu_ms": medians,
            "rounds": spent,
            "http_requests_per_s": load["requests_per_s"],
            "load_average": {"before": load_before, "after": load_after},
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
