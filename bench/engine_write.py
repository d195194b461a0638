"""What a written document costs the search engine, by mapping: the mapping before
versions were kept (word pairs on every text, ``index_phrases``) against the current one
(``schema.MAPPING_VERSION``), alternately on one OpenSearch node, round after round.

Usage: python bench/engine_write.py [--size 5000] [--rounds 3] [--mix 3k|real]
                                    [--paths rebuild,index] [--json PATH]

Paths, each into a fresh alias: ``rebuild`` is ``EngineStore.rebuild`` (``abierto
reindex``: a new index with refreshes off, then the alias swap); ``index`` is the
library's flush (``abierto index``, the crawl): batches of ``INDEX_BATCH`` submitted to
the live index (the engine refreshing every second), then a commit. Per run: documents/s,
CPU seconds per 1,000 documents of this process (building the requests: the documents'
JSON, HTTP) and of the engine's JVM (its JIT compiler threads apart, they are the JVM
learning, not the write), the index's size and segments; then phrase searches on the
index written (2- and 3-word exact phrases with highlights, the queries word pairs were
for): their median milliseconds. Medians over the rounds, per mapping and path. The
documents are made once (``bench/legal_corpus.py``) and are the same for every run, each
carrying what it cites as the library hands documents to the store (read once, beforehand);
``--warm`` documents are written first, unmeasured, to each mapping (a fresh JVM compiles
its hot code meanwhile). JSON goes to ``bench/results/engine_write.json``.
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

from bench.legal_corpus import LegalCorpus  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.write import _jit_cpu  # noqa: E402
from indexer.citations import extract_citations  # noqa: E402
from indexer.library import INDEX_BATCH  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.engine import Connection, EngineStore, connect, store  # noqa: E402
from indexer.stores.engine.schema import mappings  # noqa: E402

RESULTS = REPO / "bench" / "results" / "engine_write.json"
PHRASES = (
    '"daño moral"',
    '"amparo directo"',
    '"tribunal colegiado"',
    '"pensión alimenticia"',
    '"recurso de revisión"',
    '"juicio de amparo indirecto"',
    '"el artículo"',
    '"de la"',
)


def before_versions() -> dict[str, Any]:
    """The mapping before versions were kept: the current one with word pairs."""
    older = mappings()
    older.pop("_meta", None)
    for name in ("title", "text", "meta"):
        older["properties"][name]["index_phrases"] = True
    return older


MAPPINGS: dict[str, Callable[[], dict[str, Any]]] = {
    "before": before_versions,
    "current": mappings,
}


def as_handed(corpus: LegalCorpus) -> list[Any]:
    """The documents as the library hands them to the store: with what they cite."""
    return [doc.with_citations([c.key for c in extract_citations(doc.text)], 0) for doc in corpus]


def node_cpu(pid: int) -> float:
    """The engine's CPU seconds, its JIT compiler threads apart."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") - _jit_cpu(pid)


def write(client: Any, pid: int, mapping: str, path: str, docs: list[Any]) -> dict[str, Any]:
    """One run: ``docs`` into a fresh alias with ``mapping`` by ``path``; its costs."""
    store.mappings = MAPPINGS[mapping]  # what the store creates its indices with
    engine = EngineStore(client, f"bench-{mapping}-{time.time_ns()}")
    try:
        engine.ensure()
        began, cpu, jvm = time.perf_counter(), time.process_time(), node_cpu(pid)
        if path == "rebuild":
            engine.rebuild(docs)
        else:
            sent = [
                engine.submit(docs[at : at + INDEX_BATCH])
                for at in range(0, len(docs), INDEX_BATCH)
            ]
            for each in sent:
                each.result()
            engine.commit()
        seconds = time.perf_counter() - began
        python = time.process_time() - cpu
        node = node_cpu(pid) - jvm
        stats = client.client.indices.stats(index=engine.alias)["_all"]["primaries"]
        searches = []
        for _ in range(3):
            for q in PHRASES:
                at = time.perf_counter()
                engine.search(SearchQuery(q=q, limit=25, highlight=True))
                searches.append(1000 * (time.perf_counter() - at))
        return {
            "docs_per_s": len(docs) / seconds,
            "python_cpu_s_per_1k": 1000 * python / len(docs),
            "engine_cpu_s_per_1k": 1000 * node / len(docs),
            "index_mb": stats["store"]["size_in_bytes"] / 1e6,
            "segments": stats["segments"]["count"],
            "phrase_ms": statistics.median(searches),
            "load": os.getloadavg()[0],
        }
    finally:
        store.mappings = mappings
        for index in client.alias_targets(engine.alias):
            client.delete_index(index)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", type=int, default=3000)
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--paths", default="rebuild,index")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    from tests.engine.opensearch import start

    docs = as_handed(LegalCorpus(args.size, seed=7, mix=args.mix))
    warm = as_handed(LegalCorpus(args.warm, seed=1, mix=args.mix))
    paths = args.paths.split(",")
    runs: dict[str, list[dict[str, Any]]] = {f"{m} {p}": [] for p in paths for m in MAPPINGS}
    with (
        tempfile.TemporaryDirectory(prefix="bench-engine-write-") as tmp,
        start(Path(tmp) / "node") as node,
    ):
        client = connect("opensearch", Connection(node.url, timeout_s=120))
        if warm:
            for mapping in MAPPINGS:
                write(client, node.pid, mapping, "rebuild", warm)
        for round_ in range(args.rounds):
            for path in paths:
                for mapping in MAPPINGS:
                    found = write(client, node.pid, mapping, path, docs)
                    runs[f"{mapping} {path}"].append(found)
                    print(
                        f"round {round_ + 1} {mapping:8} {path:8} "
                        + " ".join(f"{k} {v:.2f}" for k, v in found.items()),
                        flush=True,
                    )
        client.close()
    medians = {
        name: {key: round(statistics.median(r[key] for r in rows), 2) for key in rows[0]}
        for name, rows in runs.items()
    }
    print()
    print("| mapping, path | docs/s | our CPU-s/1k docs | engine CPU-s/1k docs | index MB "
          "| segments | phrase search ms |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, m in medians.items():
        print(
            f"| {name} | {m['docs_per_s']:.0f} | {m['python_cpu_s_per_1k']:.2f} "
            f"| {m['engine_cpu_s_per_1k']:.2f} | {m['index_mb']:.1f} | {m['segments']:.0f} "
            f"| {m['phrase_ms']:.1f} |"
        )
    keep(
        args.json,
        f"{args.mix}-{args.size}",
        {"documents": args.size, "rounds": args.rounds, "cpus": os.cpu_count(),
         "medians": medians, "runs": runs},
    )  # fmt: skip
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
