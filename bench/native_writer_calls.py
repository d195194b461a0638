"""The main thread's CPU per ``NativeWriter.replace_document`` call (the crossing into Rust:
the arguments read, the document made, handed to the indexing thread), two builds of the
extension alternately, on the same documents; and the same calls without the text or
without the filter values, to show what the call spends on each.

Usage: python bench/native_writer_calls.py --before-python PYTHON --after-python PYTHON
                                           [--rounds 5] [--size 3000] [--json PATH]

Each interpreter is a venv holding the extension built from its checkout (``make
install``; e.g. ``/work/main/.venv/bin/python`` and this checkout's ``.venv/bin/python``);
each run is a child that prepares ``--size`` documents of ``bench/legal_corpus.py`` (3k
mix) as the store does (``tantivy_entry.replacement``), then times, with the main
thread's clock, the calls alone (each variant twice, each time into a fresh folder, its
writer let go without a commit; the lesser of the two kept: the first calls of a process
also pay for its memory's first touch; Tantivy's threads are not measured here,
``bench/native_writer_ab.py`` measures them). Medians of the rounds and the median of
each round's after/before.
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
RESULTS = HERE.parent / "results" / "native_writer_calls.json"
# run by each interpreter, this checkout first on the path (the extension is the venv's)
CHILD = """
import json, sys, tempfile, time
from pathlib import Path
from bench.legal_corpus import LegalCorpus
from indexer.stores.documents import citation_keys
from indexer.stores.tantivy_entry import prepare, replacement
from indexer.stores.tantivy_store import TantivyStore
docs = list(LegalCorpus(int(sys.argv[1]), mix="3k"))
full = [replacement(d, prepare(d, pairs=False), citation_keys(d), d.cited_by_count) for d in docs]
variants = {
    "full": full,
    "no text": [(*r[:2], "", *r[3:]) for r in full],
    "no filters": [(*r[:4], [], *r[5:]) for r in full],
}
found = {}
with tempfile.TemporaryDirectory(prefix="native-writer-calls-") as tmp:
    warm = TantivyStore(Path(tmp) / "warm")
    warm.acquire()
    for r in full[:300]:
        warm._writer.replace_document(*r)
    warm.abort()
    for twice in range(2):
        for name, calls in variants.items():
            store = TantivyStore(Path(tmp) / f"{twice}-{name.replace(' ', '-')}")
            store.acquire()
            writer = store._writer
            began = time.thread_time()
            for r in calls:
                writer.replace_document(*r)
            spent = (time.thread_time() - began) / len(calls) * 1e6
            found[name] = min(spent, found.get(name, spent))
            store.abort()
print(json.dumps(found))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before-python", required=True)
    parser.add_argument("--after-python", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    pythons = {"before": args.before_python, "after": args.after_python}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in pythons}
    loads: list[float] = []
    env = {**os.environ, "PYTHONPATH": str(HERE.parents[1])}
    for round_ in range(args.rounds):
        order = list(pythons.items())
        for name, python in order[:: -1 if round_ % 2 else 1]:
            command = [python, "-c", CHILD, str(args.size)]
            out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            runs[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
            loads.append(os.getloadavg()[0])
        shown = {name: round(found[-1]["full"], 1) for name, found in runs.items()}
        print(f"round {round_ + 1}: main thread's µs per call {shown}", flush=True)
    print(
        f"\nload {min(loads):.1f}-{max(loads):.1f}; main thread's µs per call, medians of "
        f"{args.rounds} rounds (3k mix, {args.size} documents)"
    )
    print(f"{'':12} {'before':>9} {'after':>9} {'after/before':>13} {'paired':>7}")
    table = {}
    for variant in runs["before"][0]:
        before = statistics.median(r[variant] for r in runs["before"])
        after = statistics.median(r[variant] for r in runs["after"])
        paired = statistics.median(
            a[variant] / b[variant] for a, b in zip(runs["after"], runs["before"], strict=True)
        )
        table[variant] = {"before": before, "after": after, "paired": paired}
        print(f"{variant:12} {before:>9.1f} {after:>9.1f} {after / before:>13.3f} {paired:>7.3f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"loads": loads, "table": table, "runs": runs}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
