"""Benchmark the counting pass of a search: facet columns dense (every document holds a
value of every facet field, ``NO_VALUE`` when it has none, as the store writes them)
against sparse (only the values documents have, as indexes written before).

Usage: python bench/facet_columns.py [--size 1000000] [--rounds 7] [--json PATH]

Two in-memory indexes hold the facet values of ``--size`` documents of
``bench/legal_corpus.py`` (its first 20,000 documents, repeated; no text: the counting
pass reads only the columns): one written by the store's own ``to_tantivy``, one with
the values alone. For questions matching every document, about half, about a seventh,
the store's counting pass (``TantivyStore._counts``: the total and the 9 standard
facets) is timed (CPU time, median of ``--rounds``). Both answers must be equal.
JSON goes to ``bench/results/facet_columns.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

import tantivy  # noqa: E402

from bench.legal_corpus import LegalCorpus  # noqa: E402
from indexer.stores import FACET_FIELDS, SearchQuery  # noqa: E402
from indexer.stores.documents import filter_values  # noqa: E402
from indexer.stores.tantivy_store import TantivyStore, compile_search, to_tantivy  # noqa: E402

RESULTS = REPO / "bench" / "results" / "facet_columns.json"
SAMPLE = 20_000
QUESTIONS = {
    "every document": SearchQuery(),
    "sentencias (about half)": SearchQuery(filters={"kind": ["sentencia"]}),
    "one matter (about a seventh)": SearchQuery(filters={"matter": ["penal"]}),
}


def sparse(doc: Any) -> tantivy.Document:
    """The facet values a document has, nothing for those it has not."""
    entry = tantivy.Document()
    entry.add_text("id", doc.id)
    for name, values in filter_values(doc).items():
        for value in values:
            entry.add_text(name, value)
            entry.add_text(f"key_{name}", value.lower())
    return entry


def fill(size: int, dense: bool) -> TantivyStore:
    store = TantivyStore(None)
    docs = list(itertools.islice(iter(LegalCorpus(SAMPLE)), SAMPLE))
    entries = [to_tantivy(d.model_copy(update={"text": ""})) if dense else sparse(d) for d in docs]
    writer = store.index.writer(heap_size=256 << 20, num_threads=1)
    for n in range(size):
        writer.add_document(entries[n % len(entries)])
    writer.commit()
    writer.wait_merging_threads()
    store.index.reload()
    return store


def timed(store: TantivyStore, query: SearchQuery, rounds: int) -> tuple[float, Any]:
    searcher = store.index.searcher()
    full = compile_search(store.schema, query)
    spent, answer = [], None
    for _ in range(rounds):
        began = time.thread_time()
        answer = store._counts(searcher, full, query)
        spent.append((time.thread_time() - began) * 1000)
    return statistics.median(spent), answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    print(f"writing two indexes of {args.size} documents' facet values …", flush=True)
    stores = {"sparse": fill(args.size, dense=False), "dense": fill(args.size, dense=True)}
    rows: dict[str, Any] = {}
    for label, query in QUESTIONS.items():
        query = query.model_copy(update={"facets": list(FACET_FIELDS)})
        results = {name: timed(store, query, args.rounds) for name, store in stores.items()}
        answers = [answer for _, answer in results.values()]
        rows[label] = {name: round(ms, 2) for name, (ms, _) in results.items()}
        rows[label]["same_counts"] = answers[0] == answers[1]
        rows[label]["total"] = answers[0][0]
    print(f"\ncounting pass, {args.size} documents, 9 facets: CPU ms (median of {args.rounds})")
    print(f"{'question':32} {'matches':>9} {'sparse':>8} {'dense':>8} {'ratio':>6} {'same':>5}")
    for label, row in rows.items():
        ratio = row["sparse"] / row["dense"] if row["dense"] else float("nan")
        print(
            f"{label:32} {row['total']:>9} {row['sparse']:>8.1f} {row['dense']:>8.1f} "
            f"{ratio:>6.1f} {'yes' if row['same_counts'] else 'NO':>5}"
        )
    stored: dict[str, Any] = json.loads(args.json.read_text()) if args.json.is_file() else {}
    stored[str(args.size)] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average": os.getloadavg(),
        "questions": rows,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json}")
    return 0 if all(row["same_counts"] for row in rows.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
