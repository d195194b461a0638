"""The native highlighter's cost with and without ``PassageFinder.short`` (a question of
telling and short words builds a second finder): old and new extensions alternating, one
run each, medians. Run as ``python bench/short_marks.py`` under each venv (``--label``),
or with ``--both OLD_PYTHON NEW_PYTHON`` to alternate them; writes JSON under
``bench/results/``."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTIONS = ["daño y moral", "el amparo no procede", "especializada no", "amparo"]
ROUNDS = 5


def measure() -> dict[str, float]:
    from indexer.highlight import passage_finder, plan, shown
    from indexer.query import parse_query
    from indexer.stores import SearchQuery
    from indexer.stores.tantivy_store import TantivyStore, marking
    from tests.stores.corpus import corpus

    store = TantivyStore(Path(tempfile.mkdtemp(prefix="hH-bench-")) / "index")
    store.upsert(corpus())
    store.search(SearchQuery(q="daño"))
    assert store._native is not None
    texts = [
        ("relleno " * 300 + "no procede el amparo y la revisión; daño moral. ") * 3
        for _ in range(10)
    ]
    out = {}
    for q in QUESTIONS:
        tree = shown(parse_query(q))
        spec = marking(tree, passage_finder(plan(tree)))
        start = time.perf_counter()
        for _ in range(200):
            store._native.index.highlights(spec, texts)
        out[q] = (time.perf_counter() - start) / 200 * 1000
    return out


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure()))
        return
    old, new = sys.argv[2], sys.argv[3]
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for _ in range(ROUNDS):
        for label, python in (("old", old), ("new", new)):
            answer = subprocess.run(
                [python, __file__, "--one"], capture_output=True, text=True, env=env, check=True
            )
            runs[label].append(json.loads(answer.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; ms per page of 10 hits")
    print(f"{'question':28} {'old':>8} {'new':>8}")
    table = {}
    for q in QUESTIONS:
        medians = {label: statistics.median(r[q] for r in runs[label]) for label in runs}
        table[q] = medians
        print(f"{q:28} {medians['old']:8.3f} {medians['new']:8.3f}")
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "short_marks.json").write_text(
        json.dumps({"load": load, "ms_per_page": table}, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
