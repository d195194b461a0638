"""CPU of handing a search to a thread and its answer back, as served before and now.

Usage: python bench/search_handoff.py [--calls 4000] [--rounds 3] [--json PATH]

On a uvloop loop (as ``abierto serve`` runs), ``--calls`` trivial calls (the hand-off
alone, no search) go to a thread and back, one at a time and from 8 concurrent tasks,
by ``loop.run_in_executor`` on a ``ThreadPoolExecutor`` (before) and by
``api.search_threads.SearchThreads`` (now), alternately ``--rounds`` times, each with
the task's context variables as the search route passes them. Printed: the process's
CPU per hand-off (every thread), medians over the rounds, with the load average. JSON
goes to ``bench/results/search_handoff.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import contextvars  # noqa: E402
import functools  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Awaitable, Callable  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from typing import Any  # noqa: E402

import uvloop  # noqa: E402

from api.search_threads import SearchThreads  # noqa: E402
from bench.results import keep  # noqa: E402

RESULTS = REPO / "bench" / "results" / "search_handoff.json"
THREADS = 40


def _work() -> int:
    return sum(range(50))


def handoffs() -> dict[str, Callable[[], Awaitable[Any]]]:
    executor = ThreadPoolExecutor(THREADS)
    threads = SearchThreads(THREADS, "bench")

    async def executor_call() -> Any:
        context = contextvars.copy_context()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, functools.partial(context.run, _work))

    async def threads_call() -> Any:
        context = contextvars.copy_context()
        return await threads.call(functools.partial(context.run, _work))

    return {"run_in_executor": executor_call, "SearchThreads": threads_call}


async def _cpu_us(call: Callable[[], Awaitable[Any]], calls: int, tasks: int) -> float:
    async def client() -> None:
        for _ in range(calls // tasks):
            await call()

    began = time.process_time()
    await asyncio.gather(*(client() for _ in range(tasks)))
    return 1e6 * (time.process_time() - began) / (calls // tasks * tasks)


async def measure(calls: int, rounds: int) -> dict[str, dict[str, float]]:
    ways = handoffs()
    spent: dict[str, dict[str, list[float]]] = {name: {} for name in ways}
    for round_ in range(rounds):
        order = list(ways) if round_ % 2 == 0 else list(ways)[::-1]
        for name in order:
            for tasks in (1, 8):
                us = await _cpu_us(ways[name], calls, tasks)
                spent[name].setdefault(f"{tasks} at once", []).append(us)
    return {
        name: {key: round(statistics.median(v), 1) for key, v in by.items()}
        for name, by in spent.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    before = os.getloadavg()
    result = uvloop.run(measure(args.calls, args.rounds))
    print(f"{'µs of CPU per hand-off, medians':34}{'1 at once':>12}{'8 at once':>12}")
    for name, row in result.items():
        print(f"{name:34}{row['1 at once']:>12.1f}{row['8 at once']:>12.1f}")
    print(f"load average before {before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    keep(args.json, "handoff", {**result, "load_average": [before, os.getloadavg()]})
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
