"""``bench/write.py`` under two checkouts, alternately in one run: the CPU per document
of the main thread (the library's Python: saving, citations, the index's entries),
of Tantivy's threads and of the whole process, and the wall clock's documents/s (the
load's more than the code's), medians of the rounds.

Usage: python bench/write_ab.py --before CHECKOUT [--rounds 3] [--size 4000]
                                [--mix real] [--paths crawl] [--make-in-loop]
                                [--before-python PYTHON] [--after-python PYTHON]
                                [--store engine [--warm N] [--reader]]

Each run is the checkout's ``bench/write.py`` (it puts its own checkout first on the
path), which must be this one's (copy it there first): documents made before the clocks
start, unless ``--make-in-loop``. A change to the native extension is measured with each
checkout's own interpreter (``--before-python /work/main/.venv/bin/python``, ``--after-python
.venv/bin/python``): each venv holds the extension built from its checkout.
``--store engine``: PostgreSQL and OpenSearch started by each run (``--warm`` documents
first, unmeasured; ``--reader``: the index searched meanwhile), the CPU per document of
the engine's JVM (its JIT compiler threads apart) and of PostgreSQL reported too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
RESULTS = HERE.parent / "results" / "write_ab.json"


def costs(entry: dict[str, Any], path: str) -> dict[str, float]:
    """A run's ms of CPU per document: the main thread, Tantivy's, the process; and its
    documents/s by the wall clock."""
    found = entry[path] if path == "crawl" else entry[path]["save"]
    tenths = found["tenths"]
    by = [t["cpu_s_per_1k_by"] for t in tenths]
    whole = entry[path]["flush"] if path == "index" and "flush" in entry[path] else found
    return {
        "main": statistics.fmean(t["main"] for t in by),
        "tantivy": statistics.fmean(t["indexing"] + t["merging"] + t["other"] for t in by),
        "process": found["cpu_s_per_1k"]["python"],
        # an engine's services (none for the embedded store): their CPU per document
        "engine": whole["cpu_s_per_1k"].get("engine", 0.0),
        "database": whole["cpu_s_per_1k"].get("database", 0.0),
        "docs_per_s": found["docs_per_s"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", type=int, default=4000)
    parser.add_argument("--mix", default="real", choices=["3k", "real"])
    parser.add_argument("--paths", default="crawl", choices=["crawl", "index"])
    parser.add_argument("--make-in-loop", action="store_true")
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--before-python", default=sys.executable)
    parser.add_argument("--after-python", default=sys.executable)
    parser.add_argument("--store", default="embedded", choices=["embedded", "engine"])
    parser.add_argument("--warm", type=int, default=0)
    parser.add_argument("--reader", action="store_true")
    args = parser.parse_args()
    checkouts = {"before": args.before.resolve(), "after": HERE.parents[1]}
    pythons = {"before": args.before_python, "after": args.after_python}
    ours = (HERE.parent / "write.py").read_bytes()
    theirs = checkouts["before"] / "bench" / "write.py"
    if not theirs.is_file() or theirs.read_bytes() != ours:
        raise SystemExit(f"copy bench/write.py into {theirs.parent} first (the same bench)")
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    loads: list[float] = []
    with tempfile.TemporaryDirectory(prefix="write-ab-") as tmp:
        for round_ in range(args.rounds):
            for name, checkout in checkouts.items():
                out = Path(tmp) / f"{name}-{round_}.json"
                bench = checkout / "bench" / "write.py"
                command = [pythons[name], str(bench), "--size", str(args.size)]
                command += ["--mix", args.mix, "--paths", args.paths, "--json", str(out)]
                command += ["--make-in-loop"] if args.make_in_loop else []
                command += ["--store", args.store, "--warm", str(args.warm)]
                command += ["--reader"] if args.reader else []
                env = {**os.environ, "PYTHONPATH": str(checkout)}
                subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
                entry = next(iter(json.loads(out.read_text()).values()))
                runs[name].append(costs(entry, args.paths))
                loads.append(os.getloadavg()[0])
                print(f"round {round_ + 1}: {name} {runs[name][-1]}", flush=True)
    print(
        f"\nload {min(loads):.1f}-{max(loads):.1f}; ms of CPU per document, medians of "
        f"{args.rounds} rounds ({args.mix} mix, {args.size} documents, {args.paths})"
    )
    print(f"{'':10} {'before':>9} {'after':>9} {'after/before':>13}")
    table = {}
    for who in ("main", "tantivy", "process", "engine", "database", "docs_per_s"):
        before = statistics.median(r[who] for r in runs["before"])
        after = statistics.median(r[who] for r in runs["after"])
        table[who] = {"before": before, "after": after}
        ratio = f"{after / before:>13.2f}" if before else f"{'':>13}"
        print(f"{who:10} {before:>9.3f} {after:>9.3f} {ratio}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"loads": loads, "table": table, "runs": runs}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
