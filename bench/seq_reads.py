"""What reading ``documents.seq`` by id costs while the documents stream, as a rebuild reads.

Usage: python bench/seq_reads.py --db PATH [--rounds N] [--batch 1000]

``seq`` is the last column of ``documents``, after ``text``: read by id alone, SQLite
walks the text's overflow pages to reach it. A rebuild streams the rows (id, data, text)
in batches, then each batch's numbers were read by id twice (the preparer's ``unread``
and ``record_citations``). Compared, alternating, with the OS cache dropped before each
pass (when allowed): ``old`` — stream, then two ``id IN`` reads of seq per batch;
``new`` — seq read in the stream itself, then confirmed once a batch by number
(``SELECT id, seq … WHERE seq IN``: the index of numbers, then the row's start).
Prints µs/doc per stage; JSON to ``bench/results/seq_reads.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "seq_reads.json"
STREAM = "SELECT id, data, text{} FROM documents WHERE id > ? ORDER BY id LIMIT ?"
SEQ_OF = "SELECT id, seq FROM documents WHERE id IN ({})"
HELD_BY = "SELECT id, seq FROM documents WHERE seq IN ({})"  # the numbers read, confirmed


def drop_cache() -> bool:
    """Drop the OS page cache (root only): the rows are read from disk again."""
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
        return True
    except OSError:
        return False


def one_pass(db: Path, batch: int, with_seq: bool) -> dict[str, float]:
    """One stream of every row; seconds in the stream and in the by-id reads of seq."""
    conn = sqlite3.connect(db)
    last, docs, stream_s, seq_s = "", 0, 0.0, 0.0
    while True:
        t = time.perf_counter()
        rows = conn.execute(STREAM.format(", seq" if with_seq else ""), (last, batch)).fetchall()
        stream_s += time.perf_counter() - t
        if not rows:
            break
        last, docs = rows[-1][0], docs + len(rows)
        keys = [r[3] for r in rows] if with_seq else [r[0] for r in rows]
        query = HELD_BY if with_seq else SEQ_OF
        t = time.perf_counter()
        for _ in range(1 if with_seq else 2):  # ``unread`` (old) and ``record_citations``
            for s in range(0, len(keys), 400):
                chunk = keys[s : s + 400]
                conn.execute(query.format(",".join("?" * len(chunk))), chunk).fetchall()
        seq_s += time.perf_counter() - t
    conn.close()
    return {"docs": docs, "stream_us": stream_s / docs * 1e6, "seq_us": seq_s / docs * 1e6}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    cold = True
    for _ in range(args.rounds):
        for name in ("old", "new"):
            cold = drop_cache() and cold
            runs[name].append(one_pass(args.db, args.batch, with_seq=name == "new"))
    load = os.getloadavg()
    print(f"cold cache: {cold}; load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'code':<5} {'stream µs/doc':>14} {'seq reads µs/doc':>17} {'total µs/doc':>13}")
    table = {}
    for name, passes in runs.items():
        stream = statistics.median(p["stream_us"] for p in passes)
        seq = statistics.median(p["seq_us"] for p in passes)
        total = statistics.median(p["stream_us"] + p["seq_us"] for p in passes)
        table[name] = {"stream_us": stream, "seq_us": seq, "total_us": total, "passes": passes}
        print(f"{name:<5} {stream:>14.1f} {seq:>17.1f} {total:>13.1f}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"cold": cold, "load": load, "runs": table}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
