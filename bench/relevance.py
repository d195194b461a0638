"""Relevance of the search stores on a judged query set: nDCG@10 and recall@10.

Usage: python bench/relevance.py [--no-engine] [--json PATH]

The sample sites (``samples/``, seed 7) are generated, served on 127.0.0.1 and crawled by
``abierto crawl``; the library's Tantivy index answers first, then the same documents are
written to a freshly started single-node OpenSearch (``tests/engine/opensearch.py``) and
the same queries run there. The judged set is ``tests/relevance/judgments.json``: queries
a journalist would type, each with every document of the corpus that answers it.

Printed: per store, mean nDCG@10 and recall@10 and how many queries lose a judged
document from the top 10; then every query whose score is below 1 on some store.
JSON goes to ``bench/results/relevance.json``. Exit status 1 if a judged document falls
out of the top 10 on any store (as ``tests/relevance`` does).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.stores import Store  # noqa: E402
from indexer.stores.engine import Connection, EngineStore, connect  # noqa: E402
from tests.engine.opensearch import start  # noqa: E402
from tests.relevance.judged import Score, crawled_samples, score_all  # noqa: E402

RESULTS = REPO / "bench" / "results" / "relevance.json"


def summary(scores: list[Score]) -> dict[str, Any]:
    return {
        "queries": len(scores),
        "ndcg_at_10": round(statistics.fmean(s.ndcg for s in scores), 4),
        "recall_at_10": round(statistics.fmean(s.recall for s in scores), 4),
        "queries_missing_a_judged_document": sum(1 for s in scores if s.missing),
    }


def table(per_store: dict[str, list[Score]]) -> str:
    lines = [
        f"{'store':<12} {'queries':>7} {'nDCG@10':>8} {'recall@10':>9} {'missing':>7}",
    ]
    for name, scores in per_store.items():
        row = summary(scores)
        lines.append(
            f"{name:<12} {row['queries']:>7} {row['ndcg_at_10']:>8.3f} "
            f"{row['recall_at_10']:>9.3f} {row['queries_missing_a_judged_document']:>7}"
        )
    return "\n".join(lines)


def below_one(per_store: dict[str, list[Score]]) -> list[str]:
    names = list(per_store)
    rows = []
    for i, first in enumerate(per_store[names[0]]):
        scores = [per_store[name][i] for name in names]
        if any(s.ndcg < 1 for s in scores):
            cells = "  ".join(
                f"{name} nDCG {s.ndcg:.3f}" for name, s in zip(names, scores, strict=True)
            )
            rows.append(f"  {first.judged.label!r}: {cells}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-engine", action="store_true", help="Tantivy only")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    per_store: dict[str, list[Score]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-relevance-") as tmp:
        root = Path(tmp)
        print("[samples] generating, serving and crawling …", flush=True)
        with crawled_samples(root) as library:
            per_store["tantivy"] = score_all(library.store)
            if not args.no_engine:
                print("[opensearch] starting the node …", flush=True)
                with start(root / "opensearch") as node:
                    client = connect("opensearch", Connection(node.url, timeout_s=120))
                    engine: Store = EngineStore(client, "relevance")
                    report = engine.rebuild(library.db.iter_documents())
                    if report.errors:
                        print(f"[opensearch] {len(report.errors)} documents refused")
                    per_store["opensearch"] = score_all(engine)
    print()
    print(table(per_store))
    rows = below_one(per_store)
    if rows:
        print("queries below nDCG 1 (a judged document not at the top):")
        print("\n".join(rows))
    results = {
        name: {
            **summary(scores),
            "per_query": [
                {
                    "q": s.judged.q,
                    "filters": s.judged.filters,
                    "ndcg_at_10": round(s.ndcg, 4),
                    "recall_at_10": round(s.recall, 4),
                    "missing": s.missing,
                }
                for s in scores
            ],
        }
        for name, scores in per_store.items()
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json}")
    missing = any(s.missing for scores in per_store.values() for s in scores)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
