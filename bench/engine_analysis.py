"""What each step of the engine's analysis costs a written document: the current chain
(``schema.analysis``) against variants without one step or with another tokenizer,
alternately on one OpenSearch node, round after round (the rebuild path: a new index,
refreshes off, ``EngineStore.rebuild``).

Usage: python bench/engine_analysis.py [--size 5000] [--rounds 5] [--warm 3000]
                                       [--json PATH]

Variants (none but ``current`` answers as the embedded store does: they measure what a
change would save, they are not candidates as they are):

- ``current``: the pattern tokenizer (not alphanumeric), length, lowercase, ASCII
  folding, ``ion`` given back its accent (``abierto_accent_ion``), Snowball Spanish;
- ``no_ion``: without the accent filter (``resolucion`` then stems otherwise than on
  Tantivy: the stores' answers would differ);
- ``chargroup``: a ``char_group`` tokenizer on whitespace, punctuation and symbols
  instead of the pattern (other characters, marks and controls, split otherwise);
- ``chargroup_no_ion``: both;
- ``standard``: Lucene's standard tokenizer (its own word rules).

Per run: documents/s, this process's CPU per document (the requests) and the engine's
(its JIT compiler threads apart); medians over the rounds. JSON goes to
``bench/results/engine_analysis.json``.
"""

from __future__ import annotations

import argparse
import os
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

from bench.engine_write import as_handed, node_cpu  # noqa: E402
from bench.legal_corpus import LegalCorpus  # noqa: E402
from bench.results import keep  # noqa: E402
from indexer.stores.engine import Connection, EngineStore, connect, schema, store  # noqa: E402

RESULTS = REPO / "bench" / "results" / "engine_analysis.json"


def current() -> dict[str, Any]:
    return schema.analysis()


def no_ion() -> dict[str, Any]:
    found = schema.analysis()
    found["analyzer"][schema.STEMMED]["filter"].remove("abierto_accent_ion")
    return found


def chargroup() -> dict[str, Any]:
    found = schema.analysis()
    found["tokenizer"]["abierto_words"] = {
        "type": "char_group",
        "tokenize_on_chars": ["whitespace", "punctuation", "symbol"],
        "max_token_length": 1000,
    }
    return found


def chargroup_no_ion() -> dict[str, Any]:
    found = chargroup()
    found["analyzer"][schema.STEMMED]["filter"].remove("abierto_accent_ion")
    return found


def standard() -> dict[str, Any]:
    found = schema.analysis()
    found["tokenizer"]["abierto_words"] = {"type": "standard", "max_token_length": 255}
    return found


VARIANTS: dict[str, Callable[[], dict[str, Any]]] = {
    "current": current,
    "no_ion": no_ion,
    "chargroup": chargroup,
    "chargroup_no_ion": chargroup_no_ion,
    "standard": standard,
}


def write(client: Any, pid: int, variant: str, docs: list[Any]) -> dict[str, float]:
    """``docs`` rebuilt into a fresh alias whose indices analyse by ``variant``."""
    made = VARIANTS[variant]
    original = store.index_settings

    def index_settings(shards: int, replicas: int) -> dict[str, Any]:
        found = original(shards, replicas)
        found["analysis"] = made()
        return found

    store.index_settings = index_settings  # what the store creates its indices with
    engine = EngineStore(client, f"bench-analysis-{variant}-{time.time_ns()}")
    try:
        engine.ensure()
        began, cpu, jvm = time.perf_counter(), time.process_time(), node_cpu(pid)
        engine.rebuild(docs)
        return {
            "docs_per_s": len(docs) / (time.perf_counter() - began),
            "python_ms_per_doc": 1000 * (time.process_time() - cpu) / len(docs),
            "engine_ms_per_doc": 1000 * (node_cpu(pid) - jvm) / len(docs),
            "load": os.getloadavg()[0],
        }
    finally:
        store.index_settings = original
        for index in client.alias_targets(engine.alias):
            client.delete_index(index)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warm", type=int, default=3000)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    from tests.engine.opensearch import start

    docs = as_handed(LegalCorpus(args.size, seed=7, mix="3k"))
    warm = as_handed(LegalCorpus(args.warm, seed=1, mix="3k")) if args.warm else []
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in VARIANTS}
    with (
        tempfile.TemporaryDirectory(prefix="bench-engine-analysis-") as tmp,
        start(Path(tmp) / "node") as node,
    ):
        client = connect("opensearch", Connection(node.url, timeout_s=120))
        for name in VARIANTS if warm else ():
            write(client, node.pid, name, warm)
        for round_ in range(args.rounds):
            for name in VARIANTS:
                found = write(client, node.pid, name, docs)
                runs[name].append(found)
                print(
                    f"round {round_ + 1} {name:17} "
                    + " ".join(f"{k} {v:.3f}" for k, v in found.items()),
                    flush=True,
                )
        client.close()
    medians = {
        name: {key: round(statistics.median(r[key] for r in rows), 3) for key in rows[0]}
        for name, rows in runs.items()
    }
    base = medians["current"]["engine_ms_per_doc"]
    print()
    print("| analysis | docs/s | engine ms/doc | vs current | our ms/doc | load |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, m in medians.items():
        print(
            f"| {name} | {m['docs_per_s']:.0f} | {m['engine_ms_per_doc']:.3f} "
            f"| {m['engine_ms_per_doc'] / base:.2f} | {m['python_ms_per_doc']:.3f} "
            f"| {m['load']:.1f} |"
        )
    keep(
        args.json,
        f"3k-{args.size}",
        {"documents": args.size, "rounds": args.rounds, "cpus": os.cpu_count(),
         "medians": medians, "runs": runs},
    )  # fmt: skip
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
