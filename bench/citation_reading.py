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
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
if str(HERE.parents[1]) not in sys.path:  # appended: a child's PYTHONPATH comes first
    sys.path.append(str(HERE.parents[1]))

from bench.ab_children import (  # noqa: E402
    Runs,
    add_child_arguments,
    cpu_per_doc,
    report,
    run_child,
)

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
        found[name] = cpu_per_doc(docs, read_citations)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="the old checkout")
    add_child_arguments(parser, RESULTS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.size)))
        return 0
    checkouts = {"before": args.before.resolve(), "after": HERE.parents[1]}
    runs: Runs = {name: [] for name in checkouts}
    for _ in range(args.rounds):
        for name, checkout in checkouts.items():
            runs[name].append(run_child(Path(sys.executable), HERE, checkout, args.size))
    report(runs, f"CPU µs per document, medians of {args.rounds} rounds", 0, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
