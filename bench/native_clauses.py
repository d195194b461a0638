"""What the native search spends on each part of a boolean or prefix question: an older
build against this one, on the parts one by one.

Usage: python bench/native_clauses.py --data DIR --old PATH_TO_abierto_native.abi3.so
                                      [--rounds 5] [--repeat 20] [--json PATH]

The parts of ``bench/search.py``'s boolean and prefix questions as plans (a word's union
over the fields, two of them ANDed, with a NOT, inside the date filter a fresh question
carries; three and four ANDed, words beside two filters; the three-field OR of a
prefix), asked of ``DIR/index`` on one thread through the installed extension and
through the one built at ``--old`` (main's, say), loaded beside it. Both must give the
same total and page (scores included), checked first. Each plan asked ``--repeat`` times
per round, old and new one after the other, the first of them changing every round.
Printed: CPU ms per search (page of 20 with the exact total), the median over the
rounds, and the machine's load; JSON to ``bench/results/native_clauses.json``.
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
import statistics  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

import abierto_native  # noqa: E402

from bench.other_build import load_extension  # noqa: E402
from bench.results import keep  # noqa: E402

RESULTS = REPO / "bench" / "results" / "native_clauses.json"
LIMIT = 20


def union(stem: str) -> list:
    fields = [["boost", ["term", "title", stem], 2.0], ["term", "meta", stem]]
    return ["bool", [["should", f] for f in [*fields, ["term", "text", stem]]]]


def prefix(text: str) -> list:
    def must(field: str) -> list:
        return ["bool", [["must", ["prefix", field, text]]]]

    meta = ["const", ["bool", [["must", ["bool", [["should", ["prefix", "meta", text]]]]]]], 0.0]
    return [
        "bool",
        [["should", must("title_fold")], ["should", must("text_fold")], ["should", meta]],
    ]


DATE = ["date", "date", None, 6016118400]  # every document: a fresh question's filter
AND = ["bool", [["must", union("ampar")], ["must", union("constitucional")]]]
AND_NOT = ["bool", [*AND[1], ["must_not", union("laboral")]]]
OR3 = ["bool", [["should", union(s)] for s in ("rob", "fraud", "despoj")]]
PLANS: dict[str, list] = {
    "union ampar": union("ampar"),
    "ampar AND constitucional": AND,
    "... NOT laboral": AND_NOT,
    "... NOT laboral, dated": ["bool", [["must", AND_NOT], ["must", DATE]]],
    "(3 OR) AND victim -pension": [
        "bool",
        [["must", OR3], ["must", union("victim")], ["must_not", union("pension")]],
    ],
    "rare AND common": ["bool", [["must", union("usucapion")], ["must", union("ampar")]]],
    # three required clauses or more: a window at a time too (``plan/and.rs``)
    "... AND victim": [
        "bool",
        [*AND[1], ["must", union("victim")]],
    ],
    "... AND victim AND laboral": [
        "bool",
        [*AND[1], ["must", union("victim")], ["must", union("laboral")]],
    ],
    "rare AND 2 common": [
        "bool",
        [["must", union("usucapion")], *AND[1]],
    ],
    "pension alimentici + 2 filters": [
        "bool",
        [
            ["must", ["bool", [["must", union("pension")], ["must", union("alimentici")]]]],
            ["must", ["bool", [["should", ["term", "key_kind", "sentencia"]]]]],
            ["must", ["bool", [["should", ["term", "key_matter", "familiar"]]]]],
        ],
    ],
    # filters without words: an ``all`` beside them (a date sort with one filter)
    "sentencia, no words": [
        "bool",
        [["must", ["all"]], ["must", ["bool", [["should", ["term", "key_kind", "sentencia"]]]]]],
    ],
    "-laboral alone": ["bool", [["must", ["all"]], ["must_not", union("laboral")]]],
    "constitu*": prefix("constitu"),
    "constitu*, dated": ["bool", [["must", prefix("constitu")], ["must", DATE]]],
    "indemniz*, dated": ["bool", [["must", prefix("indemniz")], ["must", DATE]]],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    path = str(args.data / "index")
    sides: dict[str, Any] = {
        "old": load_extension(args.old).NativeIndex(path, 1, None, 100),
        "new": abierto_native.NativeIndex(path, 1, None, 100),
    }
    plans = {name: json.dumps(plan) for name, plan in PLANS.items()}

    def ask(side: str, name: str) -> Any:
        return sides[side].search(plans[name], LIMIT, 0, "relevance", True, None, False)

    totals = {}
    for name in plans:
        old, new = ask("old", name), ask("new", name)
        if old != new:
            raise SystemExit(f"old and new answer {name!r} differently")
        totals[name] = new[0]
    spent: dict[str, dict[str, list[float]]] = {s: {n: [] for n in plans} for s in sides}
    load_before = os.getloadavg()
    for round_ in range(args.rounds):
        order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
        for name in plans:
            for side in order:
                began = time.process_time()
                for _ in range(args.repeat):
                    ask(side, name)
                spent[side][name].append((time.process_time() - began) * 1000 / args.repeat)
    load_after = os.getloadavg()
    rows = {
        name: {side: round(statistics.median(spent[side][name]), 3) for side in sides}
        for name in plans
    }
    print(f"CPU ms per search (1 thread), median of {args.rounds} rounds")
    print(f"{'plan':30}{'total':>8}{'old':>8}{'new':>8}{'new/old':>9}")
    for name, row in rows.items():
        ratio = row["new"] / row["old"]
        print(f"{name:30}{totals[name]:>8}{row['old']:8.2f}{row['new']:8.2f}{ratio:9.2f}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    keep(
        args.json,
        args.data.name,
        {
            "cpu_ms_per_search": rows,
            "totals": totals,
            "rounds": args.rounds,
            "repeat": args.repeat,
            "old": str(args.old),
            "load_average": {"before": load_before, "after": load_after},
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
