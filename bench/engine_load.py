"""What a load costs the engine while the index is searched: the live index refreshing
every second (the engine's default) against ``EngineStore.loading`` (every 30 s until the
load ends), alternately on one OpenSearch node, round after round.

Usage: python bench/engine_load.py [--size 8000] [--rounds 2] [--warm 3000] [--json PATH]

Each run submits ``--size`` documents of 3 KB (``bench/legal_corpus.py``, with what they
cite) in batches of ``INDEX_BATCH`` to a fresh alias, as the library's flush does, while
a reader searches it five times a second (as the API would during ``abierto index``), then
commits. Per run: documents/s, the engine's CPU milliseconds per document (its JVM, the
JIT compiler threads apart), this process's, the index's segments and how many refreshes
the engine made. Medians per way; the order of the ways alternates each round. JSON goes
to ``bench/results/engine_load.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.engine_write import as_handed, node_cpu  # noqa: E402
from bench.legal_corpus import LegalCorpus  # noqa: E402
from bench.results import keep  # noqa: E402
from indexer.library import INDEX_BATCH  # noqa: E402
from indexer.stores.engine import Connection, EngineStore, connect  # noqa: E402

RESULTS = REPO / "bench" / "results" / "engine_load.json"
WAYS = ("refresh 1 s", "loading")
SEARCH_EVERY_S = 0.2


def reader(url: str, alias: str, stop: threading.Event) -> None:
    client = connect("opensearch", Connection(url, timeout_s=60))
    body = {"query": {"match": {"text": "amparo"}}, "size": 1}
    while not stop.is_set():
        with contextlib.suppress(Exception):
            client.search(alias, body)
        stop.wait(SEARCH_EVERY_S)
    client.close()


def write(url: str, pid: int, way: str, docs: list[Any]) -> dict[str, float]:
    """One load into a fresh alias, searched meanwhile; its costs."""
    client = connect("opensearch", Connection(url, timeout_s=120))
    engine = EngineStore(client, f"bench-load-{time.time_ns()}")
    engine.ensure()
    stop = threading.Event()
    searching = threading.Thread(target=reader, args=(url, engine.alias, stop), daemon=True)
    searching.start()
    try:
        began, cpu, jvm = time.perf_counter(), time.process_time(), node_cpu(pid)
        with engine.loading() if way == "loading" else contextlib.nullcontext():
            sent = [
                engine.submit(docs[at : at + INDEX_BATCH])
                for at in range(0, len(docs), INDEX_BATCH)
            ]
            for each in sent:
                each.result()
        engine.commit()
        seconds = time.perf_counter() - began
        python, node = time.process_time() - cpu, node_cpu(pid) - jvm
        stop.set()
        searching.join()
        stats = client.client.indices.stats(index=engine.alias)["_all"]["primaries"]  # type: ignore[attr-defined]
        return {
            "docs_per_s": len(docs) / seconds,
            "engine_ms_per_doc": 1000 * node / len(docs),
            "python_ms_per_doc": 1000 * python / len(docs),
            "segments": stats["segments"]["count"],
            "refreshes": stats["refresh"]["total"],
            "load": os.getloadavg()[0],
        }
    finally:
        stop.set()
        for index in client.alias_targets(engine.alias):
            client.delete_index(index)
        engine.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=8000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warm", type=int, default=3000)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    from tests.engine.opensearch import start

    docs = as_handed(LegalCorpus(args.size, seed=7, mix="3k"))
    warm = as_handed(LegalCorpus(args.warm, seed=1, mix="3k"))
    runs: dict[str, list[dict[str, float]]] = {way: [] for way in WAYS}
    with (
        tempfile.TemporaryDirectory(prefix="bench-engine-load-") as tmp,
        start(Path(tmp) / "node") as node,
    ):
        if warm:  # a fresh JVM compiles its hot code meanwhile
            for way in WAYS:
                write(node.url, node.pid, way, warm)
        for round_ in range(args.rounds):
            for way in WAYS if round_ % 2 == 0 else WAYS[::-1]:
                found = write(node.url, node.pid, way, docs)
                runs[way].append(found)
                print(
                    f"round {round_ + 1} {way:12} "
                    + " ".join(f"{k} {v:.2f}" for k, v in found.items()),
                    flush=True,
                )
    medians = {
        way: {key: round(statistics.median(r[key] for r in rows), 3) for key in rows[0]}
        for way, rows in runs.items()
    }
    print()
    print("| way | docs/s | engine ms/doc | our ms/doc | segments | refreshes | load |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for way, m in medians.items():
        print(
            f"| {way} | {m['docs_per_s']:.0f} | {m['engine_ms_per_doc']:.2f} "
            f"| {m['python_ms_per_doc']:.2f} | {m['segments']:.0f} | {m['refreshes']:.0f} "
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
