"""CPU of one access line's text: uvicorn's ``AccessFormatter`` against ``AccessLines``.

Usage: python bench/access_lines.py [--lines 50000] [--rounds 5] [--json PATH]

Each formatter makes ``--lines`` lines of a search's access record (uvicorn's five
arguments, a 130-character address), alternately ``--rounds`` times, colours off (as a
log file or the journal gets them) and on (a terminal). Printed: µs of CPU per line,
medians, and the load average. Only the text is measured: the record (made by
``logging`` for either) and the write are the same for both. JSON goes to
``bench/results/access_lines.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from uvicorn.logging import AccessFormatter  # noqa: E402

from bench.results import keep  # noqa: E402
from cli.access_lines import ACCESS_FORMAT, AccessLines  # noqa: E402

RESULTS = REPO / "bench" / "results" / "access_lines.json"
TARGET = (
    "/v1/search?q=amparo+directo&sort=relevance&facets=court%2Ctype%2Csource%2Cyear"
    "%2Cstate%2Cmatter%2Clanguage%2Cjurisdiction%2Cchamber"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:50000", "GET", TARGET, "1.1", 200), None,
    )  # fmt: skip
    before = os.getloadavg()
    spent: dict[str, list[float]] = {}
    for round_ in range(args.rounds):
        for colors in (False, True):
            kinds = (AccessFormatter, AccessLines) if round_ % 2 else (AccessLines, AccessFormatter)
            for kind in kinds:
                formatter = kind(ACCESS_FORMAT, use_colors=colors)
                began = time.process_time()
                for _ in range(args.lines):
                    formatter.format(record)
                us = 1e6 * (time.process_time() - began) / args.lines
                spent.setdefault(
                    f"{kind.__name__}, colours {'on' if colors else 'off'}", []
                ).append(us)
    result = {name: round(statistics.median(values), 2) for name, values in spent.items()}
    print(f"{'µs of CPU per line, medians':36}")
    for name, us in result.items():
        print(f"{name:36}{us:>8.2f}")
    print(f"load average before {before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    keep(args.json, "access_lines", {**result, "load_average": [before, os.getloadavg()]})
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
