"""Where a fresh ``/v1/search`` answer's Python CPU goes, by thread, and what the app's
middlewares cost (each variant's app with some left out, the variants alternating).

Usage: python bench/python_layers.py --data DIR [--clients 4] [--rounds 6] [--seconds 6]
                                     [--without NAME,NAME ...] [--json PATH]

The app answers ``bench/http_mix.py``'s fresh questions in this process (ASGI, no
socket, as ``bench/answer_layers.py``), ``--clients`` at a time. Measured per answer:
the event loop's thread (middlewares, parameters, JSON handed on, gzip), the search
threads' work (``api.search_threads``: the store's Python, the answer's JSON, and the
native search called from them), the native search's part of it (``NativeReader.search``
in the calling thread; its executor's threads are the rest of the process CPU), the
store's Python around it and the page made plain. Each ``--without`` is a variant: the
same app made without the middlewares named (class names, comma-separated), to bound
what folding or dropping them could save; the variants answer in turn, ``--rounds``
times ``--seconds`` each, and the medians are printed. Thread CPU is what the load
changes least; still say the load (printed). JSON goes to ``bench/results/``.
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
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

import fastapi  # noqa: E402

from api import search_threads  # noqa: E402
from bench.http_mix import UNLIMITED, ask_app, params_for  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.stores import tantivy_native, tantivy_store  # noqa: E402

RESULTS = REPO / "bench" / "results" / "python_layers.json"
COLUMNS = {
    "process": "process CPU",
    "loop": "event loop thread",
    "work": "search threads' work",
    "native": "native search (calling thread)",
    "store": "store's Python around it",
    "plain": "page made plain",
}

_spent: dict[str, float] = {}
_lock = threading.Lock()


def _timed(owner: Any, name: str, label: str) -> None:
    """``owner.name`` counting its calling thread's CPU under ``label``."""
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            used = time.thread_time() - began
            with _lock:
                _spent[label] = _spent.get(label, 0.0) + used

    setattr(owner, name, timed)


def _instrument() -> None:
    _timed(tantivy_native.NativeReader, "search", "native")
    _timed(tantivy_store.TantivyStore, "_answer_of", "answer_of")
    _timed(tantivy_store._KeptPage, "plain", "plain")
    call = search_threads.SearchThreads.call

    def counted_call(self: search_threads.SearchThreads, function: Callable[[], Any]) -> Any:
        def work() -> Any:
            began = time.thread_time()
            try:
                return function()
            finally:
                used = time.thread_time() - began
                with _lock:
                    _spent["work"] = _spent.get("work", 0.0) + used

        return call(self, work)

    search_threads.SearchThreads.call = counted_call  # type: ignore[method-assign]


def _app_without(names: frozenset[str], settings: Settings) -> Any:
    """The app, made without the middlewares whose class is named in ``names``."""
    from api.app import create_app

    add = fastapi.FastAPI.add_middleware

    def some(self: fastapi.FastAPI, cls: Any, *args: Any, **kwargs: Any) -> None:
        if cls.__name__ not in names:
            add(self, cls, *args, **kwargs)

    fastapi.FastAPI.add_middleware = some  # type: ignore[method-assign]
    try:
        return create_app(settings=settings)
    finally:
        fastapi.FastAPI.add_middleware = add  # type: ignore[method-assign]


def _round(app: Any, clients: int, seconds: float, fresh: Iterator[int]) -> dict[str, float]:
    """CPU ms per answer of each column, ``clients`` answering for ``seconds``."""
    answered = 0

    async def client() -> None:
        nonlocal answered
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for _, query in MIX:
                await ask_app(app, urlencode(params_for(query, next(fresh))).encode())
                answered += 1

    async def run() -> tuple[float, float]:
        began, loop_began = time.process_time(), time.thread_time()
        await asyncio.gather(*(client() for _ in range(clients)))
        return time.process_time() - began, time.thread_time() - loop_began

    with _lock:
        _spent.clear()
    process, loop = asyncio.run(run())
    per = {name: 1000 * used / answered for name, used in _spent.items()}
    return {
        "process": 1000 * process / answered,
        "loop": 1000 * loop / answered,
        "work": per.get("work", 0.0),
        "native": per.get("native", 0.0),
        "store": per.get("answer_of", 0.0) - per.get("native", 0.0),
        "plain": per.get("plain", 0.0),
        "answers": answered,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--without", action="append", default=[], help="a variant")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    settings = Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED)
    load_before = os.getloadavg()
    from indexer.heap import loosen_collector, settle_heap

    _instrument()
    variants = {"all": frozenset()} | {
        f"without {names}": frozenset(names.split(",")) for names in args.without
    }
    apps = {name: _app_without(names, settings) for name, names in variants.items()}
    settle_heap()  # as ``abierto serve`` does
    loosen_collector()
    fresh = itertools.count(time.time_ns() // 1000 % 10**9 * 10)
    for app in apps.values():  # warm-up
        _round(app, args.clients, 1, fresh)
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name in apps}
    names = list(apps)
    for n in range(args.rounds):
        for name in names[n % len(names) :] + names[: n % len(names)]:  # each first in turn
            rounds[name].append(_round(apps[name], args.clients, args.seconds, fresh))
    medians = {
        name: {key: round(statistics.median(r[key] for r in runs), 3) for key in COLUMNS}
        for name, runs in rounds.items()
    }
    width = max(len(name) for name in medians) + 2
    print(f"{'CPU ms per fresh answer':{width}}" + "".join(f"{key:>9}" for key in COLUMNS))
    for name, row in medians.items():
        print(f"{name:{width}}" + "".join(f"{row[key]:>9.3f}" for key in COLUMNS))
    for key, what in COLUMNS.items():
        print(f"  {key}: {what}")
    load_after = os.getloadavg()
    print(
        f"{args.clients} clients, {args.rounds} rounds of {args.seconds:g} s; load average "
        f"before {load_before[0]:.2f}, after {load_after[0]:.2f}"
    )
    keep(
        args.json,
        f"{args.data.name}-{args.clients}",
        {"cpu_ms": medians, "rounds": rounds, "load_average": [load_before, load_after]},
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
