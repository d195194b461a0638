"""What a fresh question costs made fresh each way: the facets in a new order (the old
``bench/http_mix.py`` way) or an end date past every document a day earlier each time
(``fresh_query``, the new one), alternately in one run.

Usage: python bench/fresh_forms.py --data DIR [--repo CHECKOUT] [--rounds 5] [--json PATH]

``bench/search.py``'s mix against the library in ``--data`` (read only), with the store
of this checkout or of ``--repo``. On a store whose count cache keys the facets in the
order asked, both ways are fresh and their CPU should match (the date's range clause is
the one piece of work more): that is what keeps ``http_mix`` numbers comparable across
the change. On one that keys them as a set, a reordering is answered from the count
cache (no counting pass): the saving the change gives a repeated question. Printed: the
process CPU ms per search (every thread), median per category and way, and the ratio.
JSON goes to ``bench/results/fresh_forms.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "fresh_forms.json"
WAYS = ("facets reordered", "end date")


def _permutation(items: list[str], n: int) -> list[str]:
    out = []
    for size in range(len(items), 0, -1):
        n, pick = divmod(n, size)
        out.append(items.pop(pick))
    return out


def measure(data: Path, rounds: int) -> dict[str, Any]:
    from bench.search import MIX
    from config.settings import Settings
    from indexer.library import Library
    from indexer.stores import FACET_FIELDS

    library = Library.open(Settings(data_dir=data))
    fresh = itertools.count(time.time_ns() // 1000 % 10**6 * 10)

    def asked(way: str, query: Any) -> Any:
        n = next(fresh)
        if way == WAYS[0]:
            return query.model_copy(update={"facets": _permutation(list(FACET_FIELDS), n)})
        day = dt.date(2261, 12, 31) - dt.timedelta(days=n % 59_168)
        return query.model_copy(update={"date_to": day})

    totals: dict[str, list[int]] = {way: [] for way in WAYS}
    for way in WAYS:  # warm-up: each question counted once, as asked first
        for _, query in MIX:
            totals[way].append(library.search(asked(way, query)).total)
    if totals[WAYS[0]] != totals[WAYS[1]]:
        raise RuntimeError(f"the end date changed a total: {totals}")
    spent: dict[str, dict[str, list[float]]] = {way: {} for way in WAYS}
    for round_ in range(rounds):
        for n, (category, query) in enumerate(MIX):
            for way in WAYS if (round_ + n) % 2 else WAYS[::-1]:
                question = asked(way, query)
                began = time.process_time()
                library.search(question)
                used = (time.process_time() - began) * 1000
                spent[way].setdefault(category, []).append(used)
    library.close()
    table = {}
    for category in spent[WAYS[0]]:
        medians = [statistics.median(spent[way][category]) for way in WAYS]
        table[category] = {
            **dict(zip(WAYS, medians, strict=True)),
            "ratio": medians[1] / medians[0],
        }
    every = [statistics.median([t for v in spent[way].values() for t in v]) for way in WAYS]
    table["all"] = {**dict(zip(WAYS, every, strict=True)), "ratio": every[1] / every[0]}
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    table = measure(args.data, args.rounds)
    load = os.getloadavg()
    print(f"{args.repo} — {args.data}, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'category':16} {WAYS[0]:>17} {WAYS[1]:>10} {'ratio':>6}  (CPU ms/search)")
    for category, row in table.items():
        print(f"{category:16} {row[WAYS[0]]:17.1f} {row[WAYS[1]]:10.1f} {row['ratio']:6.2f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "repo": str(args.repo),
                "data": str(args.data),
                "load": load,
                "table": table,
                "host": platform.node(),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
