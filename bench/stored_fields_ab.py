"""Two interpreters' native search (old and new builds of ``abierto_native``), the CPU of
the calling thread per answer, alternated in one run.

Usage: python bench/stored_fields_ab.py --data DIR --old PYTHON --new PYTHON [--runs 6]
       [--rounds 15] [--json PATH]

The calling thread reads the page's stored documents and makes their highlights (the
matching and the facets are shared with the search threads): this measures that thread
alone (``time.thread_time``). Each run is a fresh process of one interpreter (its own
venv, its own build), the order alternating run by run so both meet the same load. A run
asks the store of ``DIR`` ``bench/search.py``'s mix once (fresh questions, as
``bench/native_parts.py`` does), keeps its native calls and asks each again ``--rounds``
times as: ``full`` (the answer, highlights made natively), ``texts`` (the hits' texts
handed back, no highlights) and ``payloads`` (the hits' payloads alone). Printed: the
median over runs of each run's mean (over the mix) of the per-question median, old
against new, the ratio, the load; and whether every answer (payloads, scores, texts,
highlights, totals, facets) was the same in both. JSON to
``bench/results/stored_fields_ab.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

RESULTS = REPO / "bench" / "results" / "stored_fields_ab.json"
MEASURES = ("full", "texts", "payloads")


def _variant(call: tuple[Any, ...], measure: str) -> tuple[Any, ...]:
    """``NativeReader.search``'s arguments for ``measure`` (see ``native_parts.Call``)."""
    if measure == "texts":
        return (*call[:7], True, None, call[9])
    if measure == "payloads":
        return (*call[:7], False, None, call[9])
    return call


def worker(data: Path, rounds: int) -> dict[str, Any]:
    """One build's mean calling-thread CPU ms per answer, and a digest of its answers."""
    from bench.native_parts import recorded
    from config.settings import Settings
    from indexer.library import Library
    from indexer.stores import tantivy_native as native

    library = Library.open(Settings(data_dir=data))
    digest = hashlib.sha256()
    try:
        calls = recorded(library)
        for reader, call in calls:
            for measure in MEASURES:
                answer = native.NativeReader.search(reader, *_variant(call, measure))
                digest.update(repr(answer).encode())
        spent: dict[str, list[list[float]]] = {m: [[] for _ in calls] for m in MEASURES}
        for _ in range(rounds):
            for n, (reader, call) in enumerate(calls):
                for measure in MEASURES:
                    asked = _variant(call, measure)
                    began = time.thread_time()
                    native.NativeReader.search(reader, *asked)
                    spent[measure][n].append(1000 * (time.thread_time() - began))
    finally:
        library.close()
    means = {m: statistics.fmean(statistics.median(ms) for ms in spent[m]) for m in MEASURES}
    return {"ms": means, "answers": digest.hexdigest()}


def run_once(python: Path, data: Path, rounds: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = (
        "import json; from pathlib import Path; "
        "from bench.stored_fields_ab import worker; "
        f"print(json.dumps(worker(Path({str(data)!r}), {rounds})))"
    )
    done = subprocess.run(
        [str(python), "-c", code], env=env, capture_output=True, text=True, check=True, cwd=REPO
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True, help="the old build's python")
    parser.add_argument("--new", type=Path, required=True, help="the new build's python")
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    builds = {"old": args.old, "new": args.new}
    load_before = os.getloadavg()[0]
    measured: dict[str, list[dict[str, Any]]] = {name: [] for name in builds}
    for run in range(args.runs):
        for name in list(builds) if run % 2 == 0 else list(builds)[::-1]:
            measured[name].append(run_once(builds[name], args.data, args.rounds))
    load_after = os.getloadavg()[0]
    medians = {
        name: {m: statistics.median(r["ms"][m] for r in runs) for m in MEASURES}
        for name, runs in measured.items()
    }
    digests = {r["answers"] for runs in measured.values() for r in runs}
    print(f"calling thread CPU ms per answer (mean over the mix, median of {args.runs} runs)")
    print(f"{'':12}{'old':>9}{'new':>9}{'new/old':>9}")
    for measure in MEASURES:
        old, new = medians["old"][measure], medians["new"][measure]
        print(f"{measure:12}{old:>9.3f}{new:>9.3f}{new / old if old else 0:>9.2f}")
    print(f"same answers in every run: {len(digests) == 1}")
    print(f"load average before {load_before:.2f}, after {load_after:.2f}")
    from bench.results import keep

    entry = {
        "medians": medians,
        "runs": measured,
        "same_answers": len(digests) == 1,
        "load_average": [load_before, load_after],
    }
    keep(args.json, args.data.name, entry)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
