"""What the proximity phrases' work budget costs and saves: an older build (no budget)
against this one, alternately, in one process.

Usage: python bench/phrase_budget.py --data DIR --old PATH_TO_abierto_native.abi3.so
                                     [--rounds 5] [--json PATH]

Proximity phrases of three words or more (the native sloppy scorer, ``plan/sloppy.rs``):
ordinary ones and a heavy one, which must answer as before (checked first: total, hits,
scores), and hostile ones (long phrases of common words), which the budget refuses.
Each asked of the index in ``DIR/index`` by the old build and by this one with the
default budget (``config.settings.PHRASE_WORK``), one after the other, the one asked
first changing every round. Printed: CPU milliseconds per answer (every thread), the median over the
rounds, and each phrase's steps and positions (the budget's units, found by bisection on
the new build); JSON to ``bench/results/phrase_budget.json``.
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
from config.settings import PHRASE_WORK  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.tantivy_native import DOC_STORE_BLOCKS, PHRASE_STEPS_PER_POSITION  # noqa: E402
from indexer.stores.tantivy_store import search_plan  # noqa: E402

RESULTS = REPO / "bench" / "results" / "phrase_budget.json"
LIMIT = 20
ORDINARY = [
    '"interés superior niñez"~3',
    '"presunción de inocencia"~2',
    '"presunción de inocencia"~10',
    '"recurso de revisión"~4',
    '"principio de presunción de inocencia"~3',
    '"interés superior de la niñez"~5',
]
# costly, but no more per position than a common word repeated: answered
HEAVY = ['"de la de la"~5']
HOSTILE = [
    '"de la de la de la de la"~10',
    '"' + " ".join(["de la"] * 11) + '"~50',
]


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    path = str(args.data / "index")
    threads = os.cpu_count() or 1
    old = load_extension(args.old).NativeIndex(path, threads, None, DOC_STORE_BLOCKS)
    new = abierto_native.NativeIndex(path, threads, None, DOC_STORE_BLOCKS)
    budget = (PHRASE_WORK, PHRASE_STEPS_PER_POSITION)
    plans = {q: json.dumps(search_plan(SearchQuery(q=q))) for q in ORDINARY + HEAVY + HOSTILE}

    def ask(side: str, q: str, work: Any = budget) -> Any:
        if side == "old":
            return old.search(plans[q], LIMIT, 0, "relevance", True, None, False)
        try:
            return new.search(plans[q], LIMIT, 0, "relevance", True, None, False, None, work)
        except abierto_native.TooMuchWork:
            return "refused"

    def least(q: str, per_position: int) -> int:
        """The smallest budget that answers ``q`` (bisection)."""
        low, high = 0, 1 << 12
        while ask("new", q, (high, per_position)) == "refused":
            low, high = high, high * 2
        while high - low > max(1, high // 200):
            middle = (low + high) // 2
            if ask("new", q, (middle, per_position)) == "refused":
                low = middle
            else:
                high = middle
        return high

    units: dict[str, dict[str, float]] = {}
    for q in ORDINARY + HEAVY + HOSTILE:
        answer = ask("new", q)
        if q not in HOSTILE and answer != ask("old", q):
            raise SystemExit(f"old and new answer {q!r} differently")
        if q in HOSTILE and answer != "refused":
            raise SystemExit(f"{q!r} is not refused")
        steps = least(q, 0)
        positions = steps - least(q, 1)
        units[q] = {"steps": steps, "positions": positions, "per_position": steps / positions}
    spent: dict[str, dict[str, list[float]]] = {q: {"old": [], "new": []} for q in plans}
    load_before = os.getloadavg()
    for round_ in range(args.rounds):
        order = ["old", "new"] if round_ % 2 == 0 else ["new", "old"]
        for q in plans:
            for side in order:
                began = _cpu()
                ask(side, q)
                spent[q][side].append((_cpu() - began) * 1000)
    load_after = os.getloadavg()
    rows = {
        q: {side: round(statistics.median(spent[q][side]), 1) for side in ("old", "new")}
        | {"refused": q in HOSTILE}
        | units[q]
        for q in plans
    }
    print(f"CPU ms per answer (all threads), median of {args.rounds} rounds, {threads} threads;")
    print(f"budget {PHRASE_WORK} steps beyond {PHRASE_STEPS_PER_POSITION} per position read")
    print("| phrase | old ms | new ms | new/old | new answer | steps | positions | steps/pos |")
    print("|---|---:|---:|---:|---|---:|---:|---:|")
    for q, row in rows.items():
        print(
            f"| `{q}` | {row['old']:.1f} | {row['new']:.1f} | {row['new'] / row['old']:.2f} | "
            f"{'refused (422)' if row['refused'] else 'same'} | {row['steps'] / 1e6:.1f}M | "
            f"{row['positions'] / 1e6:.2f}M | {row['per_position']:.1f} |"
        )
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    keep(
        args.json,
        args.data.name,
        {
            "cpu_ms_per_answer": rows,
            "rounds": args.rounds,
            "threads": threads,
            "budget": list(budget),
            "old": str(args.old),
            "load_average": {"before": load_before, "after": load_after},
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
