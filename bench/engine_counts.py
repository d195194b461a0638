"""What a new citer costs the engine: a cited sentence written whole again for its count
(``whole``, the code before) against an update of its count alone (``counts``), through
the library's crawl path (``bench/write.py``'s ``crawl``: batches of 100 saved and flushed
without waiting, then a waiting flush) into a fresh alias of one OpenSearch node, the
two alternating round after round.

Usage: python bench/engine_counts.py [--size 1500] [--rounds 2] [--mix real|3k]
                                     [--modes whole,counts] [--save-every 100]
                                     [--json PATH]

``--modes counts@5,counts@1``: the new code with bulk requests of at most 5 MB (the
default, ``bulk.MAX_BYTES``) against 1 MB.

The documents are ``bench/legal_corpus.py``'s with ``cites="resolving"`` (sentences
citing the Court's sentences of the corpus by a Zipf law), with ``--mix real`` texts of
3, 30 and 120 KB like real sentences. ``whole`` is this code with the store's
``updates_counts`` off (every count-only write an ``index`` of the whole document, as
before). Per run: documents/s (wall clock), CPU seconds of this process and of the
engine's JVM (its JIT threads apart) per 1,000 documents, the bulk requests (how many,
their median and largest bodies, their actions: ``index``, ``update``, ``delete``), bytes
sent in bulk bodies per document saved (and of them, bodies sent again: a request
retried whole after the client's read timeout), refreshes asked, and the engine's own counts
(``_stats``: index operations, no-op updates). Every run's answer is read at the end
(each document's ``cited_by`` as the engine holds it, and the ``most_cited`` order's
first 50) and must be the same in every run; the last ``counts`` run is then rebuilt from
the database (``reindex``) and must still answer the same. Medians per mode; the
machine's load (``uptime``) printed beside. JSON to ``bench/results/engine_counts.json``.

Measured (2026-12-06, 1,000 documents of the real mix, 23.8 MB of text, batches of 100,
2 rounds alternating, load 12-36 on 2 cores shared by other benches): whole -> counts,
bulk bytes per document saved 31.4 -> 24.5 KB (263 cited sentences re-sent whole become
263 updates of ~120 B); our CPU 2.8 -> 2.6 s/1k; the engine's CPU 12.7 -> 13.7 s/1k and
its index operations 1,263 in both (an update re-indexes the stored source inside the
engine: the text is no longer sent, but still analysed); docs/s 12.7, 15.0 -> 13.0, 11.1
(the load decides). Bulk requests of 5 MB at most (``counts@5``, 11 requests, median
2.3 MB: the crawl's batches are smaller) against 1 MB (31 requests): docs/s 8.5, 9.0 ->
8.2, 5.4, engine CPU 19.4, 13.2 -> 15.1, 15.7 s/1k: the 5 MB default kept. Refreshes
asked: 3 a run (the waiting flush's commit and ``answer``), none per batch. Answers the
same in every run and after the rebuild.

Count-only sentences read without their text nor prepared (hD2; 1,000 documents of the
real mix, ``--modes counts,counts@5``, one run of hD2 then one of m, not alternating
within a run; load 8-10): 92 count updates a run, our CPU 2.46, 2.35 (m) -> 2.41, 2.37
s/1k (hD2): the 92 texts left unread are within the noise at this size; answers the same
and after the rebuild in both.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import write  # noqa: E402
from bench.engine_write import node_cpu  # noqa: E402
from bench.legal_corpus import LegalCorpus  # noqa: E402
from bench.results import keep  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.engine import EngineStore  # noqa: E402

RESULTS = REPO / "bench" / "results" / "engine_counts.json"
MODES = ("whole", "counts")


class Metered:
    """The bulk bodies and refreshes a client sends (sizes, actions)."""

    def __init__(self, client: Any) -> None:
        self.sizes: list[int] = []
        self.ops = {"index": 0, "update": 0, "delete": 0}
        self.refreshes = 0
        self.seen: set[bytes] = set()
        self.resent = 0  # bytes of bodies sent again (a request retried after a timeout)
        bulk, refresh = client.bulk, client.refresh

        def metered_bulk(body: bytes) -> dict[str, Any]:
            self.sizes.append(len(body))
            digest = hashlib.blake2b(body, digest_size=16).digest()
            if digest in self.seen:
                self.resent += len(body)
            self.seen.add(digest)
            for op in self.ops:
                self.ops[op] += body.count(b'{"' + op.encode() + b'":{"_index"')
            return bulk(body)

        def metered_refresh(index: str) -> None:
            self.refreshes += 1
            refresh(index)

        client.bulk = metered_bulk
        client.refresh = metered_refresh


def answer(library: Library) -> tuple[dict[str, int], list[tuple[str, int]]]:
    store: Any = library.store
    store.commit()
    found = store.client.search(
        store.alias,
        {"query": {"match_all": {}}, "_source": ["cited_by"], "size": 10000},
    )
    counts = {hit["_id"]: hit["_source"]["cited_by"] for hit in found["hits"]["hits"]}
    order = library.search(SearchQuery(q="", sort="most_cited", page_size=50)).hits
    # ids of equal counts may come in any order the engine likes: compared by count
    return counts, sorted((hit.id, counts[hit.id]) for hit in order)


def one_run(node: Any, mode: str, docs: list[Any], root: Path, check: bool) -> dict[str, Any]:
    """``mode``: ``whole`` or ``counts``, or ``counts@MB`` (bulk requests of MB at most)."""
    mode, _, most = mode.partition("@")
    EngineStore.updates_counts = mode == "counts"
    alias = f"bench-counts-{mode}-{time.time_ns()}"
    settings = Settings(
        data_dir=root / alias,
        search_url=node.url,
        search_engine="opensearch",
        search_index=alias,
    )
    library = Library.open(settings, writer=True)
    store: Any = library.store
    meter = Metered(store.client)
    if most:
        store._writer().max_bytes = int(float(most) * 1024 * 1024)
    load = os.getloadavg()[0]
    began, cpu, jvm = time.perf_counter(), time.process_time(), node_cpu(node.pid)
    write.crawl_path(library, docs)
    seconds = time.perf_counter() - began
    python = time.process_time() - cpu
    engine = node_cpu(node.pid) - jvm
    stats = store.client.client.indices.stats(index=alias)["_all"]["primaries"]
    counts, order = answer(library)
    n = len(docs)
    result = {
        "docs_per_s": n / seconds,
        "python_cpu_s_per_1k": 1000 * python / n,
        "engine_cpu_s_per_1k": 1000 * engine / n,
        "bulk_kb_per_doc": sum(meter.sizes) / n / 1024,
        "resent_kb_per_doc": meter.resent / n / 1024,
        "bulk_requests": len(meter.sizes),
        "bulk_median_kb": statistics.median(meter.sizes) / 1024 if meter.sizes else 0,
        "bulk_max_kb": max(meter.sizes, default=0) / 1024,
        "index_ops": meter.ops["index"],
        "update_ops": meter.ops["update"],
        "refreshes": meter.refreshes,
        "engine_index_total": stats["indexing"]["index_total"],
        "engine_noop_updates": stats["indexing"].get("noop_update_total", 0),
        "load": load,
    }
    rebuilt = None
    if check:  # after the figures: the rebuild is no part of the run
        library.reindex()
        rebuilt = answer(library)
    for index in store.client.alias_targets(alias):
        store.client.delete_index(index)
    library.close()
    return {"figures": result, "answer": (counts, order), "rebuilt": rebuilt, "alias": alias}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--mix", default="real", choices=["3k", "real"])
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument(
        "--save-every",
        type=int,
        default=write.SAVE_EVERY,
        help="documents a crawl's batch (the pipeline saves every 500 or every 5 s: a "
        "crawl fetching 20 pages/s saves every 100)",
    )
    parser.add_argument(
        "--modes", default=",".join(MODES), help="two of whole, counts, counts@MB (bulk MB)"
    )
    args = parser.parse_args()
    modes = tuple(args.modes.split(","))
    write.SAVE_EVERY = args.save_every
    from tests.engine.opensearch import start

    docs = list(LegalCorpus(args.size, mix=args.mix, cites="resolving"))
    text_mb = sum(len(d.text.encode()) for d in docs) / 1e6
    print(f"{len(docs)} documents, {text_mb:.1f} MB of text; {os.popen('uptime').read().strip()}")
    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
    answers: list[tuple[str, Any]] = []
    rebuilt: Any = None
    with (
        tempfile.TemporaryDirectory(prefix="hD-engine-counts-") as tmp,
        start(Path(tmp) / "node") as node,
    ):
        for round_ in range(args.rounds):
            order = modes if round_ % 2 == 0 else modes[::-1]
            for mode in order:
                last = round_ == args.rounds - 1 and mode == modes[-1]
                run = one_run(node, mode, docs, Path(tmp), check=last)
                runs[mode].append(run["figures"])
                answers.append((mode, run["answer"]))
                rebuilt = run["rebuilt"] if last else rebuilt
                print(
                    f"round {round_ + 1} {mode:6} "
                    + " ".join(f"{k} {v:.2f}" for k, v in run["figures"].items()),
                    flush=True,
                )
    EngineStore.updates_counts = True
    same = all(found == answers[0][1] for _, found in answers)
    same_rebuilt = rebuilt == answers[-1][1] if rebuilt is not None else None
    medians = {
        mode: {key: round(statistics.median(r[key] for r in rows), 2) for key in rows[0]}
        for mode, rows in runs.items()
    }
    print()
    print("| mode | docs/s | bulk KB/doc (resent) | bulk requests | median/max KB a request "
          "| index / update actions | refreshes | our CPU-s/1k | engine CPU-s/1k "
          "| engine index ops | load |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mode, m in medians.items():
        print(
            f"| {mode} | {m['docs_per_s']:.1f} "
            f"| {m['bulk_kb_per_doc']:.1f} ({m['resent_kb_per_doc']:.1f}) "
            f"| {m['bulk_requests']:.0f} | {m['bulk_median_kb']:.0f}/{m['bulk_max_kb']:.0f} "
            f"| {m['index_ops']:.0f} / {m['update_ops']:.0f} | {m['refreshes']:.0f} "
            f"| {m['python_cpu_s_per_1k']:.1f} | {m['engine_cpu_s_per_1k']:.1f} "
            f"| {m['engine_index_total']:.0f} | {m['load']:.1f} |"
        )
    print(f"answers the same in every run: {same}; the last run rebuilt answers the same: "
          f"{same_rebuilt}; {os.popen('uptime').read().strip()}")  # fmt: skip
    keep(
        args.json,
        f"{args.mix}-{args.size}-{args.modes}-every{args.save_every}",
        {"documents": args.size, "rounds": args.rounds, "save_every": args.save_every,
         "cpus": os.cpu_count(),
         "medians": medians, "runs": runs, "answers_same": same,
         "rebuilt_same": same_rebuilt},
    )  # fmt: skip
    print(f"wrote {args.json}")
    return 0 if same and same_rebuilt is not False else 1


if __name__ == "__main__":
    sys.exit(main())
