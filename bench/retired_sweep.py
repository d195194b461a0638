"""What the flush's sweep of the tombstones costs (``Library._sweep_retired``): the retired
documents an index still holds, deleted at each flush.

On a copy of a data folder (``--data``, the embedded index; never the original): a number
of documents are retired first (``--retire``: their tombstones), then flushes without
waiting and with nothing pending are timed, alternating: ``old`` (the sweep off, as the
code before), ``first`` (a process's first sweep: every tombstone read and asked of the
index) and ``next`` (a later flush's: the tombstones since the last sweep, less
``CLOCK_SKEW``, but those it saw: every retirement of the last minute is in that
window). Medians; the machine's load (``uptime``) beside. JSON to ``--json``.

Measured (2026-12-06, a copy of a 100,000-document SQLite library, embedded index, 9
rounds alternating, load 5.4-5.7 on 2 shared cores): with 10,000 tombstones all older
than the window, a flush with nothing pending took 0.5 ms (old), 1.4 ms (next: the sweep
adds ~1 ms) and 72 ms for a process's first sweep (every tombstone: one SQL statement
with a NOT EXISTS on the documents' key, 30-80 ms; then one term-set search a thousand
ids in the index, 14-25 ms). With 2,000 more retired in the last minute: next 17.8 ms
(the window's 2,000 rows read again, all seen already: nothing asked of the index), first
218 ms for 12,000. Before the term-set search and the single statement: first 604 ms
for 10,000 (a term query per id: 333 ms; the rows read through the ORM, then their
documents asked by chunks: 215 ms).

Usage: python bench/retired_sweep.py --data /tmp/me-data [--retire 2000] [--rounds 9]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from sqlalchemy import func, select

from config.settings import Settings
from indexer.db.tables import DocumentDeletionRow, DocumentRow
from indexer.library import Library


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--retire", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--json", type=Path, default=Path("bench/results/retired_sweep.json"))
    args = parser.parse_args()
    library = Library.open(Settings(data_dir=args.data), writer=True)
    try:
        with library.db.session() as s:
            documents = s.scalar(select(func.count()).select_from(DocumentRow))
            ids = list(
                s.scalars(select(DocumentRow.id).order_by(DocumentRow.id).limit(args.retire))
            )
        started = time.perf_counter()
        library.retire(dict.fromkeys(ids))
        retiring = time.perf_counter() - started
        library.flush()
        with library.db.session() as s:
            tombstones = s.scalar(select(func.count()).select_from(DocumentDeletionRow))
        sweep = library._sweep_retired
        times: dict[str, list[float]] = {"old": [], "first": [], "next": []}
        for _ in range(args.rounds):
            for mode in times:
                library._sweep_retired = (lambda: None) if mode == "old" else sweep  # type: ignore[method-assign]
                if mode == "first":
                    library._swept_since, library._swept = None, set()
                started = time.perf_counter()
                library.flush(wait=False)
                times[mode].append(time.perf_counter() - started)
        library._sweep_retired = sweep  # type: ignore[method-assign]
    finally:
        library.close()
    load = os.getloadavg()
    medians = {mode: statistics.median(found) * 1000 for mode, found in times.items()}
    print(f"{documents} documents, {tombstones} tombstones (retiring {len(ids)}: "
          f"{retiring:.1f} s), load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")  # fmt: skip
    print(f"{'flush(wait=False), nothing pending':40} {'median ms':>10} {'all ms':>40}")
    for mode, found in times.items():
        shown = " ".join(f"{t * 1000:.1f}" for t in found)
        print(f"{mode:40} {medians[mode]:10.1f} {shown:>40}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "documents": documents,
                "tombstones": tombstones,
                "load": load,
                "median_ms": medians,
                "ms": {mode: [t * 1000 for t in found] for mode, found in times.items()},
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
