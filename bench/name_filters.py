"""A ponente or court filter by some words (``indexer.query.names``) against the filter
before it (the typed value compared whole), on one index folder, alternated in one run.

    PYTHONPATH=. python bench/name_filters.py /tmp/<copy of an index folder> [rounds]

Prints a table of medians (ms) and writes bench/results/name_filters.json. "book" is
reading the distinct values and building the book once (a new commit's first name
search); the searches after it read the kept book."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

import indexer.stores.tantivy_store as ts
from indexer.query import names
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore, name_book


def _ms(fn: object, n: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(n):
        fn()  # type: ignore[operator]
    return 1000 * (time.perf_counter() - started) / n


def main() -> None:
    folder = Path(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    store = TantivyStore(folder)
    searcher = store.index.searcher()
    book = name_book(searcher)
    ponente = sorted(book._keys["ponente"])[len(book._keys["ponente"]) // 2]
    court = "sala penal"
    word = ponente.split()[-1]
    asks = {
        "ponente whole": {"ponente": [ponente]},
        "court whole": {"court": [court]},
        f"ponente one word ({word})": {"ponente": [word]},
    }
    real = names.asks_names
    times: dict[str, dict[str, list[float]]] = {k: {"old": [], "new": []} for k in asks}
    times["book"] = {"old": [], "new": []}
    for n in range(rounds):
        for which in ("old", "new") if n % 2 == 0 else ("new", "old"):
            # old: no book, the value compared whole (the code before)
            on = which == "new"
            ts.asks_names = real if on else (lambda *_: False)
            for label, filters in asks.items():
                store._pages = ts._Lru(ts.PAGE_CACHE_SIZE)  # no kept page, no kept counts
                store._count_cache = ts._CountCache(ts.COUNT_CACHE_SIZE)
                query = SearchQuery(filters=filters, facets=["court", "ponente"], limit=20)
                times[label][which].append(_ms(lambda q=query: store.search(q)))
            if on:
                times["book"][which].append(_ms(lambda: name_book(searcher)))
    rows = []
    for label, both in times.items():
        old = statistics.median(both["old"]) if both["old"] else None
        new = statistics.median(both["new"])
        rows.append({"case": label, "old_ms": old, "new_ms": new,
                     "ratio": (new / old) if old else None})  # fmt: skip
    load = os.getloadavg()
    print(f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; rounds {rounds}")
    print(f"{'case':40} {'old ms':>9} {'new ms':>9} {'new/old':>8}")
    for r in rows:
        old = f"{r['old_ms']:.2f}" if r["old_ms"] is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        print(f"{r['case']:40} {old:>9} {r['new_ms']:9.2f} {ratio:>8}")
    out = Path(__file__).parent / "results" / "name_filters.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"load": load, "rounds": rounds, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
