"""What each field of the embedded index costs its writer: the same documents written by
the native writer (``native/src/writer.rs``) into fresh index folders, one variant leaving
some fields' values out, the variants alternating in each round (issue 14).

Usage: python bench/write_fields.py [--size 5000] [--rounds 3] [--mix 3k]
                                    [--variants all,-text_pair,...] [--json PATH]

Each document is the store's entry (``tantivy_entry.native_entry`` of a prepared document,
the pair fields given their field's own text, as ``NativeWriter.makes_pairs``), made before
any clock starts; a variant hands the writer the entry without the named fields' values
(``-payload``: an empty payload). Per document: the CPU of the threads other than the main
one (Tantivy's indexing, document-store and merging threads; the commit and the merges are
waited for), the main thread's (the calls into the writer), and the index's bytes; medians
over the rounds, and each variant's difference from ``all``. Leaving out one of the fields
that read the same text (``text``, ``text_fold``, ``text_pair``) saves only that field's
own postings: the text is split into words once for all three (``Remembered``), so the
split costs ``-body`` minus the three single differences.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import tantivy  # noqa: E402

from bench.legal_corpus import LegalCorpus  # noqa: E402
from indexer.stores import tantivy_store  # noqa: E402
from indexer.stores.base import FILTER_FIELDS  # noqa: E402
from indexer.stores.documents import citation_keys  # noqa: E402
from indexer.stores.tantivy_entry import key_field, native_entry, prepare  # noqa: E402

RESULTS = REPO / "bench" / "results" / "write_fields.json"
BODY = {"text", "text_fold", "text_pair"}
TITLE = {"title", "title_fold", "title_pair"}
META = {"meta", "meta_pair"}
FILTERS = set(FILTER_FIELDS)
KEYS = {key_field(name) for name in FILTER_FIELDS}
# the fields each variant leaves out
VARIANTS: dict[str, set[str]] = {
    "all": set(),
    "-text": {"text"},
    "-text_fold": {"text_fold"},
    "-text_pair": {"text_pair"},
    "-body": BODY,
    "-title": TITLE,
    "-meta": META,
    "-filters": FILTERS,
    "-keys": KEYS,
    "-payload": set(),
    "-indexed": BODY | TITLE | META | FILTERS | KEYS,
}
DEFAULT = "all,-text,-text_fold,-text_pair,-body,-title,-meta,-filters,-keys,-payload"

Entry = tuple[list[tuple[str, str]], int | None, int, bytes]


def entries(size: int, mix: str) -> list[Entry]:
    docs = list(LegalCorpus(size, seed=1, mix=mix))
    return [
        native_entry(doc, prepare(doc, pairs=False), citation_keys(doc), doc.cited_by_count, True)
        for doc in docs
    ]


def write(variant: str, made: list[Entry], heap: int, threads: int) -> dict[str, float]:
    """One variant's documents into a fresh index: ms of CPU per document (the writer's
    threads, the main thread) and the index's bytes per document."""
    import abierto_native

    left_out = VARIANTS[variant]
    keep_payload = variant != "-payload"
    docs = [
        ([(name, value) for name, value in texts if name not in left_out], day, count, payload)
        if left_out or not keep_payload
        else (texts, day, count, payload)
        for texts, day, count, payload in made
    ]
    if not keep_payload:
        docs = [(texts, day, count, b"") for texts, day, count, _ in docs]
    folder = Path(tempfile.mkdtemp(prefix="write-fields-"))
    try:
        tantivy.Index(tantivy_store.build_schema(), path=str(folder))
        writer = abierto_native.NativeWriter(str(folder), heap, threads, True)
        process, main = time.process_time(), time.thread_time()
        for doc in docs:
            writer.add_document(*doc)
        main = time.thread_time() - main
        writer.commit()
        writer.wait_merging_threads()
        process = time.process_time() - process
        size = sum(path.stat().st_size for path in folder.iterdir())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    n = len(docs)
    return {"writer": 1e3 * (process - main) / n, "main": 1e3 * main / n, "bytes": size / n}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--variants", default=DEFAULT)
    parser.add_argument("--threads", type=int, default=tantivy_store.WRITER_THREADS)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    variants = args.variants.split(",")
    unknown = [name for name in variants if name not in VARIANTS]
    if unknown:
        raise SystemExit(f"unknown variants {unknown}: {sorted(VARIANTS)}")
    if "all" not in variants:
        variants.insert(0, "all")
    made = entries(args.size, args.mix)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    loads = []
    for round_ in range(args.rounds):
        for name in variants:
            runs[name].append(write(name, made, tantivy_store.WRITER_HEAP, args.threads))
            loads.append(os.getloadavg()[0])
        print(
            f"round {round_ + 1}: "
            + " ".join(f"{name} {runs[name][-1]['writer']:.3f}" for name in variants),
            flush=True,
        )
    table: dict[str, Any] = {}
    for name in variants:
        table[name] = {
            who: statistics.median(run[who] for run in runs[name])
            for who in ("writer", "main", "bytes")
        }
    base = table["all"]["writer"]
    print(
        f"\nload {min(loads):.1f}-{max(loads):.1f}; {args.size} documents ({args.mix} mix), "
        f"{args.threads} indexing threads; ms of CPU per document, medians of {args.rounds}"
    )
    print(f"{'variant':12} {'writer':>8} {'vs all':>8} {'main':>7} {'bytes':>7}")
    for name, row in table.items():
        row["saved"] = base - row["writer"]
        print(
            f"{name:12} {row['writer']:8.3f} {-row['saved']:+8.3f} {row['main']:7.3f} "
            f"{row['bytes']:7.0f}"
        )
    results = json.loads(args.json.read_text()) if args.json.exists() else {}
    results[f"{args.mix}-{args.size}-{args.threads}t"] = {
        "load": [min(loads), max(loads)],
        "rounds": args.rounds,
        "variants": table,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
