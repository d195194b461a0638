"""Two builds of the native writer (``native/src/writer.rs``) alternately, on the same
documents: the CPU per document of Tantivy's threads (the process's less the main
thread's: analysing, indexing, the commit, merges waited for), of the main thread and of
the process, and the wall clock; medians of the rounds and the median of each round's
after/before ratio of Tantivy's CPU (a round's two runs are back to back: the load
drifts more between rounds than within one), the order of a round's two runs swapped
every other round.

Usage: python bench/native_writer_ab.py --before-python PYTHON --after-python PYTHON
                                        [--before CHECKOUT] [--after CHECKOUT]
                                        [--rounds 7] [--size 4000] [--mix 3k] [--json PATH]

Each interpreter is a venv holding the extension built from its checkout (``make
install``; e.g. ``/work/main/.venv/bin/python`` and this checkout's
``.venv/bin/python``); each run is a child writing ``--size`` documents of
``bench/legal_corpus.py`` into a fresh folder as ``bench/native_writes.py`` does (the
native writer making the pair terms; entries prepared beforehand), after an unmeasured
write of 300 (the writer's first start). The writer alone, without the crawl path's
saving and reading (``bench/write_ab.py``): less of the load's noise for a change to the
writer's analysers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
RESULTS = HERE.parent / "results" / "native_writer_ab.json"
# run by each interpreter, its checkout first on the path
CHILD = """
import json, sys, tempfile
from pathlib import Path
from bench.legal_corpus import LegalCorpus
from bench.native_writes import write_once
docs = list(LegalCorpus(int(sys.argv[1]), mix=sys.argv[2]))
with tempfile.TemporaryDirectory(prefix="native-writer-ab-") as tmp:
    write_once(docs[:300], (True, True), Path(tmp), False)
    print(json.dumps(write_once(docs, (True, True), Path(tmp), False)))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before-python", required=True)
    parser.add_argument("--after-python", required=True)
    parser.add_argument("--before", type=Path, default=HERE.parents[1])
    parser.add_argument("--after", type=Path, default=HERE.parents[1])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--size", type=int, default=4000)
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    sides = {
        "before": (args.before_python, args.before.resolve()),
        "after": (args.after_python, args.after.resolve()),
    }
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    ratios: list[float] = []
    loads: list[float] = []
    for round_ in range(args.rounds):
        # every other round the 'after' build first: a side always second ran some 7%
        # slower (two builds of the same code, measured so)
        order = list(sides.items())
        for name, (python, checkout) in order[:: -1 if round_ % 2 else 1]:
            command = [python, "-c", CHILD, str(args.size), args.mix]
            env = {**os.environ, "PYTHONPATH": str(checkout)}
            out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            found = json.loads(out.stdout.strip().splitlines()[-1])
            found["tantivy_us"] = found["cpu_us"] - found["main_us"]
            runs[name].append(found)
            loads.append(os.getloadavg()[0])
        ratios.append(runs["after"][-1]["tantivy_us"] / runs["before"][-1]["tantivy_us"])
        shown = {name: round(found[-1]["tantivy_us"], 1) for name, found in runs.items()}
        print(f"round {round_ + 1}: Tantivy's µs per document {shown}", flush=True)
    print(
        f"\nload {min(loads):.1f}-{max(loads):.1f}; µs per document, medians of "
        f"{args.rounds} rounds ({args.mix} mix, {args.size} documents)"
    )
    print(f"{'':12} {'before':>9} {'after':>9} {'after/before':>13}")
    table = {}
    for who in ("tantivy_us", "main_us", "cpu_us", "wall_us"):
        before = statistics.median(r[who] for r in runs["before"])
        after = statistics.median(r[who] for r in runs["after"])
        table[who] = {"before": before, "after": after}
        print(f"{who:12} {before:>9.1f} {after:>9.1f} {after / before:>13.3f}")
    print(f"Tantivy's CPU, median of the rounds' after/before: {statistics.median(ratios):.3f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    summary = {"loads": loads, "table": table, "ratios": ratios, "runs": runs}
    args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
