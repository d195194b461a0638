"""What each full-text field costs Tantivy's writer: the same entries written with and
without the body's three fields (stemmed and stored ``text``, ``text_fold``,
``text_pair``), the process's CPU per document (the indexing threads' included), and
with every field but the pair fields' positions left out (``freq``: what a phrase of
three words or more, asked as its pairs at their offsets, could no longer be found by).
And the pair layouts a phrase of rarer words could do without (its words' positions in
``text`` would find it): the pair terms made beforehand (``premade``) and given to a
writer that only splits them at spaces, all of them, only the pairs with a frequent
word (``--frequent`` most frequent stems of the corpus), or only those of two. With
``--text FILE`` (a real document's plain text: the synthetic corpus has a small
vocabulary), the share of its pair tokens and terms each layout keeps, too.

Usage: python bench/index_fields.py [--size 3000] [--mix 3k|real] [--rounds 3]
                                    [--frequent 100] [--text FILE] [--json PATH]

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
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import tantivy  # noqa: E402

from bench.legal_corpus import LegalCorpus  # noqa: E402
from bench.results import keep as keep_result  # noqa: E402
from indexer.analysis import PAIR_JOIN, pair_text  # noqa: E402
from indexer.heap import settle_heap  # noqa: E402
from indexer.stores import tantivy_entry, tantivy_store  # noqa: E402
from indexer.stores.tantivy_store import WRITER_HEAP, WRITER_THREADS, NativeWriter  # noqa: E402

RESULTS = REPO / "bench" / "results" / "index_fields.json"
BODY = ("text", "text_fold", "text_pair")
VARIANTS: dict[str, Callable[[str], bool]] = {
    "every field": lambda name: True,
    "pairs without positions": lambda name: True,
    "no text_pair": lambda name: name != "text_pair",
    "no title_pair, meta_pair": lambda name: name not in ("title_pair", "meta_pair"),
    "no text_fold": lambda name: name != "text_fold",
    "no text (stemmed, stored)": lambda name: name != "text",
    "none of the three": lambda name: name not in BODY,
}
WITHOUT_POSITIONS = "pairs without positions"
PAIR_FIELDS = ("title_pair", "text_pair", "meta_pair")
# the pair terms made beforehand, and which of them are kept (given the frequent stems)
PREMADE: dict[str, Callable[[str, frozenset[str]], bool]] = {
    "premade: every pair": lambda pair, frequent: True,
    "premade: a frequent word": lambda pair, frequent: _kept(pair, frequent, any),
    "premade: two frequent": lambda pair, frequent: _kept(pair, frequent, all),
}


def _kept(pair: str, frequent: frozenset[str], which: Callable[[Any], bool]) -> bool:
    """Whether ``which`` (any, all) of a pair term's stems are frequent; a gap (``_``,
    no stems) is kept by every layout."""
    two = _two(pair)
    return not two or which(word in frequent for word in two)


def _two(pair: str) -> list[str]:
    """A pair term's two stems (a gap, ``_``, has none)."""
    left, _, right = pair.partition(PAIR_JOIN)
    return [left, right] if left and right else []


def frequent_stems(entries: list[Any], most: int) -> frozenset[str]:
    """The ``most`` stems the entries' texts hold most often (a stopword list's role)."""
    counted: Counter[str] = Counter()
    for texts, *_ in entries:
        for name, value in texts:
            if name == "text_pair":
                counted.update(pair.partition(PAIR_JOIN)[0] for pair in value.split())
    return frozenset(stem for stem, _ in counted.most_common(most) if stem)


def kept_pairs(
    entries: list[Any], keep: Callable[[str, frozenset[str]], bool], frequent: frozenset[str]
) -> tuple[list[Any], float, float]:
    """The entries with only the pair terms ``keep`` keeps, and the share of the pair
    tokens and of the distinct pair terms kept (``text_pair``)."""
    kept_entries = []
    tokens = [0, 0]
    terms: tuple[set[str], set[str]] = (set(), set())
    for texts, *rest in entries:
        values = []
        for name, value in texts:
            if name in PAIR_FIELDS:
                pairs = value.split()
                chosen = [pair for pair in pairs if keep(pair, frequent)]
                if name == "text_pair":
                    tokens[0] += len(pairs)
                    tokens[1] += len(chosen)
                    terms[0].update(pairs)
                    terms[1].update(chosen)
                value = " ".join(chosen)
            values.append((name, value))
        kept_entries.append((values, *rest))
    return kept_entries, tokens[1] / max(1, tokens[0]), len(terms[1]) / max(1, len(terms[0]))


