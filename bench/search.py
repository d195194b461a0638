"""Benchmark the search stores: embedded Tantivy against an OpenSearch node.

Usage: python bench/search.py [--size 10000] [--rounds 20] [--warmup 5] [--json PATH]

The same synthetic corpus (``bench/legal_corpus.py``) is loaded into a Tantivy index and
into a freshly started single-node OpenSearch 2.19 (``tests/engine/opensearch.py``), both
through their ``rebuild`` (what ``abierto reindex`` does). Then a fixed mix of queries
(single terms, phrases, boolean, prefix, filters with facets, date sort; each with
highlights and the default facets, as the API asks) runs ``--rounds`` times after
``--warmup`` rounds (the JVM compiles its hot paths in the first ones).

Printed: documents/s indexed and latency p50/p95/p99 per store, with the ratio
embedded/engine, and whether both stores agree on every query's hit count. JSON goes
to ``bench/results/search.json`` (one entry per corpus size).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from indexer.stores import SearchQuery, Store  # noqa: E402
from indexer.stores.engine import Connection, EngineStore, connect  # noqa: E402
from indexer.stores.tantivy_store import TantivyStore  # noqa: E402
from tests.engine.opensearch import start  # noqa: E402

RESULTS = REPO / "bench" / "results" / "search.json"
MIX: list[tuple[str, SearchQuery]] = [
    ("term", SearchQuery(q="amparo")),
    ("term", SearchQuery(q="sentencias")),
    ("term", SearchQuery(q="usucapión")),
    ("term", SearchQuery(q="peculado")),
    ("phrase", SearchQuery(q='"daño moral"')),
    ("phrase", SearchQuery(q='"interés superior de la niñez"')),
    ("phrase", SearchQuery(q='"suspensión definitiva"')),
    ("boolean", SearchQuery(q="(robo OR fraude OR despojo) AND víctima -pensión")),
    ("boolean", SearchQuery(q="amparo AND constitucionalidad NOT laboral")),
    ("prefix", SearchQuery(q="constitu*")),
    ("prefix", SearchQuery(q="indemniz*")),
    ("filters+facets", SearchQuery(filters={"matter": ["penal"], "jurisdiction": ["MX-GUA"]})),
    (
        "filters+facets",
        SearchQuery(
            q="pensión alimenticia", filters={"kind": ["sentencia"], "matter": ["familiar"]}
        ),
    ),
    ("filters+facets", SearchQuery(q="iniciativa", filters={"legislature": ["LXVI"]})),
    ("date sort", SearchQuery(q="reforma", sort="date_desc")),
    ("date sort", SearchQuery(filters={"kind": ["sesion"]}, sort="date_desc")),
]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[rank]


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(_percentile(values, 50), 2),
        "p95_ms": round(_percentile(values, 95), 2),
        "p99_ms": round(_percentile(values, 99), 2),
        "mean_ms": round(statistics.fmean(values), 2),
    }


def load(store: Store, corpus: LegalCorpus) -> dict[str, float]:
    began = time.perf_counter()
    report = store.rebuild(iter(corpus))
    seconds = time.perf_counter() - began
    assert not report.errors, list(report.errors.items())[:3]
    assert store.count() == len(corpus), (store.count(), len(corpus))
    return {"seconds": round(seconds, 2), "docs_per_s": round(len(corpus) / seconds, 1)}


def measure(store: Store, rounds: int, warmup: int) -> tuple[dict[str, Any], list[int]]:
    timings: dict[str, list[float]] = {}
    totals = [store.search(query).total for _, query in MIX]
    for _ in range(warmup - 1):
        for _, query in MIX:
            store.search(query)
    for _ in range(rounds):
        for category, query in MIX:
            began = time.perf_counter()
            store.search(query)
            timings.setdefault(category, []).append((time.perf_counter() - began) * 1000)
    every = [t for values in timings.values() for t in values]
    latency = {"all": _summary(every)} | {c: _summary(v) for c, v in timings.items()}
    return latency, totals


def run_store(
    name: str, make: Callable[[], Store], corpus: LegalCorpus, rounds: int, warmup: int
) -> dict:
    store = make()
    print(f"[{name}] indexing {len(corpus)} documents …", flush=True)
    indexing = load(store, corpus)
    print(f"[{name}] {indexing['docs_per_s']:.0f} docs/s; querying …", flush=True)
    latency, totals = measure(store, rounds, warmup)
    return {"indexing": indexing, "latency": latency, "totals": totals}


def table(size: int, tantivy: dict, engine: dict) -> str:
    rows = [
        ("indexing docs/s", tantivy["indexing"]["docs_per_s"], engine["indexing"]["docs_per_s"])
    ]
    for category in tantivy["latency"]:
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            rows.append(
                (
                    f"{category} {key[:3]} ms",
                    tantivy["latency"][category][key],
                    engine["latency"][category][key],
                )
            )
    lines = [
        f"corpus: {size} documents",
        f"{'':24} {'tantivy':>10} {'opensearch':>11} {'embedded/engine':>16}",
    ]
    for label, a, b in rows:
        lines.append(f"{label:24} {a:>10.2f} {b:>11.2f} {a / b if b else float('nan'):>16.2f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    corpus = LegalCorpus(args.size)

    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        root = Path(tmp)
        tantivy = run_store(
            "tantivy", lambda: TantivyStore(root / "tantivy"), corpus, args.rounds, args.warmup
        )
        print("[opensearch] starting the node …", flush=True)
        with start(root / "opensearch") as node:

            def engine_store() -> Store:
                client = connect("opensearch", Connection(node.url, timeout_s=120))
                return EngineStore(client, "bench", bulk_workers=2, bulk_docs=500)

            engine = run_store("opensearch", engine_store, corpus, args.rounds, args.warmup)

    agree = [
        {"category": c, "q": q.q, "filters": q.filters, "tantivy": a, "opensearch": b}
        for (c, q), a, b in zip(MIX, tantivy.pop("totals"), engine.pop("totals"), strict=True)
    ]
    print()
    print(table(args.size, tantivy, engine))
    differ = [row for row in agree if row["tantivy"] != row["opensearch"]]
    print(f"hit counts agree on {len(agree) - len(differ)}/{len(agree)} queries")
    for row in differ:
        print(f"  differ: {row}")

    results: dict[str, Any] = {}
    if args.json.is_file():
        results = json.loads(args.json.read_text())
    results[str(args.size)] = {
        "documents": args.size,
        "rounds": args.rounds,
        "warmup_rounds": args.warmup,
        "queries": len(MIX),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "engine": "OpenSearch 2.19.6 single node, -Xmx1g (tests/engine)",
        "tantivy": tantivy,
        "opensearch": engine,
        "ratio_embedded_over_engine": {
            "docs_per_s": round(
                tantivy["indexing"]["docs_per_s"] / engine["indexing"]["docs_per_s"], 2
            ),
            **{
                key: round(tantivy["latency"]["all"][key] / engine["latency"]["all"][key], 2)
                for key in ("p50_ms", "p95_ms", "p99_ms")
            },
        },
        "hit_counts": agree,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json}")
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
