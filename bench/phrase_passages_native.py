"""The native highlighter (``native/src/highlight.rs``) before and after a phrase's
occurrence is checked word by word: the worst 140 KB texts of ``phrase_passages.py``,
highlighted by an index's native reader. Old and new builds are two interpreters
(``OLD_PYTHON``, ``NEW_PYTHON``: each venv has its build of the extension), run in turn,
round after round; medians, ratio and load are printed, JSON written to
bench/results/phrase_passages_native.json."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5
REPEAT = 5


def measure() -> dict[str, float]:
    """Milliseconds per text, by this interpreter's build (one round)."""
    from bench.phrase_passages import QUESTIONS, TEXTS
    from indexer.highlight import passage_finder, plan
    from indexer.models import Sentencia
    from indexer.query import parse_query
    from indexer.stores import SearchQuery
    from indexer.stores.tantivy_store import TantivyStore, marking

    folder = Path(tempfile.mkdtemp())
    store = TantivyStore(folder / "index")
    doc = Sentencia(id="x", title="x", institution="x", jurisdiction="MX", source_id="x",
                    url="http://127.0.0.1/x", text="daño moral pensión definitiva")  # fmt: skip
    store.upsert([doc])
    store.search(SearchQuery(q="daño"))
    assert store._native is not None
    out = {}
    for name, text in TEXTS.items():
        tree = parse_query(QUESTIONS[name])
        spec = marking(tree, passage_finder(plan(tree)))
        started = time.perf_counter()
        for _ in range(REPEAT):
            store._native.index.highlights(spec, [text])
        out[name] = (time.perf_counter() - started) * 1000 / REPEAT
    store.close()
    return out


def main() -> None:
    old = os.environ.get("OLD_PYTHON", "/work/main/.venv/bin/python")
    new = os.environ.get("NEW_PYTHON", ".venv/bin/python")
    times: dict[str, dict[str, list[float]]] = {"old": {}, "new": {}}
    for _ in range(ROUNDS):
        for which, python in (("old", old), ("new", new)):
            code = "import json; from bench.phrase_passages_native import measure; "
            code += "print(json.dumps(measure()))"
            env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
            done = subprocess.run([python, "-c", code], capture_output=True, text=True,
                                  check=True, env=env)  # fmt: skip
            for name, ms in json.loads(done.stdout.strip().splitlines()[-1]).items():
                times[which].setdefault(name, []).append(ms)
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'text':8} {'old ms':>8} {'new ms':>8} {'new/old':>8}")
    results = {}
    for name in times["old"]:
        o, n = statistics.median(times["old"][name]), statistics.median(times["new"][name])
        results[name] = {"old_ms": o, "new_ms": n}
        print(f"{name:8} {o:8.2f} {n:8.2f} {n / o:8.2f}")
    out = Path(__file__).parent / "results" / "phrase_passages_native.json"
    out.write_text(json.dumps({"load": load, "results": results}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
