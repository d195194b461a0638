"""Ask the native search the mix's fresh questions in a loop, for a profiler to watch.

Usage: perf record -D 12000 -F 1499 -g --call-graph dwarf,16384 -o perf.data \
    python bench/native_profile.py --data DIR [--seconds 30] [--category phrase]

The store answers ``bench/search.py``'s mix once (``bench/native_parts.py``'s
``recorded``: the native calls of fresh questions) and those calls are asked again and
again for ``--seconds``: the profile then shows the native search alone, not the store's
Python nor the start (``-D`` skips the opening; the release build is stripped, so profile
a build with ``CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
CARGO_PROFILE_RELEASE_STRIP=false``, its ``.so`` first on ``PYTHONPATH``). Prints the
calls made and the CPU ms per call (the process's: the search threads too).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import time  # noqa: E402

from bench.native_parts import recorded  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import tantivy_native as native  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--category", help="only the mix's questions of this category")
    args = parser.parse_args()
    library = Library.open(Settings(data_dir=args.data))
    try:
        calls = [
            call
            for (category, _), call in zip(MIX, recorded(library), strict=True)
            if args.category in (None, category)
        ]
        if not calls:
            parser.error(f"no question of category {args.category!r} in the mix")
        asked, began, end = 0, time.process_time(), time.monotonic() + args.seconds
        while time.monotonic() < end:
            for reader, call in calls:
                native.NativeReader.search(reader, *call)
                asked += 1
        spent = time.process_time() - began
    finally:
        library.close()
    print(f"{asked} native calls, {1000 * spent / asked:.2f} CPU ms per call")
    return 0


if __name__ == "__main__":
    sys.exit(main())
