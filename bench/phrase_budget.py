"""What the proximity phrases' walk and work budget cost: an older build against this one,
alternately, in one process.

Usage: python bench/phrase_budget.py --data DIR --old PATH_TO_abierto_native.abi3.so
                                     [--rounds 5] [--json PATH]

Proximity phrases of three words or more (the native sloppy scorer, ``plan/sloppy.rs``):
ordinary ones and a heavy one, which must answer as before (checked first: total, hits,
scores) or be refused, and hostile ones (long phrases of common words), which the budget
refuses. Each asked of the index in ``DIR/index`` by the old build (no budget) and by this
one with the default budget (``config.settings.PHRASE_WORK``, ``PHRASE_MAX_STEPS``), one
after the other, the one asked first changing every round. Printed: CPU milliseconds per
answer (every thread), the median over the rounds, and each answered phrase's positions
read and window steps on both builds (the budget's units, found by bisection: the old
build must take a (steps, per position) budget, as the one with ``PHRASE_MAX_STEPS``'s
predecessor did); JSON to ``bench/results/phrase_budget.json``.
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
from indexer.stores.tantivy_native import (  # noqa: E402
    DOC_STORE_BLOCKS,
    PHRASE_MAX_STEPS,
    PHRASE_STEPS_PER_POSITION,
)
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


def _units(row: dict[str, Any]) -> str:
    """The row's positions and steps (millions), or dashes for a refused phrase."""
    if "steps" not in row:
        return "— | — | — | — | — |"
    return (
        f"{row['positions'] / 1e6:.2f}M | {row['old_steps'] / 1e6:.2f}M | "
        f"{row['steps'] / 1e6:.2f}M | {row['old_per_position']:.2f} | {row['per_position']:.2f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    path = str(args.data / "index")
    threads = os.cpu_count() or 1
    old_build = load_extension(args.old)
    old = old_build.NativeIndex(path, threads, None, DOC_STORE_BLOCKS)
    new = abierto_native.NativeIndex(path, threads, None, DOC_STORE_BLOCKS)
    budget = (PHRASE_WORK, PHRASE_STEPS_PER_POSITION, PHRASE_MAX_STEPS)
    plans = {q: json.dumps(search_plan(SearchQuery(q=q))) for q in ORDINARY + HEAVY + HOSTILE}

    def ask(side: str, q: str, work: Any = budget) -> Any:
        if side == "old" and work is budget:
            return old.search(plans[q], LIMIT, 0, "relevance", True, None, False)
        # the old build's budget has no cap on the steps in all
        build, work = (old, work[:2]) if side == "old" else (new, work)
        try:
            return build.search(plans[q], LIMIT, 0, "relevance", True, None, False, None, work)
        except (abierto_native.TooMuchWork, old_build.TooMuchWork):
            return "refused"

    def least(side: str, q: str, per_position: int) -> int:
        """The smallest budget that answers ``q`` on ``side`` (bisection)."""
        low, high = 0, 1 << 12
        while ask(side, q, (high, per_position, 1 << 62)) == "refused":
            low, high = high, high * 2
        while high - low > max(1, high // 200):
            middle = (low + high) // 2
            if ask(side, q, (middle, per_position, 1 << 62)) == "refused":
                low = middle
            else:
                high = middle
        return high

    units: dict[str, dict[str, float]] = {}
    refused: dict[str, bool] = {}
    for q in ORDINARY + HEAVY + HOSTILE:
        answer = ask("new", q)
        refused[q] = answer == "refused"
        if not refused[q] and answer != ask("old", q):
            raise SystemExit(f"old and new answer {q!r} differently")
        if q in HOSTILE:  # refused by both: bisecting the old build's takes minutes
            continue
        # the positions read are the same on both builds; the old one's windows take
        # more steps than positions, so they show on it (an old build with a budget)
        old_steps = least("old", q, 0)
        positions = max(1, old_steps - least("old", q, 1))
        steps = least("new", q, 0)
        units[q] = {
            "old_steps": old_steps,
            "steps": steps,
            "positions": positions,
            "old_per_position": old_steps / positions,
            "per_position": steps / positions,
        }
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
        | {"refused": refused[q]}
        | units.get(q, {})
        for q in plans
    }
    print(f"CPU ms per answer (all threads), median of {args.rounds} rounds, {threads} threads;")
    print(
        f"budget {PHRASE_WORK} steps beyond {PHRASE_STEPS_PER_POSITION} per position read, "
        f"{PHRASE_MAX_STEPS} in all"
    )
    print(
        "| phrase | old ms | new ms | new/old | new answer | positions "
        "| old steps | new steps | old steps/pos | new steps/pos |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for q, row in rows.items():
        print(
            f"| `{q}` | {row['old']:.1f} | {row['new']:.1f} | {row['new'] / row['old']:.2f} | "
            f"{'refused (422)' if row['refused'] else 'same'} | " + _units(row)
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
