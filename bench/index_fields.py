"""What each full-text field costs Tantivy's writer: the same entries written with and
without the body's three fields (stemmed and stored ``text``, ``text_fold``,
``text_pair``), the process's CPU per document (the indexing threads' included), and
with every field but the pair fields' positions left out (``freq``: what a phrase of
three words or more, asked as its pairs at their offsets, could no longer be found by).

Usage: python bench/index_fields.py [--size 3000] [--mix 3k|real] [--rounds 3] [--json PATH]

Each variant writes the entries ``bench/write.py``'s path would hand the native writer
(``tantivy_entry.native_entry``, prepared beforehand and not counted) into a fresh index
folder and commits; the variants alternate, ``--rounds`` times, and their medians are
printed: which analysis of the text the writer's CPU goes to.
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

import tantivy  # noqa: E402

from bench.legal_corpus import LegalCorpus  # noqa: E402
from bench.results import keep as keep_result  # noqa: E402
from indexer.heap import settle_heap  # noqa: E402
from indexer.stores import tantivy_entry, tantivy_store  # noqa: E402

RESULTS = REPO / "bench" / "results" / "index_fields.json"
BODY = ("text", "text_fold", "text_pair")
VARIANTS: dict[str, Callable[[str], bool]] = {
    "every field": lambda name: True,
    "pairs without positions": lambda name: True,
    "no text_pair": lambda name: name != "text_pair",
    "no text_fold": lambda name: name != "text_fold",
    "no text (stemmed, stored)": lambda name: name != "text",
    "none of the three": lambda name: name not in BODY,
}
WITHOUT_POSITIONS = "pairs without positions"


class _FreqPairs:
    """A schema builder giving the pair fields frequencies but no positions."""

    def __init__(self) -> None:
        self.real = SCHEMA_BUILDER()

    def add_text_field(self, name: str, **options: Any) -> Any:
        if name.endswith("_pair"):
            options["index_option"] = "freq"
        return self.real.add_text_field(name, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _schema_without_pair_positions() -> Any:
    tantivy.SchemaBuilder = _FreqPairs  # type: ignore[misc]
    try:
        return BUILD_SCHEMA()
    finally:
        tantivy.SchemaBuilder = SCHEMA_BUILDER  # type: ignore[misc]


BUILD_SCHEMA = tantivy_store.build_schema
SCHEMA_BUILDER = tantivy.SchemaBuilder


def write(entries: list[Any], keep: Callable[[str], bool], positions: bool = True) -> float:
    """Process CPU seconds to write ``entries`` (their fields ``keep`` keeps) and commit;
    without ``positions``, into a folder whose pair fields have none."""
    with tempfile.TemporaryDirectory(prefix="bench-fields-") as tmp:
        tantivy_store.build_schema = BUILD_SCHEMA if positions else _schema_without_pair_positions
        try:
            store = tantivy_store.TantivyStore(Path(tmp))
        finally:
            tantivy_store.build_schema = BUILD_SCHEMA
        if not store.acquire(60):
            raise RuntimeError("the index's writer is taken")
        writer = store._writer  # type: ignore[attr-defined]
        began = time.process_time()
        for texts, date, count, payload in entries:
            writer.add_document([(n, v) for n, v in texts if keep(n)], date, count, payload)
        writer.commit()
        spent = time.process_time() - began
        store.release()
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not tantivy_store.writer_makes_pairs():
        print("the native writer is not installed: nothing to measure")
        return 1
    docs = list(LegalCorpus(args.size, mix=args.mix))
    text_mb = sum(len(doc.text.encode()) for doc in docs) / 1e6
    entries = [
        tantivy_entry.native_entry(d, tantivy_entry.prepare(d, pairs=False), [], 0, True)
        for d in docs
    ]
    del docs
    settle_heap()
    spent: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.rounds):
        for name, keep in VARIANTS.items():
            positions = name != WITHOUT_POSITIONS
            spent[name].append(1e6 * write(entries, keep, positions) / args.size)
    medians = {name: round(statistics.median(found), 1) for name, found in spent.items()}
    print(f"{args.size} documents, {text_mb:.0f} MB of text, {args.rounds} rounds")
    print(f"{'fields written':28} {'µs CPU/doc':>11} {'MB/CPU-s':>9}")
    for name, cost in medians.items():
        print(f"{name:28} {cost:>11.1f} {text_mb * 1e6 / args.size / cost:>9.2f}")
    keep_result(
        args.json,
        f"{args.mix}-{args.size}",
        {
            "us_cpu_per_doc": medians,
            "rounds": spent,
            "load_average": os.getloadavg(),
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
