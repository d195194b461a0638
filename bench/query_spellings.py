"""What spelling out ordinals and legal abbreviations costs the parser.

Usage: python bench/query_spellings.py [--old DIR] [--rounds N]

``--old`` is a checkout of the code before (``git archive <commit> | tar -x -C DIR``); each
round parses the same queries with the old code and with this checkout's, alternating, in
a fresh process each (so neither warms the other's caches): the search mix's queries
(``bench/search.MIX``, what most people ask) and queries that write ordinals or
abbreviations. Printed: the median µs per query of each set, old and new, and the
machine's load; JSON goes to ``bench/results/query_spellings.json``.
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
import subprocess  # noqa: E402

from bench.results import keep  # noqa: E402

RESULTS = REPO / "bench" / "results" / "query_spellings.json"
SPELLED = [
    '"juzgado primero de distrito"',
    '"primer tribunal colegiado del primer circuito"',
    '"juzgado décimo primero de distrito" amparo',
    "2a. sala",
    '"art. 14 de la CPEUM"',
    "SCJN fracc. II",
    '"párrafo segundo del artículo 1o."',
]
# runs in the child: the median over repeats of the µs per query of each set
CHILD = """
import json, sys, time, statistics
from bench.search import MIX
from indexer.query.parser import parse_query
sets = {"mix": [q.q for _, q in MIX if q.q], "spelled": json.loads(sys.argv[1])}
out = {}
for name, queries in sets.items():
    times = []
    for _ in range(31):
        start = time.perf_counter()
        for _ in range(50):
            for q in queries:
                parse_query(q)
        times.append((time.perf_counter() - start) / (50 * len(queries)) * 1e6)
    out[name] = statistics.median(times[1:])
print(json.dumps(out))
"""


def measure(root: Path) -> dict[str, float]:
    env = os.environ | {"PYTHONPATH": f"{root}:{REPO}"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(SPELLED)],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    load_before = os.getloadavg()
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for _ in range(args.rounds):
        runs["old"].append(measure(args.old))
        runs["new"].append(measure(REPO))
    load_after = os.getloadavg()
    table = {
        version: {name: statistics.median(r[name] for r in rounds) for name in rounds[0]}
        for version, rounds in runs.items()
    }
    print(f"load (1, 5, 15 min) before {load_before}, after {load_after}")
    print(f"{'set':<10}{'old µs/query':>14}{'new µs/query':>14}")
    for name in table["old"]:
        print(f"{name:<10}{table['old'][name]:>14.1f}{table['new'][name]:>14.1f}")
    keep(
        RESULTS,
        "parse",
        {"median_us_per_query": table, "rounds": args.rounds, "load": [load_before, load_after]},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
