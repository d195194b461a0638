"""RSS reading, old against new: ``parse_feed`` as a git revision had it and as it is.

Usage: python bench/feed_ab.py [--old-rev m] [--rounds 5] [--json PATH]

Runs the old and the new reader alternately in this one process (on a shared machine
only ratios of the same minutes mean anything) over a 10,000-item feed and the 300,000
item one of ``tests.adversarial.hostile.large_feed``; for the large one also the new
reader under the feed spider's default cap (``feed.max_entries``), which reads the
first entries and counts the rest. Prints medians and writes JSON (default
``bench/results/feed_ab.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from config.spec_shapes import FeedRules  # noqa: E402
from crawlers.formats.feeds import parse_feed  # noqa: E402
from tests.adversarial.hostile import large_feed  # noqa: E402


def old_reader(rev: str) -> Callable[[bytes], object]:
    """``parse_feed`` as ``rev`` wrote it, loaded beside the current one."""
    source = subprocess.run(
        ["git", "show", f"{rev}:crawlers/formats/feeds.py"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("feeds_old")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, "feeds_old.py", "exec"), module.__dict__)
    return module.parse_feed


def timed(read: Callable[..., object], body: bytes, **options: int) -> float:
    started = time.perf_counter()
    read(body, **options)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-rev", default="m")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--large-rounds", type=int, default=1)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/feed_ab.json")
    args = parser.parse_args()
    old = old_reader(args.old_rev)
    cap = FeedRules.model_fields["max_entries"].default
    rows = []
    for items, rounds in ((10_000, args.rounds), (300_000, args.large_rounds)):
        body = large_feed(items)
        times: dict[str, list[float]] = {"old": [], "new": [], f"new, cap {cap}": []}
        for _ in range(rounds):
            times["old"].append(timed(old, body))
            times["new"].append(timed(parse_feed, body))
            times[f"new, cap {cap}"].append(timed(parse_feed, body, limit=cap))
        medians = {name: statistics.median(values) for name, values in times.items()}
        rows.append({"items": items, "bytes": len(body), "rounds": rounds, "median_s": medians})
    print(f"{'items':>8} {'MB':>5} {'rounds':>6} {'reader':14} {'median s':>9} {'× old':>7}")
    for row in rows:
        for name, seconds in row["median_s"].items():
            ratio = row["median_s"]["old"] / seconds
            print(
                f"{row['items']:>8,} {row['bytes'] / 1e6:>5.1f} {row['rounds']:>6} {name:14} "
                f"{seconds:>9.2f} {ratio:>7.1f}"
            )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {"machine": platform.platform(), "cpus": os.cpu_count(), "rows": rows}
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {args.json}")


if __name__ == "__main__":
    main()
