"""Exact phrases, old build against new: what ``native/src/plan/exact.rs`` saves.

Usage: python bench/exact_phrase_ab.py --data DIR --old PATH_TO_abierto_native.abi3.so
                                       [--rounds 15] [--repeat 5] [--json PATH]

The mix's phrase questions (``bench/search.py``) and more of three words or more (of
``bench/legal_corpus.py``'s phrases, and «de la» repeated), planned as the store plans
them (``search_plan``), asked of ``DIR/index`` four ways in one process: ``old`` (the
extension built at ``--old``, main's, loaded beside this one), ``new`` (the installed
one, as the store asks), ``exact`` (the installed one, every exact phrase by
``exact.rs``: the plan's ``exact_phrase``) and ``tantivy`` (every one by Tantivy's own
``PhraseQuery``: ``tantivy_phrase``). All four must give the same answer (total, hits,
scores), checked first. Each question ``--repeat`` times per round, the four one after
the other, their order turning every round (the machine is shared). The page (20 hits)
with the exact total, no facets, no highlights. Printed: CPU milliseconds per answer
(every thread), the median over the rounds, new/old and exact/tantivy; JSON to
``bench/results/exact_phrase_ab.json``.
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
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.tantivy_native import DOC_STORE_BLOCKS  # noqa: E402
from indexer.stores.tantivy_store import search_plan  # noqa: E402

RESULTS = REPO / "bench" / "results" / "exact_phrase_ab.json"
LIMIT = 20
MORE = [
    '"principio de presunción de inocencia"',
    '"la reparación integral del daño"',
    '"rescisión de la relación laboral"',
    '"el juez de primera instancia"',
    '"de la niñez de la"',
    '"de la de la de la de la de la de la"',
    '"' + " ".join(["de la"] * 12) + '"',
]


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    path = str(args.data / "index")
    threads = os.cpu_count() or 1
    questions = [q.q for c, q in MIX if c == "phrase"] + MORE
    plans = {q: json.dumps(search_plan(SearchQuery(q=q))) for q in questions}
    new = abierto_native.NativeIndex(path, threads, None, DOC_STORE_BLOCKS)
    sides: dict[str, tuple[Any, dict[str, str]]] = {
        "old": (load_extension(args.old).NativeIndex(path, threads, None, DOC_STORE_BLOCKS), plans),
        "new": (new, plans),
        **{
            side: (
                new,
                {q: p.replace('["phrase",', f'["{side}_phrase",') for q, p in plans.items()},
            )
            for side in ("exact", "tantivy")
        },
    }

    def ask(side: str, q: str) -> Any:
        index, asked = sides[side]
        return index.search(asked[q], LIMIT, 0, "relevance", True, None, False)

    for q in questions:
        if len({repr(ask(side, q)) for side in sides}) > 1:
            raise SystemExit(f"old, new, exact and tantivy answer {q!r} differently")
    spent: dict[str, dict[str, list[float]]] = {s: {q: [] for q in questions} for s in sides}
    load_before = os.getloadavg()
    for round_ in range(args.rounds):
        turn = round_ % len(sides)
        order = list(sides)[turn:] + list(sides)[:turn]
        for q in questions:
            for side in order:
                began = _cpu()
                for _ in range(args.repeat):
                    ask(side, q)
                spent[side][q].append((_cpu() - began) * 1000 / args.repeat)
    load_after = os.getloadavg()
    rows = {q: {s: round(statistics.median(spent[s][q]), 3) for s in sides} for q in questions}
    totals = {s: round(sum(row[s] for row in rows.values()), 3) for s in sides}
    print(f"CPU ms per answer (all threads), median of {args.rounds} rounds, {threads} threads")
    print(f"{'question':44}{'old':>8}{'new':>8}{'exact':>8}{'tantivy':>9}", end="")
    print(f"{'new/old':>9}{'exact/tantivy':>14}")
    for q, row in [*rows.items(), ("(sum)", totals)]:
        print(f"{q[:43]:44}" + "".join(f"{row[s]:8.2f}" for s in ("old", "new", "exact")), end="")
        print(f"{row['tantivy']:9.2f}{row['new'] / row['old']:9.2f}", end="")
        print(f"{row['exact'] / row['tantivy']:14.2f}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    keep(
        args.json,
        args.data.name,
        {
            "cpu_ms_per_answer": rows,
            "sum": totals,
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
