"""What each part of the native search costs on a fresh answer: hits, highlights, facets.

Usage: python bench/native_parts.py --data DIR [DIR ...] [--rounds 10] [--json PATH]

The store answers ``bench/search.py``'s mix once (each question fresh:
``bench/http_mix.py``'s ``fresh_query``, as ``/v1/search`` asks a fresh question) and the
native calls it made are kept; then each call is asked again of ``abierto_native`` with
parts taken away: the highlights (no ``marks``, no text), the facets, the exact total, 19
of the 20 hits (``limit 1``), and all of them at once (``bare``: the matching and scoring
alone). What a part costs is the difference to ``full``. Printed: CPU ms per call (the
process's: the native threads too), the median over ``--rounds`` per category and the mean
over the mix. Several data folders (the same library with its index in more or fewer
segments) are measured alternately, round by round, so the machine's load meets each the
same way. JSON goes to ``bench/results/native_parts.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from bench.http_mix import fresh_query  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import tantivy_native as native  # noqa: E402

RESULTS = REPO / "bench" / "results" / "native_parts.json"

# NativeReader.search's arguments after ``self``: generation, plan, limit, offset, sort,
# aggs, count, texts, marks, work
Call = tuple[Any, ...]
VARIANTS: dict[str, Callable[[Call], Call]] = {
    "full": lambda c: c,
    "no highlights": lambda c: (*c[:7], False, None, c[9]),
    "no facets": lambda c: (*c[:5], None, *c[6:]),
    "no total": lambda c: (*c[:6], False, *c[7:]),
    "limit 1": lambda c: (c[0], c[1], 1, *c[3:]),
    "bare": lambda c: (c[0], c[1], 1, c[3], c[4], None, False, False, None, c[9]),
}


def recorded(library: Library) -> list[tuple[native.NativeReader, Call]]:
    """The native calls the store makes for the mix's fresh questions, in its order."""
    calls: list[tuple[native.NativeReader, Call]] = []
    inner = native.NativeReader.search

    def keeping(reader: native.NativeReader, *args: Any, **kwargs: Any) -> Any:
        names = ("aggs", "count", "texts", "marks", "work")
        call = (*args, *(kwargs[name] for name in names if name in kwargs))
        calls.append((reader, call))
        return inner(reader, *call)

    native.NativeReader.search = keeping  # type: ignore[method-assign]
    try:
        for _, query in MIX:
            library.search_plain(fresh_query(query, time.time_ns() // 1000))
    finally:
        native.NativeReader.search = inner  # type: ignore[method-assign]
    if len(calls) != len(MIX):
        raise RuntimeError(f"{len(calls)} native calls for {len(MIX)} questions")
    return calls


def measure(data: list[Path], rounds: int) -> dict[str, Any]:
    libraries = [Library.open(Settings(data_dir=folder)) for folder in data]
    try:
        calls = [recorded(library) for library in libraries]
        categories = list(dict.fromkeys(category for category, _ in MIX))
        spent: dict[str, dict[str, dict[str, list[float]]]] = {
            str(folder): {v: {c: [] for c in categories} for v in VARIANTS} for folder in data
        }
        for _ in range(rounds):
            for folder, asked in zip(data, calls, strict=True):
                for variant, change in VARIANTS.items():
                    for (category, _), (reader, call) in zip(MIX, asked, strict=True):
                        began = time.process_time()
                        native.NativeReader.search(reader, *change(call))
                        ms = 1000 * (time.process_time() - began)
                        spent[str(folder)][variant][category].append(ms)
    finally:
        for library in libraries:
            library.close()
    weights = {c: sum(1 for category, _ in MIX if category == c) for c in categories}
    return {
        folder: {
            variant: {
                **{c: round(statistics.median(ms), 2) for c, ms in by_category.items()},
                "mix": round(
                    sum(statistics.fmean(by_category[c]) * weights[c] for c in categories)
                    / len(MIX),
                    2,
                ),
            }
            for variant, by_category in by_variant.items()
        }
        for folder, by_variant in spent.items()
    }


def table(result: dict[str, Any]) -> str:
    lines = []
    for folder, by_variant in result.items():
        columns = list(next(iter(by_variant.values())))
        lines.append(f"{folder}: CPU ms per native call (median per category, mean of the mix)")
        lines.append(f"{'':16}" + "".join(f"{c[:12]:>13}" for c in columns))
        for variant, row in by_variant.items():
            lines.append(f"{variant:16}" + "".join(f"{row[c]:>13.2f}" for c in columns))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, nargs="+", required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    result = measure(args.data, args.rounds)
    load_after = os.getloadavg()[0]
    print(table(result))
    print(f"load average before {load_before:.2f}, after {load_after:.2f}")
    entry = {"parts": result, "load_average": [load_before, load_after]}
    keep(args.json, "+".join(folder.name for folder in args.data), entry)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
