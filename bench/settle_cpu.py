"""CPU of one settlement of the read limits' shared counters, two checkouts alternating.

Usage: python bench/settle_cpu.py [--against REV | --base CHECKOUT] [--runs 6]
                                 [--settlements 200] [--buckets 1] [--json PATH]

Every API process counts reads in memory and adds them to the database's counters in a
short transaction (``api.readlimit.counter.SharedCounter.settle``): every 50 reads of a
bucket or every half second, off the event loop but in the same process, so its CPU is
part of what an answer costs. Each run is a process of one checkout (this one, then the
base: a revision of this repository copied to a temporary folder, or another checkout)
that settles ``--settlements`` times on a SQLite database of its own (WAL, as
``counter_engine`` opens it), one read counted in each of ``--buckets`` buckets before
each, and prints its thread CPU per settlement; the checkouts alternate ``--runs`` times
and the medians are printed. CPU time is what the machine's load changes least; still
say the load (printed). JSON goes to ``bench/results/settle_cpu.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

from bench.results import keep  # noqa: E402

RESULTS = REPO / "bench" / "results" / "settle_cpu.json"

# run in the checkout measured, which is first on its path: its own counter and upsert
_ONE_RUN = """
import json, sys, time
from api.readlimit.counter import SharedCounter
from indexer.db.access_tables import RateLimitRow
from indexer.db.rate_limits import counter_engine
url, settlements, buckets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
engine = counter_engine(url)
RateLimitRow.__table__.create(engine, checkfirst=True)
counter = SharedCounter(engine, 0.5, 50)
names = [f"addr:10.0.{n // 250}.{n % 250}" for n in range(buckets)]
for warm in range(20):
    for name in names:
        counter.hit(name, 10**9)
    counter.settle()
spent = 0.0
for _ in range(settlements):
    for name in names:
        counter.hit(name, 10**9)
    began = time.thread_time()
    counter.settle()
    spent += time.thread_time() - began
engine.dispose()
print(json.dumps({"ms": 1000 * spent / settlements}))
"""


def one_run(checkout: Path, folder: Path, settlements: int, buckets: int) -> float:
    """Thread CPU per settlement, in ms, of ``checkout``'s counter (a process of its own
    on a new database in ``folder``)."""
    database = folder / f"counters-{len(list(folder.iterdir()))}.sqlite"
    env = os.environ | {"PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, "-c", _ONE_RUN, f"sqlite:///{database}", str(settlements), str(buckets)],
        cwd=checkout, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])["ms"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    other = parser.add_mutually_exclusive_group(required=True)
    other.add_argument("--against", help="a revision of this repository, copied to run")
    other.add_argument("--base", type=Path, help="another checkout")
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--settlements", type=int, default=200)
    parser.add_argument("--buckets", type=int, default=1)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        base = args.base
        if args.against:
            base = scratch / "base"
            base.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(REPO), "archive", args.against],
                capture_output=True, check=True,
            )  # fmt: skip
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
        databases = scratch / "databases"
        databases.mkdir()
        checkouts = {"base": base.resolve(), "this": REPO}
        spent: dict[str, list[float]] = {name: [] for name in checkouts}
        for run in range(args.runs):
            order = list(checkouts) if run % 2 == 0 else list(checkouts)[::-1]
            for name in order:
                spent[name].append(
                    one_run(checkouts[name], databases, args.settlements, args.buckets)
                )
    load_after = os.getloadavg()
    summary = {
        name: {
            "median_ms": round(statistics.median(values), 3),
            "runs_ms": [round(v, 3) for v in values],
        }
        for name, values in spent.items()
    }
    ratio = summary["this"]["median_ms"] / summary["base"]["median_ms"]
    summary["ratio"] = round(ratio, 3)
    summary["load_average"] = {"before": load_before, "after": load_after}
    print(f"{'CPU ms per settlement':24}{'median':>10}   runs")
    for name in checkouts:
        runs = " ".join(f"{v:.3f}" for v in summary[name]["runs_ms"])
        print(f"{name:24}{summary[name]['median_ms']:10.3f}   {runs}")
    each = f"{args.buckets} bucket(s), {args.settlements} settlements a run"
    print(f"this / base: {ratio:.2f}; {each}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    keep(args.json, f"{args.against or args.base}-{args.buckets}", summary)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
