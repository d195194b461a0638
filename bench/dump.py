"""Benchmark ``abierto dump`` at 100,000 and 1,000,000 documents: time, rows/s, output
sizes per format and the peak RSS (``ru_maxrss``) of the dump's own process, which must
not grow with the number of documents.

Each size has its own library (``lib-<size>`` under ``--data``, reused when it is
already there) of ``bench/legal_corpus.py`` documents inserted straight into the SQLite
database: the dump reads only the database, so there is no index to build. Each is
dumped once (one run per size: the machine is shared).

Usage: python bench/dump.py [--sizes 100000,1000000] [--data DIR] [--json PATH]
Prints a table and writes JSON (default ``bench/results/dump.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.db import Database  # noqa: E402
from indexer.db.tables import DocumentRow  # noqa: E402

INSERT_BATCH = 2000


def _database(data: Path) -> Database:
    return Database(Settings(data_dir=data, database_url=None).database)


def grow(data: Path, size: int, corpus_size: int) -> float:
    """Bring the library to ``size`` documents (the first ``size`` of the corpus)."""
    db = _database(data)
    have = db.count_documents()
    if have > size:
        raise SystemExit(f"{data} holds {have} documents, more than {size}")
    began = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    table = DocumentRow.__table__
    docs = itertools.islice(iter(LegalCorpus(corpus_size)), have, size)
    while batch := list(itertools.islice(docs, INSERT_BATCH)):
        rows = []
        for doc in batch:
            data_json = doc.model_dump(mode="json", exclude={"text"})
            data_json["updated_at"] = now.isoformat()
            rows.append(
                {
                    "id": doc.id, "kind": doc.kind, "source_id": doc.source_id,
                    "title": doc.title, "date": doc.date, "institution": doc.institution,
                    "jurisdiction": doc.jurisdiction, "url": doc.url, "text": doc.text,
                    "content_sha256": hashlib.sha256(doc.text.encode()).hexdigest(),
                    "data": data_json, "created_at": now, "fetched_at": now, "updated_at": now,
                }
            )  # fmt: skip
        with db.engine.begin() as connection:
            connection.execute(table.insert(), rows)
    db.close()
    return time.perf_counter() - began


def dump_phase(data: Path, out: Path) -> dict[str, Any]:
    """In a child process of its own: one full dump, its time and peak RSS."""
    from indexer.dump import write_dump

    db = _database(data)
    began = time.perf_counter()
    report = write_dump(db, out)
    seconds = time.perf_counter() - began
    db.close()
    rows = sum(report.rows.values())
    sizes = {"jsonl.gz": 0, "parquet": 0}
    for entry in report.catalog["dataset"][0]["distribution"]:
        fmt = "parquet" if entry["downloadURL"].endswith(".parquet") else "jsonl.gz"
        sizes[fmt] += entry["byteSize"]
    return {
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        "jsonl_gz_mb": round(sizes["jsonl.gz"] / 1e6, 1),
        "parquet_mb": round(sizes["parquet"] / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def database_mb(data: Path) -> float:
    return round(sum(p.stat().st_size for p in data.glob("abierto.db*")) / 1e6, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--data", type=Path, help="library folder to build or reuse")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/dump.json")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(dump_phase(args.data, args.out)))
        return
    sizes = sorted(int(s) for s in args.sizes.split(","))
    scratch = None if args.data else tempfile.mkdtemp(prefix="abierto-bench-dump-")
    data = args.data or Path(scratch)  # type: ignore[arg-type]
    load = os.getloadavg()[0]
    results = []
    try:
        for size in sizes:
            library = data / f"lib-{size}"
            built = grow(library, size, max(sizes))
            out = data / f"dump-{size}"
            shutil.rmtree(out, ignore_errors=True)
            child = subprocess.run(
                [sys.executable, __file__, "--phase", "dump", "--data", str(library),
                 "--out", str(out)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            measured = json.loads(child.stdout.splitlines()[-1])
            results.append(
                {"documents": size, "build_s": round(built, 1),
                 "database_mb": database_mb(library), **measured}
            )  # fmt: skip
            shutil.rmtree(out, ignore_errors=True)
            print(f"{size} documents: {measured}", flush=True)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    header = ("documents", "rows/s", "seconds", "JSONL.gz MB", "Parquet MB", "DB MB", "peak RSS MB")
    print(f"load average at start {load:.1f} ({os.cpu_count()} cores, shared); SQLite")
    print(" | ".join(header))
    for r in results:
        print(
            f"{r['documents']:>9} | {r['rows_per_s']:>6} | {r['seconds']:>7} | "
            f"{r['jsonl_gz_mb']:>11} | {r['parquet_mb']:>10} | {r['database_mb']:>7} | "
            f"{r['peak_rss_mb']:>11}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "load_average_at_start": round(load, 1),
                "load_average_at_end": round(os.getloadavg()[0], 1),
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "results": results,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
