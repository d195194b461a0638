"""CPU per document written into the embedded index: tantivy-py's writer against the
native one (``native/src/writer.rs``: the same analysers, stems remembered), alternating;
the native one given the pair terms (``native-handed``, as before the writer made them) or
making them in its indexing threads (``native``).

Usage: python bench/native_writes.py [--size 5000] [--rounds 3] [--mix 3k] [--inline]
                                     [--json PATH]

Documents from ``bench/legal_corpus.py``, prepared once beforehand (``tantivy_entry
.prepare``, what the preparing workers do; with ``--inline``, by the store as it writes,
as a flush without workers does), then each round writes all of them into a fresh index
folder (``TantivyStore.upsert`` with the prepared entries, then ``release``: the commit
and the merges waited for), the writers alternating. Per document: the process's CPU
(every thread: Python's and Tantivy's indexing and merging threads), the main thread's
alone, and the wall clock; medians over the rounds, and the median of each round's
ratio of new over old (run back to back: the load drifts more between rounds).
"""

from __future__ import annotations

import argparse
import json
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

from bench.legal_corpus import LegalCorpus  # noqa: E402
from indexer.stores import tantivy_store  # noqa: E402
from indexer.stores.tantivy_entry import prepare  # noqa: E402
from indexer.stores.tantivy_store import TantivyStore  # noqa: E402

RESULTS = REPO / "bench" / "results" / "native_writes.json"
# (native writer, pair terms made by it)
WRITERS = {"tantivy-py": (False, False), "native-handed": (True, False), "native": (True, True)}


def write_once(
    docs: list[Any], writer: tuple[bool, bool], root: Path, inline: bool
) -> dict[str, float]:
    """One whole write of ``docs`` into a fresh folder: µs of CPU and wall per document."""
    tantivy_store.NATIVE_WRITES, tantivy_store.NATIVE_PAIRS = writer
    pairs = not tantivy_store.writer_makes_pairs()
    prepared = None if inline else {doc.id: prepare(doc, pairs) for doc in docs}
    folder = Path(tempfile.mkdtemp(dir=root))
    store = TantivyStore(folder)
    cpu, main, wall = time.process_time(), time.thread_time(), time.perf_counter()
    store.acquire()
    report = store.upsert(docs, commit=False, prepared=prepared)
    store.release()
    cpu, main, wall = (
        time.process_time() - cpu,
        time.thread_time() - main,
        time.perf_counter() - wall,
    )
    assert report.indexed == len(docs) and not report.errors
    assert store.index.searcher().num_docs == len(docs)
    n = len(docs)
    return {"cpu_us": cpu / n * 1e6, "main_us": main / n * 1e6, "wall_us": wall / n * 1e6}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--inline", action="store_true", help="prepared as written")
    args = parser.parse_args()
    if tantivy_store.NativeWriter is None:
        print("the native extension has no NativeWriter: run `make install`")
        return 1
    docs = list(LegalCorpus(args.size, mix=args.mix))
    load = os.getloadavg()
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in WRITERS}
    with tempfile.TemporaryDirectory(prefix="bench-native-writes-") as tmp:
        for round_ in range(args.rounds):
            order = list(WRITERS) if round_ % 2 == 0 else list(reversed(WRITERS))
            for name in order:
                runs[name].append(write_once(docs, WRITERS[name], Path(tmp), args.inline))
                print(f"round {round_ + 1} {name:10} " + json.dumps(runs[name][-1]), flush=True)
    medians = {
        name: {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        for name, rounds in runs.items()
    }
    how = "prepared as written" if args.inline else "prepared beforehand"
    print(f"\n{args.size} documents ({args.mix}, {how}), {args.rounds} rounds, load {load[0]:.1f}")
    print(f"{'writer':14} {'CPU µs/doc':>11} {'main µs/doc':>12} {'wall µs/doc':>12}")
    for name, m in medians.items():
        print(f"{name:14} {m['cpu_us']:>11.0f} {m['main_us']:>12.0f} {m['wall_us']:>12.0f}")
    # each round's new over old (the two ran back to back), then their median: the
    # machine's load drifts between rounds more than between two neighbouring runs
    for old_name, new_name in (("tantivy-py", "native"), ("native-handed", "native")):
        paired = {
            key: statistics.median(
                n[key] / o[key] for n, o in zip(runs[new_name], runs[old_name], strict=True)
            )
            for key in ("cpu_us", "main_us", "wall_us")
        }
        print(
            f"{new_name + '/' + old_name:14} {paired['cpu_us']:>11.2f} "
            f"{paired['main_us']:>12.2f} {paired['wall_us']:>12.2f}"
        )
    stored: dict[str, Any] = json.loads(args.json.read_text()) if args.json.is_file() else {}
    key = f"{args.mix}-{args.size}" + ("-inline" if args.inline else "")
    stored[key] = {
        "load_average": load,
        "cpus": os.cpu_count(),
        "rounds": runs,
        "medians": medians,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
