"""Benchmark matching a proximity phrase by the rule on tantivy-py's path (an alert's
batch, ``indexer.stores.phrase_rule``) against asking it as its exact arrangements, on a
batch of ``--docs`` synthetic 3 KB documents: a phrase just within 256 arrangements
(asked as them) and the same phrase one slop wider (by the rule), common words, and the
hostile ``"de de de de de"~50``. Alternated, ``--rounds`` rounds; prints the median CPU
(``process_time``) per batch and per document, and the load; writes JSON (default
``bench/results/ruled_phrases.json``).

Usage: python bench/ruled_phrases.py [--docs N] [--rounds N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import tantivy  # noqa: E402

from bench.legal_corpus import LegalCorpus  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.phrase_rule import PhraseRule, checking, meta_of  # noqa: E402
from indexer.stores.tantivy_store import (  # noqa: E402
    build_schema,
    compile_search,
    register_analyzers,
    to_tantivy,
)

QUESTIONS = {
    "arranged «conceptos de violación»~9 (220)": '"conceptos de violación"~9',
    "rule «conceptos de violación»~10": '"conceptos de violación"~10',
    "rule «conceptos de violación»~20": '"conceptos de violación"~20',
    "arranged «de la de»~12 (245)": '"de la de"~12',
    "rule «de la de»~14": '"de la de"~14',
    "rule «de de de de de»~50": '"de de de de de"~50',
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", default=str(REPO / "bench/results/ruled_phrases.json"))
    args = parser.parse_args()
    schema = build_schema()
    docs = list(LegalCorpus(args.docs, seed=3))
    index = tantivy.Index(schema)
    register_analyzers(index)
    writer = index.writer(20 << 20, 1)
    for doc in docs:
        writer.add_document(to_tantivy(doc))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def run(q: str) -> tuple[float, int]:
        started = time.process_time()
        with checking(PhraseRule(schema, searcher, meta_of(docs), most=None)):
            query = compile_search(schema, SearchQuery(q=q))
        found = len(searcher.search(query, limit=len(docs)).hits)
        return time.process_time() - started, found

    spent: dict[str, list[float]] = {name: [] for name in QUESTIONS}
    found: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, q in QUESTIONS.items():
            cpu, found[name] = run(q)
            spent[name].append(cpu)
    load = os.getloadavg()[0]
    rows = {}
    print(f"{args.docs} documents a batch, {args.rounds} rounds, load {load:.1f}")
    print(f"{'question':45s} {'CPU ms/batch':>12s} {'ms/doc':>8s} {'found':>6s}")
    for name in QUESTIONS:
        ms = statistics.median(spent[name]) * 1000
        rows[name] = {"cpu_ms": round(ms, 2), "ms_per_doc": round(ms / args.docs, 4)}
        rows[name]["found"] = found[name]
        print(f"{name:45s} {ms:12.1f} {ms / args.docs:8.3f} {found[name]:6d}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(
        json.dumps({"load": load, "docs": args.docs, "rows": rows}, indent=1)
    )


if __name__ == "__main__":
    main()
