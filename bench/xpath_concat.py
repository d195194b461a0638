"""What ``xpath:concat(/, /, …)`` costs when evaluated on one page (before specs bounded
``concat`` to ``MAX_CONCAT_READS`` page values), and what refusing it at load costs.

Each evaluation runs in a fresh process so its peak RSS is its own. Prints a table and
writes JSON (default ``bench/results/xpath_concat.json``).

Usage: python bench/xpath_concat.py [--kb 100] [--copies 16,64,300] [--json PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = """
import resource, sys, time
from parsel import Selector
kb, copies = int(sys.argv[1]), int(sys.argv[2])
page = Selector(text="<p>" + "palabra " * (kb * 128) + "</p>")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
value = page.xpath("concat(" + ", ".join(["/"] * copies) + ")").get()
cpu = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(cpu, (peak - before) / 1024, len(value))
"""


def evaluate(kb: int, copies: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(kb), str(copies)],
        capture_output=True, text=True, check=True, timeout=600,
    ).stdout.split()  # fmt: skip
    return {"cpu_s": float(out[0]), "rss_growth_mb": float(out[1]), "chars": int(out[2])}


def refuse(copies: int) -> float:
    sys.path.insert(0, str(REPO))
    from config.selector import Selector

    start = time.perf_counter()
    with contextlib.suppress(ValueError):
        Selector(select="xpath:concat(" + ", ".join(["/"] * copies) + ")")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--copies", default="16,64,300")
    parser.add_argument("--json", default=str(REPO / "bench/results/xpath_concat.json"))
    args = parser.parse_args()
    rows = []
    print(f"load: {os.getloadavg()}; page {args.kb} KB")
    print(f"{'copies':>7} {'cpu s':>8} {'RSS +MB':>9} {'value MB':>9} {'refused in ms':>14}")
    for copies in [int(c) for c in args.copies.split(",")]:
        row = {"copies": copies, **evaluate(args.kb, copies), "refuse_s": refuse(copies)}
        rows.append(row)
        print(
            f"{copies:>7} {row['cpu_s']:>8.2f} {row['rss_growth_mb']:>9.1f} "
            f"{row['chars'] / 1e6:>9.1f} {row['refuse_s'] * 1000:>14.2f}"
        )
    print(f"load after: {os.getloadavg()}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"kb": args.kb, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