def real_shares(path: Path, most: int) -> dict[str, tuple[float, float]]:
    """The share of the pair tokens and terms of the text in ``path`` each layout keeps
    (its own ``most`` most frequent stems)."""
    entries = [([("text_pair", pair_text(path.read_text()))], None, 0, b"")]
    frequent = frequent_stems(entries, most)
    shares = {}
    for name, rule in PREMADE.items():
        _, tokens, terms = kept_pairs(entries, rule, frequent)
        shares[name] = (round(tokens, 3), round(terms, 3))
    return shares


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


def write(
    entries: list[Any], keep: Callable[[str], bool], positions: bool = True, premade: bool = False
) -> float:
    """Process CPU seconds to write ``entries`` (their fields ``keep`` keeps) and commit;
    without ``positions``, into a folder whose pair fields have none; ``premade``: their
    pair fields hold the pair terms, split at spaces by the writer."""
    with tempfile.TemporaryDirectory(prefix="bench-fields-") as tmp:
        tantivy_store.build_schema = BUILD_SCHEMA if positions else _schema_without_pair_positions
        try:
            store = tantivy_store.TantivyStore(Path(tmp))
        finally:
            tantivy_store.build_schema = BUILD_SCHEMA
        if not store.acquire(60):
            raise RuntimeError("the index's writer is taken")
        writer = store._writer  # type: ignore[attr-defined]
        if premade:
            store.release()
            writer = NativeWriter(str(tmp), WRITER_HEAP, WRITER_THREADS, False)
        began = time.process_time()
        for texts, date, count, payload in entries:
            writer.add_document([(n, v) for n, v in texts if keep(n)], date, count, payload)
        writer.commit()
        spent = time.process_time() - began
        if premade:
            writer.wait_merging_threads()
        else:
            store.release()
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--mix", default="3k", choices=["3k", "real"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--frequent", type=int, default=100)
    parser.add_argument("--text", type=Path, action="append", default=[])
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
    premade = [
        tantivy_entry.native_entry(d, tantivy_entry.prepare(d, pairs=True), [], 0, False)
        for d in docs
    ]
    del docs
    frequent = frequent_stems(premade, args.frequent)
    layouts = {name: kept_pairs(premade, rule, frequent) for name, rule in PREMADE.items()}
    del premade
    settle_heap()
    spent: dict[str, list[float]] = {name: [] for name in [*VARIANTS, *PREMADE]}
    for _ in range(args.rounds):
        for name, keep in VARIANTS.items():
            positions = name != WITHOUT_POSITIONS
            spent[name].append(1e6 * write(entries, keep, positions) / args.size)
        for name, (kept, _, _) in layouts.items():
            spent[name].append(1e6 * write(kept, lambda _: True, premade=True) / args.size)
    medians = {name: round(statistics.median(found), 1) for name, found in spent.items()}
    print(f"{args.size} documents, {text_mb:.0f} MB of text, {args.rounds} rounds")
    print(f"{'fields written':28} {'µs CPU/doc':>11} {'MB/CPU-s':>9} {'pairs':>6} {'terms':>6}")
    for name, cost in medians.items():
        shares = ""
        if name in layouts:
            shares = f" {layouts[name][1]:>6.0%} {layouts[name][2]:>6.0%}"
        print(f"{name:28} {cost:>11.1f} {text_mb * 1e6 / args.size / cost:>9.2f}{shares}")
    print(f"frequent stems ({len(frequent)}): {' '.join(sorted(frequent)[:40])} …")
    real = {str(path): real_shares(path, args.frequent) for path in args.text}
    for path, shares in real.items():
        print(f"{path}: pair tokens, terms kept")
        for name, (tokens, terms) in shares.items():
            print(f"  {name:26} {tokens:>6.0%} {terms:>6.0%}")
    keep_result(
        args.json,
        f"{args.mix}-{args.size}",
        {
            "us_cpu_per_doc": medians,
            "rounds": spent,
            "frequent_stems": args.frequent,
            "kept_pair_tokens": {name: round(found[1], 3) for name, found in layouts.items()},
            "kept_pair_terms": {name: round(found[2], 3) for name, found in layouts.items()},
            "real_texts": real,
            "load_average": os.getloadavg(),
        },
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
