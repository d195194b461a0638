"""Hostile texts' citation reading, old code against this checkout, alternately in one
run: the wall time of ``extract_citations`` on 2 MB texts with a character the Rust
scanner leaves to Python ("ß"), each made of one shape repeated where a citation might
start at every few characters and none does, and the keys found before the hostile part.

Usage: python bench/citation_hostile.py --before /path/to/old/checkout [--rounds 2]
                                        [--json PATH]

Each checkout runs as a child (its own ``PYTHONPATH``), one child per text, under a
guard of ``GUARD_S`` (a run past it is printed as over it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
RESULTS = HERE.parent / "results" / "citation_hostile.json"
GUARD_S = 60.0
SIZE = 2_000_000
LEAD = "Straße. Conforme al artículo 14 constitucional y al registro digital 2023456, "
# the shapes repeated: a slash after a word (case numbers, local electoral cases,
# claves), hyphens (a chamber's case), quotes (rubros), "tesis" (electoral tesis),
# "o." (circuit claves), "art" (articles), and all of them in turn
SHAPES = ("a/", "-", '"', "tesis ", "XX.2o.", "art ", 'a/-"tesis XX.2o.art ')

CHILD = """
import json, sys, time
from indexer.citations import extract_citations
lead, shape, size = json.loads(sys.argv[1])
text = lead + shape * ((size - len(lead)) // len(shape))
began = time.perf_counter()
keys = [c.key for c in extract_citations(text)]
print(json.dumps({"s": time.perf_counter() - began, "keys": sorted(set(keys))[:5]}))
"""


def run(checkout: Path, shape: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    argument = json.dumps([LEAD, shape, SIZE])
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, argument],
            cwd=checkout,  # ``-c`` puts the working directory first on the path
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=GUARD_S,
        )
    except subprocess.TimeoutExpired:
        return {"s": float("inf"), "keys": ["(over the guard)"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the old checkout")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    checkouts = {"before": args.before.resolve(), "after": HERE.parents[1]}
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {
        shape: {name: [] for name in checkouts} for shape in SHAPES
    }
    loads = []
    for _ in range(args.rounds):
        for shape in SHAPES:
            for name, checkout in checkouts.items():
                runs[shape][name].append(run(checkout, shape))
                loads.append(os.getloadavg()[0])
    print(f"load {min(loads):.1f}-{max(loads):.1f}; seconds of extract_citations on 2 MB, ")
    print(f"medians of {args.rounds} rounds; keys found (the text opens with two citations)")
    print(f"{'shape':24} {'before':>8} {'after':>8}  keys before | after")
    table = {}
    for shape, found in runs.items():
        before = statistics.median(r["s"] for r in found["before"])
        after = statistics.median(r["s"] for r in found["after"])
        keys = {name: found[name][-1]["keys"] for name in checkouts}
        table[shape] = {"before_s": before, "after_s": after, "keys": keys}
        print(
            f"{shape!r:24} {before:>8.2f} {after:>8.2f}  "
            f"{', '.join(keys['before'])} | {', '.join(keys['after'])}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"loads": loads, "table": table, "runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
