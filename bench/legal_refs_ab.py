"""What spelling legal references every way (``indexer.query.typed``, the case-type, law
and title groups of ``indexer.query.abbreviations``) costs a search: one checkout against
another, on one embedded index, round after round alternating old and new.

Usage: python bench/legal_refs_ab.py --index DIR --base CHECKOUT [--rounds 7] [--json PATH]

``DIR`` is an embedded (Tantivy) index folder, searched read-only; ``CHECKOUT`` another
copy of the project (a detached ``git worktree`` of the merge branch). Each round starts a
fresh process per side, which opens the index, asks the mix once to warm it, then asks it
``--repeat`` times, each with another end date past every document (no kept answer is
reused), and reports per query the median CPU time (``time.process_time``: the
machine is shared) of parse + search with highlights, and the hits' total. Printed: per
query the medians over the rounds, old and new, and their ratio; the load (``uptime``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

MIX = [
    "daño moral",
    '"pensión alimenticia"',
    "amparo",
    "1234/2023",
    "ADR 1234/2023",
    "987/2020",
    '"amparo directo en revisión 1234/2023"',
    "art. 14",
    "LFT despido",
    '"Código Penal Federal"',
    "Mtra. López",
    "1234000",
    "socio-económico",
    "2023",
]

WORKER = r"""
import json, statistics, sys, time
from pathlib import Path
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore
index, repeat, mix = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
import datetime as dt, itertools
store = TantivyStore(Path(index))
days = itertools.count()
def ask(q):
    # a day earlier each time: never an answer kept from before (every document is older)
    end = dt.date(2099, 1, 1) - dt.timedelta(days=next(days))
    return store.search(SearchQuery(q=q, limit=10, date_to=end)).total
totals = {q: ask(q) for q in mix}
out = {}
for q in mix:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        ask(q)
        times.append(time.process_time() - start)
    out[q] = {"cpu_ms": statistics.median(times) * 1000, "total": totals[q]}
print(json.dumps(out))
"""


def _round(checkout: Path, index: str, repeat: int) -> dict[str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, index, str(repeat), json.dumps(MIX)],
        env=env, cwd=checkout, capture_output=True, text=True, check=True, timeout=1800,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", required=True)
    parser.add_argument("--base", required=True, type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/legal_refs_ab.json")
    args = parser.parse_args()
    sides = {"old": args.base, "new": REPO}
    runs: dict[str, list[dict[str, dict[str, float]]]] = {"old": [], "new": []}
    for n in range(args.rounds):
        order = ["old", "new"] if n % 2 == 0 else ["new", "old"]
        for side in order:
            runs[side].append(_round(sides[side], args.index, args.repeat))
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"load: {load}")
    print(f"{'query':42} {'old ms':>8} {'new ms':>8} {'ratio':>6} {'hits old':>9} {'new':>7}")
    table = []
    for q in MIX:
        old = statistics.median(r[q]["cpu_ms"] for r in runs["old"])
        new = statistics.median(r[q]["cpu_ms"] for r in runs["new"])
        hits = (runs["old"][0][q]["total"], runs["new"][0][q]["total"])
        ratio = new / old if old else float("nan")
        print(f"{q:42} {old:8.2f} {new:8.2f} {ratio:6.2f} {hits[0]:9} {hits[1]:7}")
        table.append({"q": q, "old_ms": old, "new_ms": new, "hits": hits})
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"load": load, "rounds": args.rounds, "queries": table}))


if __name__ == "__main__":
    main()
