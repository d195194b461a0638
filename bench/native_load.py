"""The native search's CPU per call under load, per category: two builds of the extension
(two virtualenvs' interpreters) asked the same fresh calls from many threads, in turn.

Usage: python bench/native_load.py --data DIR --old-python PY [--new-python PY]
                                   [--threads 1,8] [--rounds 3] [--seconds 3] [--json PATH]

Each interpreter runs a worker (this checkout's Python, its own ``abierto_native``): the
store answers ``bench/search.py``'s mix once as fresh questions (``bench/native_parts.py``'s
``recorded``), then each category's native calls are asked again and again from
``--threads`` threads at once for ``--seconds``. Measured: the process CPU per call (the
executor's threads too) and the calls per second. The two builds run alternately,
``--rounds`` times each, and the medians are printed with the machine's load (it is shared;
CPU per call is what the load changes least). JSON goes to ``bench/results/``.
``--cold``: the new build a third time with its exact phrases' kept matches and its
prefixes' kept documents off (``abierto_native.phrase_cache(0)``, ``prefix_cache(0)``,
``native/src/plan/cached.rs``, ``prefix.rs``): the cost of a phrase or prefix asked for the
first time, where ``new`` reads again what the first call kept.
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
import threading  # noqa: E402
import time  # noqa: E402

from bench.results import keep  # noqa: E402

RESULTS = REPO / "bench" / "results" / "native_load.json"


def worker(data: Path, threads: list[int], seconds: float) -> dict:
    """{threads: {category: (CPU ms per call, calls per second)}} of this interpreter."""
    from bench.native_parts import recorded
    from bench.search import MIX
    from config.settings import Settings
    from indexer.library import Library
    from indexer.stores import tantivy_native as native

    if os.environ.get("NATIVE_LOAD_PHRASE_CACHE") == "0":
        import abierto_native

        abierto_native.phrase_cache(0)
        if hasattr(abierto_native, "prefix_cache"):
            abierto_native.prefix_cache(0)
    library = Library.open(Settings(data_dir=data))
    try:
        calls = [(c, call) for (c, _), call in zip(MIX, recorded(library), strict=True)]
        categories = list(dict.fromkeys(c for c, _ in calls))
        out: dict = {}
        for count in threads:
            out[str(count)] = {}
            for category in categories:
                mine = [call for c, call in calls if c == category]
                asked = [0] * count
                end = time.monotonic() + seconds

                def ask(
                    slot: int, mine: list = mine, end: float = end, asked: list = asked
                ) -> None:
                    while time.monotonic() < end:
                        for reader, call in mine:
                            native.NativeReader.search(reader, *call)
                            asked[slot] += 1

                began, cpu = time.monotonic(), time.process_time()
                running = [threading.Thread(target=ask, args=(i,)) for i in range(count)]
                for thread in running:
                    thread.start()
                for thread in running:
                    thread.join()
                spent, took = time.process_time() - cpu, time.monotonic() - began
                total = sum(asked)
                out[str(count)][category] = (1000 * spent / total, total / took)
        return out
    finally:
        library.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old-python")
    parser.add_argument("--new-python", default=sys.executable)
    parser.add_argument("--threads", default="1,8")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument(
        "--cold", action="store_true", help="the new build without kept phrases, prefixes"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    threads = [int(n) for n in args.threads.split(",")]
    if args.worker:
        print(json.dumps(worker(args.data, threads, args.seconds)))
        return 0
    if not args.old_python:
        parser.error("--old-python is required")
    builds = {"old": args.old_python, "new": args.new_python}
    if args.cold:
        builds["cold"] = args.new_python
    runs: dict[str, list[dict]] = {name: [] for name in builds}
    load_before = os.getloadavg()[0]
    for round_ in range(args.rounds):
        order = list(builds) if round_ % 2 == 0 else list(builds)[::-1]
        for name in order:
            command = [builds[name], __file__, "--worker", "--data", str(args.data)]
            command += ["--threads", args.threads, "--seconds", str(args.seconds)]
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            if name == "cold":
                env["NATIVE_LOAD_PHRASE_CACHE"] = "0"
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    load_after = os.getloadavg()[0]
    table: dict = {}
    for count in map(str, threads):
        table[count] = {}
        for category in runs["old"][0][count]:
            row = {}
            for name in builds:
                cpu = statistics.median(r[count][category][0] for r in runs[name])
                rate = statistics.median(r[count][category][1] for r in runs[name])
                row[name] = {"cpu_ms_per_call": round(cpu, 3), "calls_per_s": round(rate, 1)}
            table[count][category] = row
    print(f"load average before {load_before:.2f}, after {load_after:.2f}")
    header = f"{'threads':>7} {'category':<15} {'old ms':>8} {'new ms':>8} {'change':>7}"
    cold = " cold ms  change" if args.cold else ""
    print(header + f" {'old /s':>8} {'new /s':>8}" + cold)
    for count, rows in table.items():
        for category, row in rows.items():
            old, new = row["old"], row["new"]
            change = 100 * (new["cpu_ms_per_call"] / old["cpu_ms_per_call"] - 1)
            print(
                f"{count:>7} {category:<15} {old['cpu_ms_per_call']:>8.2f}"
                f" {new['cpu_ms_per_call']:>8.2f} {change:>6.1f}%"
                f" {old['calls_per_s']:>8.1f} {new['calls_per_s']:>8.1f}",
                end="",
            )
            if args.cold:
                first = row["cold"]["cpu_ms_per_call"]
                print(f" {first:>8.2f} {100 * (first / old['cpu_ms_per_call'] - 1):>6.1f}%", end="")
            print()
    keep(
        args.json,
        f"{args.data} threads {args.threads}",
        {
            "data": str(args.data),
            "builds": builds,
            "rounds": args.rounds,
            "seconds": args.seconds,
            "load": [load_before, load_after],
            "medians": table,
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
