"""A design trial for the citations' case index (``ix_citations_cases``, keyed by case
number): is it cheaper written as now, with each batch's rows, or gathered in a staging
table (appended) and merged in key order every ``--merge`` documents into a table of its
own (``case_cites``, keyed (key, doc_seq, citation))?

Usage: python bench/case_index_staging.py [--size 5000] [--merge 1000] [--rounds 2]
                                          [--json PATH]

The rows: ``read_citations`` of ``bench/legal_corpus.py``'s real mix, as the write path
makes them, inserted with the driver alone (no library) into a database of the
``citations`` table's shape, ``--batch`` documents a transaction as the crawl saves them.
Each variant in turn, ``--rounds`` times; printed: the log's pages written per 100
documents (``bench/wal_pages.py``) and the thread's CPU per document, in the first and
last tenth and in all (the machine's load said: pages are not swayed by it, CPU is).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
RESULTS = HERE.parents[0] / "results" / "case_index_staging.json"
TABLE = (
    "CREATE TABLE citations (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id VARCHAR(64),"
    " doc_seq INTEGER, kind VARCHAR(16), key VARCHAR(400), written TEXT,"
    " start_char INTEGER, end_char INTEGER, court TEXT)"
)
DOC_INDEX = "CREATE INDEX ix_citations_doc ON citations (doc_seq, start_char)"
CASE_INDEX = "CREATE INDEX ix_citations_cases ON citations (key, doc_seq) WHERE kind = 'case'"
STAGED = (
    "CREATE TABLE case_cites (key VARCHAR(400), doc_seq INTEGER, citation INTEGER,"
    " PRIMARY KEY (key, doc_seq, citation)) WITHOUT ROWID",
    "CREATE TABLE case_cites_new (key VARCHAR(400), doc_seq INTEGER, citation INTEGER)",
)
INSERT = (
    "INSERT INTO citations (doc_id, doc_seq, kind, key, written, start_char, end_char, court)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
MERGE = (
    "INSERT INTO case_cites SELECT key, doc_seq, citation FROM case_cites_new"
    " ORDER BY key, doc_seq, citation",
    "DELETE FROM case_cites_new",
)
Rows = list[list[tuple[Any, ...]]]


def citation_rows(size: int) -> Rows:
    """Each document's citation rows, as ``record_citations`` makes them."""
    from bench.legal_corpus import LegalCorpus
    from indexer.citations import prescan
    from indexer.citations.records import read_citations

    docs: Rows = []
    for seq, doc in enumerate(LegalCorpus(size, mix="real"), start=1):
        found = read_citations(doc, prescan(doc.text) if doc.text else None)
        docs.append(
            [(doc.id, seq, c.kind, c.key, c.written, c.start, c.end, c.court) for c in found]
        )
    return docs


def run(docs: Rows, variant: str, batch: int, merge: int) -> dict[str, list[float]]:
    """One variant's pages and CPU per document: first tenth, last tenth, all."""
    from bench.wal_pages import WalPages

    size = len(docs)
    with tempfile.TemporaryDirectory(prefix="bench-case-index-") as tmp:
        path = Path(tmp) / "trial.db"
        db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "wal_autocheckpoint=10000"):
            db.execute(f"PRAGMA {pragma}")
        for statement in (TABLE, DOC_INDEX, *((CASE_INDEX,) if variant == "now" else STAGED)):
            db.execute(statement)
        wal = WalPages(path)
        marks = [(0, 0, 0.0)]
        began = time.thread_time()
        for start in range(0, size, batch):
            rows = [row for doc in docs[start : start + batch] for row in doc]
            db.execute("BEGIN IMMEDIATE")
            db.executemany(INSERT, rows)
            if variant == "staged":
                first = db.execute("SELECT last_insert_rowid()").fetchone()[0] - len(rows) + 1
                cases = [(r[3], r[1], first + i) for i, r in enumerate(rows) if r[2] == "case"]
                db.executemany("INSERT INTO case_cites_new VALUES (?, ?, ?)", cases)
                done = min(start + batch, size)
                if done % merge == 0 or done == size:
                    for statement in MERGE:
                        db.execute(statement)
            db.execute("COMMIT")
            marks.append((min(start + batch, size), wal.frames(), time.thread_time() - began))
        db.close()
    tenth = max(size // 10, batch)

    def span(first: int, last: int) -> tuple[float, float]:
        (d0, f0, c0) = min(marks, key=lambda m: abs(m[0] - first))
        (d1, f1, c1) = min(marks, key=lambda m: abs(m[0] - last))
        return 100 * (f1 - f0) / max(d1 - d0, 1), 1e6 * (c1 - c0) / max(d1 - d0, 1)

    spans = (span(0, tenth), span(size - tenth, size), span(0, size))
    return {
        "pages_per_100": [round(p, 1) for p, _ in spans],
        "cpu_us_per_doc": [round(c, 1) for _, c in spans],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--merge", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parents[1]))
    docs = citation_rows(args.size)
    rows = sum(map(len, docs))
    keys = len({row[3] for doc in docs for row in doc})
    print(f"{args.size} documents, {rows} citation rows, {keys} keys; load {os.getloadavg()}")
    found: dict[str, list[dict[str, list[float]]]] = {"now": [], "staged": []}
    for _ in range(args.rounds):
        for variant in found:
            found[variant].append(run(docs, variant, args.batch, args.merge))
    print(f"medians of {args.rounds} rounds: first tenth, last tenth, all")
    for variant, runs in found.items():
        cells = []
        for name in ("pages_per_100", "cpu_us_per_doc"):
            values = [statistics.median(r[name][i] for r in runs) for i in range(3)]
            cells.append(f"{name} " + " ".join(f"{v:8.1f}" for v in values))
        print(f"  {variant:7} " + "   ".join(cells))
    from bench.results import keep

    keep(
        args.json,
        f"{args.size}-merge{args.merge}",
        {"load_average": os.getloadavg(), "rows": rows, "keys": keys, "runs": found},
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
