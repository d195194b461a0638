"""The passage finder (``indexer.highlight.PassageFinder.window``) before and after a
phrase's occurrence is checked word by word (a phrase's words close together but apart
no longer count as the phrase; a proximity phrase's words count where they are within its
proximity): the worst texts for the check, 140 KB, where every candidate is checked.
Old and new code alternate in one run; medians, ratio and the load are printed, JSON is
written to bench/results/phrase_passages.json."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from indexer.highlight import passage_finder, plan
from indexer.query import parse_query

ROUNDS = 7
TEXTS = {
    "apart": "Se alegó un daño, y lo moral de la conducta; el daño y lo moral. " * 2100,
    "phrase": "Se condena al pago del daño moral causado a la víctima del delito. " * 2100,
    "near": "La pensión y la resolución definitiva del juez en el asunto. " * 2300,
}
QUESTIONS = {"apart": '"daño moral"', "phrase": '"daño moral"', "near": '"pensión definitiva"~3'}


def main() -> None:
    old_src = subprocess.run(
        ["git", "show", "main:indexer/highlight.py"], capture_output=True, text=True, check=True
    ).stdout
    old = {}
    exec(compile(old_src, "old_highlight", "exec"), old)
    results = {}
    for name, text in TEXTS.items():
        q = QUESTIONS[name]
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(ROUNDS):
            for which in ("old", "new"):
                if which == "old":
                    finder = old["passage_finder"](old["plan"](parse_query(q)))
                else:
                    finder = passage_finder(plan(parse_query(q)))
                started = time.perf_counter()
                finder.window(text)
                times[which].append(time.perf_counter() - started)
        old_ms = statistics.median(times["old"]) * 1000
        new_ms = statistics.median(times["new"]) * 1000
        results[name] = {"q": q, "chars": len(text), "old_ms": old_ms, "new_ms": new_ms}
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'text':8} {'question':24} {'KB':>5} {'old ms':>8} {'new ms':>8} {'new/old':>8}")
    for name, r in results.items():
        ratio = r["new_ms"] / r["old_ms"]
        print(f"{name:8} {r['q']:24} {r['chars'] // 1000:>5} {r['old_ms']:8.1f} "
              f"{r['new_ms']:8.1f} {ratio:8.2f}")  # fmt: skip
    out = Path(__file__).parent / "results" / "phrase_passages.json"
    out.write_text(json.dumps({"load": load, "results": results}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
