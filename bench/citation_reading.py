"""The CPU of reading a document's citations (``read_citations``: the scan, the Python
readers' building, the rubros), old code against this checkout, alternately in one run.

Usage: python bench/citation_reading.py --before /path/to/old/checkout [--rounds 5]
                                        [--size 400] [--json PATH]

Texts: the real SCJN sentences of ``/work/shared/corpus/real/scjn-sentencias`` (skipped
when absent) and ``bench/legal_corpus.py``'s real mix (3/30/120 KB). Each checkout runs
as a child (its own ``PYTHONPATH``), timing its main thread's CPU per document (the best
of three passes) and a digest of every citation found: the two must find the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
REAL = Path("/work/shared/corpus/real/scjn-sentencias")
RESULTS = HERE.parent / "results" / "citation_reading.json"


def real_texts() -> list[str]:
    """The longest string of each real sentence's record (its text)."""
    texts = []
    for path in sorted(REAL.glob("*.json")) if REAL.is_dir() else []:
        record = json.loads(path.read_text())
        texts.append(max((v for v in record.values() if isinstance(v, str)), key=len))
    return texts


def child(size: int) -> dict[str, Any]:
    from bench.legal_corpus import LegalCorpus
    from indexer.citations.records import read_citations
    from indexer.models import Sentencia

    sets = {"bench real mix": list(LegalCorpus(size, mix="real"))}
    real = real_texts()
    if real:
        model = next(d for d in sets["bench real mix"] if isinstance(d, Sentencia))
        sets["SCJN sentences"] = [
            model.model_copy(update={"id": f"real-{n}", "text": text})
            for n, text in enumerate(real)
        ]
    found: dict[str, Any] = {}
    for name, docs in sets.items():
        digest = hashlib.sha256()
        for doc in docs:
            digest.update(repr(read_citations(doc)).encode())
        best = float("inf")
        for _ in range(3):
            began = time.thread_time()
            for doc in docs:
                read_citations(doc)
            best = min(best, time.thread_time() - began)
        found[name] = {
            "docs": len(docs),
            "us_per_doc": round(best / len(docs) * 1e6, 1),
            "digest": digest.hexdigest(),
        }
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="the old checkout")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.size)))
        return 0
    checkouts = {"before": args.before.resolve(), "after": HERE.parents[1]}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in checkouts}
    for _ in range(args.rounds):
        for name, checkout in checkouts.items():
            env = {**os.environ, "PYTHONPATH": str(checkout)}
            command = [sys.executable, str(HERE), "--child", "--size", str(args.size)]
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"load {os.getloadavg()[0]:.1f}; CPU µs per document, medians of {args.rounds} rounds")
    print(f"{'texts':16} {'docs':>5} {'before':>9} {'after':>9} {'after/before':>13} same")
    table = {}
    for name in runs["after"][0]:
        before = statistics.median(r[name]["us_per_doc"] for r in runs["before"])
        after = statistics.median(r[name]["us_per_doc"] for r in runs["after"])
        same = {r[name]["digest"] for r in runs["before"] + runs["after"]}
        table[name] = {"before": before, "after": after, "same": len(same) == 1}
        print(
            f"{name:16} {runs['after'][0][name]['docs']:>5} {before:>9.0f} {after:>9.0f} "
            f"{after / before:>13.2f} {'yes' if len(same) == 1 else 'NO'}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"load": os.getloadavg(), "table": table, "runs": runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
