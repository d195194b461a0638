"""What a crawl's sessions cost the engine's speech index: the speeches of each batch
written as before (the session's old ids searched for, then a refresh forced so the next
batch's search sees them) against now (the old ids read from the database, deleted by
id in the same bulk, no refresh until the library's commit) and, with ``--ways``, after
within ``EngineSpeechIndex.loading`` (a refresh every 30 s until the load ends, as the
library's waiting flush does), alternately on one OpenSearch node, round after round,
while a reader searches the speech index five times a second.

Usage: python bench/speech_engine_writes.py [--sessions 40] [--speeches 200]
                                            [--batch 4] [--rounds 3] [--json PATH]
                                            [--ways before,after,loading]

Per run, into a fresh speech index and database: ``--sessions`` sessions of
``--speeches`` turns written in batches of ``--batch`` sessions (``process_sessions``, as
the library's flush does), then all of them written again with a quarter fewer turns (a
re-crawl: their excess speeches must go), then one refresh (the commit). Measured:
seconds, CPU milliseconds per speech written of this process and of the engine's JVM
(its JIT threads apart), the refreshes the index counted, its segments; the speeches
searchable at the end are checked against what was written. Medians over the rounds.
JSON goes to ``bench/results/speech_engine_writes.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.engine_write import node_cpu  # noqa: E402
from bench.results import keep  # noqa: E402
from indexer.db import Database  # noqa: E402
from indexer.models import Sesion  # noqa: E402
from indexer.speeches.model import Speech  # noqa: E402
from indexer.speeches.search.engine_index import EngineSpeechIndex  # noqa: E402
from indexer.speeches.service import process_sessions  # noqa: E402
from indexer.stores.engine import Connection, connect  # noqa: E402

RESULTS = REPO / "bench" / "results" / "speech_engine_writes.json"
WORDS = (REPO / "bench" / "palabras.txt").read_text(encoding="utf-8").split()
SEARCH_EVERY_S = 0.2
SPEAKERS = ("Pedro Salas Mora (PAN)", "Ana Luz Pérez (MORENA)", "Luis Mora Paz (PT)")


class Before:
    """The speech index as it was written before: no ids given, so it searches for them
    and refreshes after every write."""

    def __init__(self, index: EngineSpeechIndex) -> None:
        self.index = index

    def replace_sessions(
        self,
        session_ids: Iterable[str],
        speeches: Iterable[Speech],
        previous: Iterable[str] | None = None,
    ) -> int:
        return self.index.replace_sessions(session_ids, speeches)


def session(doc_id: str, turns: int, rng: random.Random) -> Sesion:
    text = "".join(
        f"-El diputado {SPEAKERS[n % 3]}: {' '.join(rng.choices(WORDS, k=60))}.\n"
        for n in range(turns)
    )
    return Sesion(
        id=doc_id,
        title="Sesión",
        date=dt.date(2025, 2, 18),
        institution="Congreso de Prueba",
        jurisdiction="MX-GUA",
        source_id="bench",
        url=f"https://bench.invalid/{doc_id}",
        text=text,
        congress="Congreso de Prueba",
        legislature="LXVI",
    )


def reader(url: str, name: str, stop: threading.Event) -> None:
    """The API searching the speech index meanwhile (an index nobody searches skips its
    scheduled refreshes: the load's setting would change nothing)."""
    client = connect("opensearch", Connection(url, timeout_s=60))
    body = {"query": {"match": {"text": "agua"}}, "size": 1}
    while not stop.is_set():
        with contextlib.suppress(Exception):
            client.search(name, body)
        stop.wait(SEARCH_EVERY_S)
    client.close()


def run(
    client: Any, url: str, pid: int, way: str, passes: list[list[Sesion]], batch: int
) -> dict[str, Any]:
    index = EngineSpeechIndex(client, f"bench-speeches-{way.replace(' ', '-')}-{time.time_ns()}")
    index.ensure()
    stop = threading.Event()
    searching = threading.Thread(target=reader, args=(url, index.name, stop), daemon=True)
    searching.start()
    with tempfile.TemporaryDirectory(prefix="bench-speech-db-") as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'abierto.db'}")
        writes = Before(index) if way == "before" else index
        try:
            stats = client.client.indices.stats(index=index.name, metric="refresh")
            refreshes = stats["_all"]["primaries"]["refresh"]["total"]
            began, cpu, jvm = time.perf_counter(), time.process_time(), node_cpu(pid)
            written = 0
            with index.loading() if way == "loading" else contextlib.nullcontext():
                for sessions in passes:
                    for at in range(0, len(sessions), batch):
                        written += process_sessions(db, writes, sessions[at : at + batch])
            index.refresh()
            seconds = time.perf_counter() - began
            python, node = time.process_time() - cpu, node_cpu(pid) - jvm
            stats = client.client.indices.stats(index=index.name)["_all"]["primaries"]
            expected = sum(len(s.text.splitlines()) for s in passes[-1]) if passes else 0
            if index.count() != expected:
                raise SystemExit(f"{way}: {index.count()} speeches searchable, not {expected}")
            return {
                "seconds": seconds,
                "python_ms_per_speech": 1000 * python / written,
                "engine_ms_per_speech": 1000 * node / written,
                "refreshes": stats["refresh"]["total"] - refreshes,
                "segments": stats["segments"]["count"],
                "load": os.getloadavg()[0],
            }
        finally:
            stop.set()
            searching.join()
            db.close()
            client.delete_index(index.name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--speeches", type=int, default=200)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ways", default="before,after", help="of before, after, loading")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    from tests.engine.opensearch import start

    rng = random.Random(7)
    fewer = args.speeches * 3 // 4
    passes = [
        [session(f"s{n:04d}", args.speeches, rng) for n in range(args.sessions)],
        [session(f"s{n:04d}", fewer, rng) for n in range(args.sessions)],
    ]
    ways = tuple(args.ways.split(","))
    runs: dict[str, list[dict[str, Any]]] = {way: [] for way in ways}
    with (
        tempfile.TemporaryDirectory(prefix="bench-speech-engine-") as tmp,
        start(Path(tmp) / "node") as node,
    ):
        client = connect("opensearch", Connection(node.url, timeout_s=120))
        for way in ways:  # warm the JVM, unmeasured
            run(client, node.url, node.pid, way, [passes[0][:8]], args.batch)
        for round_ in range(args.rounds):
            for way in ways if round_ % 2 == 0 else ways[::-1]:
                found = run(client, node.url, node.pid, way, passes, args.batch)
                runs[way].append(found)
                print(
                    f"round {round_ + 1} {way:6} "
                    + " ".join(f"{k} {v:.2f}" for k, v in found.items()),
                    flush=True,
                )
        client.close()
    medians = {
        way: {key: round(statistics.median(r[key] for r in rows), 3) for key in rows[0]}
        for way, rows in runs.items()
    }
    print()
    print("| writes | s | our CPU ms/speech | engine CPU ms/speech | refreshes | segments |")
    print("|---|---:|---:|---:|---:|---:|")
    for way, m in medians.items():
        print(
            f"| {way} | {m['seconds']:.1f} | {m['python_ms_per_speech']:.3f} "
            f"| {m['engine_ms_per_speech']:.3f} | {m['refreshes']:.0f} | {m['segments']:.0f} |"
        )
    keep(
        args.json,
        f"{args.sessions}x{args.speeches}-batch{args.batch}-{'-'.join(ways)}",
        {"sessions": args.sessions, "speeches": args.speeches, "batch": args.batch,
         "rounds": args.rounds, "cpus": os.cpu_count(), "medians": medians, "runs": runs},
    )  # fmt: skip
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
