"""Two builds of the native extension's highlights, old and new, alternated in one run.

Usage: python bench/highlight_native_ab.py --data DIR --old LIB --new LIB [--runs 6]
       [--rounds 20] [--json PATH]

``LIB`` is a folder holding an ``abierto_native`` package (a build's ``.so`` beside its
``__init__.py``); each run imports one of them in a fresh process (two builds of one
module never share a process), the order alternating run by run so both meet the same
load. A run asks the store of ``DIR`` ``bench/search.py``'s mix once (fresh facets, as
``bench/native_parts.py`` does) and keeps its native calls and its hits' texts, then
measures per question, ``--rounds`` times: ``highlights`` (the highlights of the page's
20 texts alone, no search), ``full`` (the native search with highlights) and ``no
highlights`` (the same call without). Printed: the medians over runs of each run's mean
CPU ms per page over the mix, old against new, with the ratio and the load. JSON to
``bench/results/highlight_native_ab.json``.
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

RESULTS = REPO / "bench" / "results" / "highlight_native_ab.json"
MEASURES = ("highlights", "full", "no highlights")


def worker(data: Path, rounds: int) -> dict[str, float]:
    """One build's mean CPU ms per page over the mix (medians per question first)."""
    from bench.native_parts import recorded
    from config.settings import Settings
    from indexer.library import Library
    from indexer.stores import tantivy_native as native

    library = Library.open(Settings(data_dir=data))
    try:
        asked = []
        for reader, call in recorded(library):
            _, _, hits = native.NativeReader.search(reader, *call[:7], True, None, call[9])
            texts = [text for _, _, text in hits if isinstance(text, str)]
            asked.append((reader, call, texts))
        spent: dict[str, list[list[float]]] = {m: [[] for _ in asked] for m in MEASURES}
        for _ in range(rounds):
            for n, (reader, call, texts) in enumerate(asked):
                for measure in MEASURES:
                    began = time.process_time()
                    if measure == "highlights":
                        if call[8]:
                            reader.at(call[0]).highlights(call[8], texts)
                    elif measure == "full":
                        native.NativeReader.search(reader, *call)
                    else:
                        native.NativeReader.search(reader, *call[:7], False, None, call[9])
                    spent[measure][n].append(1000 * (time.process_time() - began))
    finally:
        library.close()
    return {m: statistics.fmean(statistics.median(ms) for ms in spent[m]) for m in MEASURES}


def run_once(lib: Path, data: Path, rounds: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": f"{lib}{os.pathsep}{REPO}"}
    code = (
        "import json, sys; from pathlib import Path; import abierto_native; "
        "from bench.highlight_native_ab import worker; "
        f"print(json.dumps(worker(Path({str(data)!r}), {rounds})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--new", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    builds = {"old": args.old, "new": args.new}
    load_before = os.getloadavg()[0]
    measured: dict[str, list[dict[str, float]]] = {name: [] for name in builds}
    for run in range(args.runs):
        for name in list(builds) if run % 2 == 0 else list(builds)[::-1]:
            measured[name].append(run_once(builds[name], args.data, args.rounds))
    load_after = os.getloadavg()[0]
    medians = {
        name: {m: statistics.median(r[m] for r in runs) for m in MEASURES}
        for name, runs in measured.items()
    }
    for medians_of in medians.values():
        medians_of["native highlight cost"] = medians_of["full"] - medians_of["no highlights"]
    print(f"CPU ms per page (mean over the mix, median of {args.runs} runs per build)")
    print(f"{'':24}{'old':>9}{'new':>9}{'new/old':>9}")
    for measure in (*MEASURES, "native highlight cost"):
        old, new = medians["old"][measure], medians["new"][measure]
        print(f"{measure:24}{old:>9.3f}{new:>9.3f}{new / old if old else 0:>9.2f}")
    print(f"load average before {load_before:.2f}, after {load_after:.2f}")
    from bench.results import keep

    entry = {"medians": medians, "runs": measured, "load_average": [load_before, load_after]}
    keep(args.json, args.data.name, entry)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
