"""A prefix that reaches the metadata (``indexer.query.stem_prefix``) against the prefix
of title and text alone, on one index folder, alternated in one run.

    PYTHONPATH=. python bench/prefix_meta_ab.py /tmp/<copy of an index folder> [rounds]

Each search is a new question to the store (its date range moves a day each time, every
document still inside it), so no page or count is read from a cache (and no
one-prefix page shortcut is taken: a filter is asked). Prints medians (ms)
and hit counts, and writes bench/results/prefix_meta_ab.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

import indexer.stores.tantivy_store as ts
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore

QUERIES = ("constitu*", "tribun*", "colegiad*", "magistrad*", "saltil*", "amparo colegiad*")
MODES = {"old": lambda *_: None, "new": ts._meta_prefix}


def main() -> None:
    folder = Path(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    store = TantivyStore(folder)
    times: dict[tuple[str, str], list[float]] = {}
    totals: dict[tuple[str, str], int] = {}
    asked = 0
    for _ in range(rounds):
        for q in QUERIES:
            for mode, meta in MODES.items():
                ts._meta_prefix = meta
                # compiled questions are kept by their text: each mode compiles its own
                ts._questions = ts._Lru(ts.QUESTION_CACHE_SIZE)
                asked += 1
                query = SearchQuery(
                    q=q, limit=10, date_to=dt.date(2200, 1, 1) - dt.timedelta(asked)
                )
                started = time.perf_counter()
                result = store.search(query)
                times.setdefault((q, mode), []).append(1000 * (time.perf_counter() - started))
                totals[(q, mode)] = result.total
    ts._meta_prefix = MODES["new"]
    print(f"load: {os.getloadavg()}")
    print(f"{'query':<16}{'old ms':>9}{'new ms':>9}{'ratio':>7}{'old hits':>10}{'new hits':>10}")
    rows = []
    for q in QUERIES:
        old, new = (statistics.median(times[(q, m)]) for m in ("old", "new"))
        hits = f"{totals[(q, 'old')]:10}{totals[(q, 'new')]:10}"
        print(f"{q:<16}{old:9.1f}{new:9.1f}{new / old:7.2f}{hits}")
        rows.append({"query": q, "old_ms": old, "new_ms": new, "old_hits": totals[(q, "old")],
                     "new_hits": totals[(q, "new")]})  # fmt: skip
    out = Path(__file__).parent / "results" / "prefix_meta_ab.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"rounds": rounds, "load": os.getloadavg(), "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
