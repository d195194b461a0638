"""Where a fresh ``/v1/search`` answer's Python CPU goes, per category of the mix.

Usage: python bench/search_python_parts.py --data DIR [--rounds 60] [--json PATH]

The app answers ``bench/http_mix.py``'s fresh questions (an end date past every
document, a day earlier each time: no kept answer serves them) in this process, over ASGI
without a socket (as ``bench/answer_layers.py``), one at a time, each category's
questions ``--rounds`` times. The search's thread hand-off is replaced by a call on the
event loop's thread, so that one thread's CPU time (``time.thread_time``) is the whole
answer's Python plus the part of the native search run in the calling thread; the
native search's executor threads are not counted. Each part named below is timed around
its call (thread CPU, so the parts nest: ``store`` holds ``native``, ``plain()``,
``fingerprint`` …; ``answer_json`` holds ``passage_links`` and ``json_bytes``).
``python`` is the thread's CPU less the native search's: the Python of an answer, HTTP
(uvicorn) aside. Printed: ms per answer by part and category. Thread CPU is what the
machine's load changes least, not at all; still say the load (printed). JSON goes to
``bench/results/search_python_parts.json``.
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
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

from bench.http_mix import UNLIMITED, ask_app, params_for  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "search_python_parts.json"
spent: dict[str, float] = {}


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, its thread CPU added to ``spent[name]`` at each call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        began = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.thread_time() - began

    return call


def instrument() -> None:
    """Every part timed, the search called on the loop's thread."""
    import api.routers.search as route
    import api.search_route as search_route
    import indexer.stores.tantivy_store as store
    from indexer.stores import SearchQuery, tantivy_native

    async def inline(call: Callable[..., Any], *args: Any) -> Any:
        return call(*args)

    search_route.in_search_thread = inline  # type: ignore[assignment]
    tantivy_native.NativeReader.search = timed("native", tantivy_native.NativeReader.search)  # type: ignore[method-assign]
    route.run_search_plain = timed("store", route.run_search_plain)
    route.answer_json = timed("answer_json", route.answer_json)
    route.passage_links = timed("passage_links", route.passage_links)
    route.json_bytes = timed("json_bytes", route.json_bytes)
    route.page_url = timed("page_url", route.page_url)
    store._KeptPage.plain = timed("plain()", store._KeptPage.plain)  # type: ignore[method-assign]
    store._kept_facets = timed("_kept_facets", store._kept_facets)
    store._plan_json = timed("_plan_json", store._plan_json)
    store._question = timed("_question", store._question)
    store._facet_spec = timed("_facet_spec", store._facet_spec)
    store.encode_cursor = timed("encode_cursor", store.encode_cursor)
    SearchQuery.fingerprint = timed("fingerprint", SearchQuery.fingerprint)  # type: ignore[method-assign]
    SearchQuery.counts_key = timed("counts_key", SearchQuery.counts_key)  # type: ignore[method-assign]
    search_route.plain_values = timed("plain_values", search_route.plain_values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()
    instrument()
    from api.app import create_app
    from indexer.heap import loosen_collector, settle_heap

    app = create_app(settings=Settings(data_dir=args.data, read_limit_anonymous=UNLIMITED))
    settle_heap()  # as ``abierto serve`` does
    loosen_collector()
    fresh = itertools.count(time.time_ns() // 1000 % 10**9 * 10)
    categories: dict[str, list[Any]] = {}
    for category, query in MIX:
        categories.setdefault(category, []).append(query)

    async def run() -> dict[str, dict[str, float]]:
        for _ in range(3):  # warm-up
            for _, query in MIX:
                await ask_app(app, urlencode(params_for(query, next(fresh))).encode())
        measured = {}
        for category, queries in categories.items():
            asked = [
                urlencode(params_for(query, next(fresh))).encode()
                for _ in range(args.rounds)
                for query in queries
            ]
            spent.clear()
            began = time.thread_time()
            for query_string in asked:
                await ask_app(app, query_string)
            whole = time.thread_time() - began
            parts = {name: 1000 * value / len(asked) for name, value in spent.items()}
            parts["thread"] = 1000 * whole / len(asked)
            parts["python"] = parts["thread"] - parts.get("native", 0.0)
            measured[category] = {name: round(value, 3) for name, value in parts.items()}
        return measured

    measured = asyncio.run(run())
    first = ("thread", "native", "python")
    others = {name for parts in measured.values() for name in parts} - set(first)
    names = [*first, *sorted(others)]
    print(f"{'CPU ms per answer':20}" + "".join(f"{c[:12]:>13}" for c in measured))
    for name in names:
        print(f"{name:20}" + "".join(f"{measured[c].get(name, 0.0):13.3f}" for c in measured))
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    keep(
        args.json,
        f"{args.data.name}-{args.rounds}",
        {"cpu_ms": measured, "load_average": {"before": load_before, "after": load_after}},
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
