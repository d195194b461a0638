"""What a question's highlights cost before its first hit: two builds of the extension
(two virtualenvs' interpreters) asked the mix's native calls for one hit, with and without
highlights, in turn.

Usage: python bench/highlight_fixed.py --data DIR --old-python PY [--new-python PY]
                                       [--rounds 3] [--repeat 15] [--json PATH]

Each interpreter runs a worker (this checkout's Python, its own ``abierto_native``): the
store answers ``bench/search.py``'s mix once as fresh questions (``bench/native_parts.py``'s
``recorded``), then each call is asked ``--repeat`` times for one hit (``limit 1``) with
its highlights (``marks``) and as many times without them (no marks, no text). Measured:
the process CPU per call, median per question; the difference is what the highlighter
costs per question whatever the number of hits (reading its spec, its snippet generator's
terms, its finders and patterns). The builds run alternately, ``--rounds`` times each;
printed are the medians per category with the machine's load (it is shared). JSON goes
to ``bench/results/highlight_fixed.json``.
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
import time  # noqa: E402

from bench.results import keep  # noqa: E402

RESULTS = REPO / "bench" / "results" / "highlight_fixed.json"


def worker(data: Path, repeat: int) -> dict[str, list[float]]:
    """{category: [CPU ms of the highlights per call at limit 1, per question]}."""
    from bench.native_parts import recorded
    from bench.search import MIX
    from config.settings import Settings
    from indexer.library import Library
    from indexer.stores import tantivy_native as native

    def cpu(reader: native.NativeReader, call: tuple) -> float:
        spent = []
        for _ in range(repeat):
            began = time.process_time()
            native.NativeReader.search(reader, *call)
            spent.append(time.process_time() - began)
        return 1000 * statistics.median(spent)

    library = Library.open(Settings(data_dir=data))
    try:
        out: dict[str, list[float]] = {}
        for (category, _), (reader, call) in zip(MIX, recorded(library), strict=True):
            one = (call[0], call[1], 1, *call[3:])
            bare = (*one[:7], False, None, one[9])
            out.setdefault(category, []).append(cpu(reader, one) - cpu(reader, bare))
        return out
    finally:
        library.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old-python")
    parser.add_argument("--new-python", default=sys.executable)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.data, args.repeat)))
        return 0
    if not args.old_python:
        parser.error("--old-python is required")
    builds = {"old": args.old_python, "new": args.new_python}
    runs: dict[str, list[dict[str, list[float]]]] = {name: [] for name in builds}
    load_before = os.getloadavg()[0]
    for round_ in range(args.rounds):
        for name in list(builds) if round_ % 2 == 0 else list(builds)[::-1]:
            command = [builds[name], __file__, "--worker", "--data", str(args.data)]
            command += ["--repeat", str(args.repeat)]
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    load_after = os.getloadavg()[0]
    table: dict[str, dict[str, float]] = {}
    for category in runs["old"][0]:
        table[category] = {
            name: round(statistics.median(ms for run in runs[name] for ms in run[category]), 3)
            for name in builds
        }
    print(f"load average before {load_before:.2f}, after {load_after:.2f}")
    print("CPU ms of the highlights per call, one hit (median of the category's questions)")
    print(f"{'category':<15} {'old ms':>8} {'new ms':>8}")
    for category, row in table.items():
        print(f"{category:<15} {row['old']:>8.2f} {row['new']:>8.2f}")
    keep(
        args.json,
        str(args.data),
        {
            "builds": builds,
            "rounds": args.rounds,
            "repeat": args.repeat,
            "load": [load_before, load_after],
            "medians": table,
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
