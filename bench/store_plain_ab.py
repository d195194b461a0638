"""The CPU of a fresh ``Library.search_plain`` answer (what ``GET /v1/search`` asks of
the store), two checkouts in turn on one data folder.

Usage: python bench/store_plain_ab.py --data DIR --base CHECKOUT [--turns 6] [--rounds 10]

Each turn runs one child process per checkout (the order alternating: on a shared
machine both meet the same load), which asks ``bench/search.py``'s mix ``--rounds``
times, each question fresh (an end date past every document, a day earlier each time:
no kept answer or count serves it), after a warm-up round. A child reports its asking
thread's CPU per answer outside the native search (``NativeReader.search`` timed: the
store's Python), the asking thread's (the native search's part run in it too) and its
process's (every thread). Printed: the medians over the turns, and the
ratio new/old; JSON goes to ``bench/results/store_plain_ab.json``.
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
RESULTS = REPO / "bench" / "results" / "store_plain_ab.json"
# the asking thread's CPU outside the native search (the store's Python), the asking
# thread's, the process's (every thread)
WHAT = ("python", "thread", "process")

CHILD = r"""
import datetime as dt, itertools, json, sys, time
sys.path.insert(0, sys.argv[1])
from bench.search import MIX
from config.settings import Settings
from indexer.library import Library
from indexer.stores import tantivy_native
native = [0.0]
inner = tantivy_native.NativeReader.search
def timed(*args, **kwargs):
    began = time.thread_time()
    try:
        return inner(*args, **kwargs)
    finally:
        native[0] += time.thread_time() - began
tantivy_native.NativeReader.search = timed
library = Library.open(Settings(data_dir=sys.argv[2]))
rounds = int(sys.argv[3])
fresh = itertools.count(time.time_ns() // 1000 % 10**9 * 10)
def day():
    return dt.date(2261, 12, 31) - dt.timedelta(days=next(fresh) % 59_168)
def asked():
    return [q.model_copy(update={"date_to": day()}) for _, q in MIX]
for q in asked():
    library.search_plain(q)
thread, process, python = [], [], []
for _ in range(rounds):
    qs = asked()
    native[0] = 0.0
    t, p = time.thread_time(), time.process_time()
    for q in qs:
        library.search_plain(q)
    spent = time.thread_time() - t
    thread.append(1000 * spent / len(qs))
    process.append(1000 * (time.process_time() - p) / len(qs))
    python.append(1000 * (spent - native[0]) / len(qs))
library.close()
print(json.dumps({"thread": thread, "process": process, "python": python}))
"""


def run(repo: Path, data: Path, rounds: int) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(repo)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(repo), str(data), str(rounds)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--turns", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    repos = {"old": args.base.resolve(), "new": REPO}
    seen: dict[str, dict[str, list[float]]] = {n: {w: [] for w in WHAT} for n in repos}
    loads = []
    for turn in range(args.turns):
        order = list(repos) if turn % 2 == 0 else list(reversed(repos))
        for name in order:
            got = run(repos[name], args.data, args.rounds)
            for what in WHAT:
                seen[name][what].extend(got[what])
        loads.append(float(Path("/proc/loadavg").read_text().split()[0]))
    table = {
        name: {what: round(statistics.median(v), 3) for what, v in got.items()}
        for name, got in seen.items()
    }
    print(
        f"fresh search_plain answers, CPU ms per answer (medians of {args.turns} turns x "
        f"{args.rounds} rounds); load {min(loads)}-{max(loads)}"
    )
    print(f"  {'':8s} {'store Python':>13s} {'asking thread':>14s} {'process':>10s}")
    ratio = {w: round(table["new"][w] / table["old"][w], 3) for w in WHAT}
    diff = {w: round(table["new"][w] - table["old"][w], 3) for w in WHAT}
    rows = [*((name, table[name]) for name in repos), ("new/old", ratio), ("new-old", diff)]
    for name, row in rows:
        print(f"  {name:8s} {row['python']:13.3f} {row['thread']:14.3f} {row['process']:10.3f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"table": table, "ratio": ratio, "loads": loads}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
