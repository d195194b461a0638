"""The event loop's CPU of a fresh ``GET /v1/search`` with and without ``SearchShortcut``,
in one process: the same app built twice (one without the shortcut), asked in turn.

Usage: python bench/search_shortcut_ab.py --data DIR [--rounds 30] [--clients 4]

Each round asks ``bench/search.py``'s mix once per app, each question fresh (a new end
date: no cache answers it) from ``--clients`` concurrent tasks, the order of the apps
alternating; the loop thread's CPU (``time.thread_time``: the Python around the search,
the search threads' work aside) and the process's per answer are taken for each round.
Printed: the medians over the rounds, the difference, and the load; JSON goes to
``bench/results/search_shortcut_ab.json``.
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
from urllib.parse import urlencode  # noqa: E402

from api.app import create_app  # noqa: E402
from api.search_shortcut import SearchShortcut  # noqa: E402
from bench.api_hop import ask  # noqa: E402
from bench.http_mix import UNLIMITED, params_for  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402

RESULTS = REPO / "bench" / "results" / "search_shortcut_ab.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED)
    library = Library.open(settings)
    routed = create_app(library, settings)
    routed.user_middleware = [m for m in routed.user_middleware if m.cls is not SearchShortcut]
    apps = {"routed": routed, "shortcut": create_app(library, settings)}
    fresh = itertools.count(int(time.time()) % 100_000 * 1000)
    load_before = os.getloadavg()

    async def run() -> dict[str, list[tuple[float, float]]]:
        for app in apps.values():  # warm-up; the shortcut learns the search's path
            for _, query in MIX:
                await ask(app, urlencode(params_for(query, next(fresh))))
        measured: dict[str, list[tuple[float, float]]] = {name: [] for name in apps}
        for n in range(args.rounds):
            for name in list(apps) if n % 2 else list(apps)[::-1]:
                asked = [
                    [urlencode(params_for(q, next(fresh))) for _ in range(args.clients)]
                    for _, q in MIX
                ]
                loop, process = time.thread_time(), time.process_time()
                for together in asked:
                    await asyncio.gather(*(ask(apps[name], qs) for qs in together))
                answers = len(MIX) * args.clients
                measured[name].append(
                    (
                        1000 * (time.thread_time() - loop) / answers,
                        1000 * (time.process_time() - process) / answers,
                    )
                )
        return measured

    try:
        measured = asyncio.run(run())
    finally:
        library.close()
    medians = {
        name: {
            "loop_thread_ms": round(statistics.median(r[0] for r in rows), 3),
            "process_ms": round(statistics.median(r[1] for r in rows), 3),
        }
        for name, rows in measured.items()
    }
    print(f"{'fresh /v1/search, medians':28}{'loop thread ms':>16}{'process ms':>12}")
    for name, row in medians.items():
        print(f"{name:28}{row['loop_thread_ms']:>16.3f}{row['process_ms']:>12.3f}")
    saved = medians["routed"]["loop_thread_ms"] - medians["shortcut"]["loop_thread_ms"]
    print(f"{'saved on the loop thread':28}{saved:>16.3f}")
    load = [load_before, os.getloadavg()]
    print(f"load average before {load[0][0]:.2f}, after {load[1][0]:.2f}")
    keep(RESULTS, args.data.name, {"rounds": args.rounds, "load_average": load, **medians})
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
