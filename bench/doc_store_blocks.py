"""CPU of the native search's page with its highlights, keeping 100 (Tantivy's default)
or fewer decompressed doc-store blocks per segment.

Usage: python bench/doc_store_blocks.py --data DIR [--blocks 10] [--rounds 7] [--json PATH]

Each question of ``bench/search.py``'s mix, on the index of ``DIR``, is asked for its
first 20 hits with their highlights made natively (the stored documents read), by two
readers of one index: one keeping 100 blocks, one ``--blocks``; the two alternate
question by question and round by round, so both meet the same load. Printed: median
CPU milliseconds per question over the mix, for each, and their ratio. JSON to
``bench/results/doc_store_blocks.json``.
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
import time  # noqa: E402

import abierto_native  # noqa: E402

from bench.search import MIX  # noqa: E402
from indexer.stores.tantivy_store import _plan_json, _question  # noqa: E402

RESULTS = REPO / "bench" / "results" / "doc_store_blocks.json"
LIMIT = 20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--blocks", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    path = str(args.data / "index")
    cores = os.cpu_count() or 1
    readers = {n: abierto_native.NativeIndex(path, cores, None, n) for n in (100, args.blocks)}
    asked = []
    for _, query in MIX:
        question = _question(query.q)
        asked.append((_plan_json(query, question), query.effective_sort(), question.marks))
    cpu: dict[int, list[float]] = {n: [] for n in readers}
    for round_ in range(args.rounds):
        order = list(readers) if round_ % 2 == 0 else list(reversed(readers))
        for plan, sort, marks in asked:
            for n in order:
                began = time.process_time()
                readers[n].search(plan, LIMIT, 0, sort, False, None, True, marks)
                cpu[n].append((time.process_time() - began) * 1000)
    medians = {n: statistics.median(values) for n, values in cpu.items()}
    print(f"{'blocks kept':>12} {'median CPU ms per question':>28}")
    for n, value in medians.items():
        print(f"{n:>12} {value:>28.3f}")
    print(f"ratio {args.blocks}/100: {medians[args.blocks] / medians[100]:.3f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"medians_ms": medians, "rounds": args.rounds}, indent=1))


if __name__ == "__main__":
    main()
