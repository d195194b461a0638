"""What the native search spends matching a question: an older build against this one.

Usage: python bench/native_match.py --data DIR --old PATH_TO_abierto_native.abi3.so
                                    [--rounds 8] [--repeat 5] [--facets] [--same-plans]
                                    [--json PATH]

``bench/search.py``'s mix, planned as this checkout plans it (``search_plan``), asked of
the index in ``DIR/index`` through the installed extension; and planned as before
(``query_kits.PREFIX_NODE`` off: a prefix as a regex) through the extension built at
``--old`` (main's, say), loaded beside it in the same process (``--same-plans``: the old
build given this checkout's plans too, to measure the extension alone). Each question
asked ``--repeat`` times per round, old and new one after the other, category by
category, the one asked first changing every round (the machine is shared: both see
the same load, and neither always follows the other). The page (20 hits) with the
exact total, no facets (``--facets``: the standard ones too) and no highlights. Both
must give the same answer (total, hits, scores), checked first. Printed: CPU
milliseconds per answer (every thread), the median over the rounds, by category, and
the ratio; JSON to ``bench/results/native_match.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
from typing import Any  # noqa: E402

import abierto_native  # noqa: E402

from bench.other_build import load_extension  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from indexer.stores import FACET_FIELDS, query_kits  # noqa: E402
from indexer.stores.tantivy_native import DOC_STORE_BLOCKS  # noqa: E402
from indexer.stores.tantivy_store import search_plan  # noqa: E402

RESULTS = REPO / "bench" / "results" / "native_match.json"
LIMIT = 20


def _plans(prefix_node: bool) -> list[str]:
    was = query_kits.PREFIX_NODE
    query_kits.PREFIX_NODE = prefix_node
    try:
        return [json.dumps(search_plan(query)) for _, query in MIX]
    finally:
        query_kits.PREFIX_NODE = was


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--facets", action="store_true")
    parser.add_argument("--same-plans", action="store_true")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    path = str(args.data / "index")
    threads = os.cpu_count() or 1
    sides: dict[str, tuple[Any, list[str]]] = {
        "old": (
            load_extension(args.old).NativeIndex(path, threads, None, DOC_STORE_BLOCKS),
            _plans(args.same_plans),
        ),
        "new": (abierto_native.NativeIndex(path, threads, None, DOC_STORE_BLOCKS), _plans(True)),
    }
    facets = [(name, 10) for name in FACET_FIELDS] if args.facets else None
    sorts = [query.effective_sort() for _, query in MIX]

    def ask(side: str, n: int) -> Any:
        index, plans = sides[side]
        return index.search(plans[n], LIMIT, 0, sorts[n], True, facets, False)

    for n, (_, query) in enumerate(MIX):
        if ask("old", n) != ask("new", n):
            raise SystemExit(f"old and new answer {query.q!r} differently")
    categories = list(dict.fromkeys(category for category, _ in MIX))
    spent: dict[str, dict[str, list[float]]] = {side: {c: [] for c in categories} for side in sides}
    load_before = os.getloadavg()
    for round_ in range(args.rounds):
        # each category asked of both back to back, the first one changing every round
        order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
        for category in categories:
            for side in order:
                asked = [n for n, (c, _) in enumerate(MIX) if c == category]
                began = _cpu()
                for _ in range(args.repeat):
                    for n in asked:
                        ask(side, n)
                answers = args.repeat * len(asked)
                spent[side][category].append((_cpu() - began) * 1000 / answers)
    load_after = os.getloadavg()
    rows = {
        c: {side: round(statistics.median(spent[side][c]), 3) for side in sides} for c in categories
    }
    print(f"CPU ms per answer (all threads), median of {args.rounds} rounds, {threads} threads")
    print(f"{'category':16}{'old':>9}{'new':>9}{'new/old':>9}")
    for category, row in rows.items():
        print(f"{category:16}{row['old']:9.2f}{row['new']:9.2f}{row['new'] / row['old']:9.2f}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    keep(
        args.json,
        f"{args.data.name}{'-facets' if args.facets else ''}",
        {
            "cpu_ms_per_answer": rows,
            "rounds": args.rounds,
            "repeat": args.repeat,
            "threads": threads,
            "old": str(args.old),
            "load_average": {"before": load_before, "after": load_after},
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
