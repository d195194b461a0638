"""Where the native search's CPU goes, by part of the work: a sampling profile of
``bench/native_profile.py`` grouped into buckets (positions, postings, scoring, ...).

Usage: python bench/native_hotspots.py --data DIR --native-path DIR [--seconds 20] [--skip 8]
                                       [--category phrase] [--json PATH]

``--native-path`` is a folder holding an ``abierto_native`` package built with symbols
(``CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_PROFILE_RELEASE_STRIP=false``; the
release build is stripped and its samples have no names): it goes first on ``PYTHONPATH``.
Made as ``cd native && CARGO_TARGET_DIR=/tmp/prof CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
CARGO_PROFILE_RELEASE_STRIP=false cargo build --release --locked`` (every crate again: half
an hour on a loaded 2-core machine), then a folder ``abierto_native/`` holding the installed
package's ``__init__.py`` and ``/tmp/prof/release/libabierto_native.so`` renamed
``abierto_native.abi3.so``.
``perf record`` watches ``bench/native_profile.py`` asking the mix's fresh native calls
again and again (the opening skipped), then ``perf report`` gives each function's own
samples (inlined code counts in the function it was inlined into). Each function falls in
the first bucket of ``BUCKETS`` one of whose names it contains. Printed: each bucket's share
of the samples and its CPU ms per native call (the share times ``native_profile.py``'s CPU
per call), then the 25 functions with most samples. JSON through ``bench/results.keep`` to
``bench/results/native_hotspots.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from typing import Any  # noqa: E402

from bench.results import keep  # noqa: E402

RESULTS = REPO / "bench" / "results" / "native_hotspots.json"

# (bucket, names a function's symbol may contain), the first that matches wins
BUCKETS: list[tuple[str, tuple[str, ...]]] = [
    ("highlights", ("highlight::", "memchr", "tokenizer", "rust_stemmers", "Stemmer")),
    ("stored documents", ("stored::", "store::", "lz4", "zstd", "ZSTD", "Decompress")),
    ("facets", ("facets::",)),
    (
        "phrase positions",
        ("PositionReader", "positions_with_offset", "phrase_scorer", "PhraseScorer"),
    ),
    (
        "prefix / automaton (bitset)",
        ("automaton", "Automaton", "prefix::", "fst::", "Regex", "ConstScorer", "BitSet"),
    ),
    ("union", ("BufferedUnionScorer", "union::", "Union")),
    ("intersection / exclude", ("Intersection", "intersect", "Exclude")),
    ("BM25 / term scorer", ("Bm25", "TermScorer", "term_scorer", "fieldnorm")),
    (
        "postings (doc ids, freqs)",
        ("SegmentPostings", "BlockSegmentPostings", "block_search", "SkipReader", "bitpack"),
    ),
    ("range / fast fields", ("range_query", "RangeDocSet", "columnar", "Column")),
    (
        "collectors",
        ("collector", "TopNComputer", "TopDocs", "Count", "pieces::", "for_each", "ComparableDoc"),
    ),
    ("memory", ("malloc", "free", "memcpy", "memmove", "memset", "realloc", "alloc::")),
    ("python", ("Py", "_Py", "python")),
]
SAMPLE = re.compile(r"^\s*([\d.]+)%\s+(\S+)\s+\[[.k]\]\s+(.*)$")


def record(
    data: Path, native_path: Path, seconds: float, skip: float, category: str | None, out: Path
) -> str:
    """``perf record`` of ``native_profile.py`` from ``skip`` seconds on (its start not
    sampled); returns its printed line (CPU ms per call)."""
    env = dict(os.environ, PYTHONPATH=f"{native_path}:{REPO}")
    command = [
        "perf", "record", "-q", "-F", "999", "-D", str(int(skip * 1000)), "-o", str(out), "--",
        sys.executable, str(REPO / "bench" / "native_profile.py"), "--data", str(data),
        "--seconds", str(seconds),
    ]  # fmt: skip
    if category:
        command += ["--category", category]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def functions(perf_data: Path) -> list[tuple[float, str, str]]:
    """(share %, object, symbol) of every function with samples, most first."""
    report = subprocess.run(
        ["perf", "report", "-i", str(perf_data), "--no-children", "--stdio",
         "--sort", "dso,sym", "--percent-limit", "0.01"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = []
    for line in report.splitlines():
        match = SAMPLE.match(line)
        if match:
            found.append((float(match[1]), match[2], match[3].strip()))
    return found


def bucket(dso: str, symbol: str) -> str:
    for name, parts in BUCKETS:
        if any(part in symbol for part in parts):
            return name
    if "abierto_native" in dso:
        return "other native"
    if "python" in dso or dso.startswith("libpython"):
        return "python"
    return "other (kernel, libc)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--native-path", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--skip", type=float, default=8.0, help="seconds of start unsampled")
    parser.add_argument("--category")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        perf_data = Path(scratch) / "perf.data"
        line = record(
            args.data, args.native_path, args.seconds, args.skip, args.category, perf_data
        )
        found = functions(perf_data)
    load_after = os.getloadavg()[0]
    per_call = float(re.search(r"([\d.]+) CPU ms per call", line)[1])
    shares: dict[str, float] = {}
    for share, dso, symbol in found:
        name = bucket(dso, symbol)
        shares[name] = shares.get(name, 0.0) + share
    total = sum(shares.values()) or 1.0
    print(f"{line} ({args.category or 'whole mix'}); load {load_before:.1f} -> {load_after:.1f}")
    print(f"{'bucket':28}{'share':>8}{'ms/call':>9}")
    rows: dict[str, Any] = {}
    for name, share in sorted(shares.items(), key=lambda item: -item[1]):
        ms = per_call * share / total
        rows[name] = {"share": round(share / total, 4), "ms_per_call": round(ms, 3)}
        print(f"{name:28}{100 * share / total:>7.1f}%{ms:>9.3f}")
    print("\ntop functions:")
    for share, dso, symbol in found[:25]:
        print(f"{share:6.2f}%  {bucket(dso, symbol)[:18]:18}  {symbol[:110]}")
    entry = {
        "category": args.category,
        "cpu_ms_per_call": per_call,
        "buckets": rows,
        "top": [{"share": s, "dso": d, "symbol": f} for s, d, f in found[:40]],
        "load_average": [load_before, load_after],
    }
    keep(args.json, f"{args.data.name}:{args.category or 'mix'}", entry)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
