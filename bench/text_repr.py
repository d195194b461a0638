"""The CPU of a long text's repr for the content hash: ``repr(text).encode()`` (before)
against ``indexer.text_repr.repr_utf8`` (after), alternately, on fresh strings (no UTF-8
kept in them), with a check that every text gives the same bytes.

Usage: python bench/text_repr.py [--size 1500] [--rounds 7] [--json PATH]

Texts: ``bench/legal_corpus.py``'s real mix, and the shared corpus's real texts
(``bench/write_same.py``: whole, and in pieces of over 2,048 characters, the length
from which a value is hashed this way) when present.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from bench.write_same import pieces, real_texts  # noqa: E402
from indexer.text_repr import repr_utf8  # noqa: E402

RESULTS = REPO / "bench" / "results" / "text_repr.json"


def before(text: str) -> bytes:
    return repr(text).encode()


def timed(make: Callable[[str], bytes], texts: list[str]) -> float:
    """µs of CPU per text, each text a fresh copy (as a document read from a page is)."""
    fresh = [("x" + text)[1:] for text in texts]
    began = time.thread_time()
    for text in fresh:
        make(text)
    return 1e6 * (time.thread_time() - began) / len(texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    real = real_texts()
    sets = {
        "bench real mix": [doc.text for doc in LegalCorpus(args.size, mix="real")],
        "shared, whole": real,
        "shared, pieces": [p for p in pieces(real) if len(p) > 2048],
    }
    print(f"load {os.getloadavg()[0]:.1f}; µs of CPU per text, medians of {args.rounds} rounds")
    print(f"{'texts':16} {'texts':>6} {'KB':>6} {'before':>8} {'after':>8} {'ratio':>6} same")
    table = {}
    for name, texts in sets.items():
        if not texts:
            continue
        same = all(repr_utf8(t) == before(t) for t in texts)
        runs: dict[str, list[float]] = {"before": [], "after": []}
        for _ in range(args.rounds):
            runs["before"].append(timed(before, texts))
            runs["after"].append(timed(repr_utf8, texts))
        old, new = (statistics.median(runs[k]) for k in ("before", "after"))
        kb = sum(map(len, texts)) / len(texts) / 1e3
        table[name] = {"texts": len(texts), "before": old, "after": new, "same": same}
        print(
            f"{name:16} {len(texts):>6} {kb:>6.1f} {old:>8.1f} {new:>8.1f} "
            f"{new / old:>6.2f} {'yes' if same else 'NO'}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"load": os.getloadavg(), "table": table}, indent=1))
    return 0 if all(row["same"] for row in table.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
