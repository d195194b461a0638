"""What reading each ``&`` of a feed costs: ``xml_text`` (HTML names read as their
characters, references XML cannot carry dropped) against the one pattern it replaced
(every bare ``&`` escaped, references left to the parser).

Usage: python bench/feed_references.py [--items 300000] [--rounds 5] [--json PATH]

Two feeds of ``--items`` items: one without references, one with three in each title
(``&amp;``, ``&#243;``, ``&nbsp;``). Each way is timed alternately ``--rounds`` times;
printed: medians in seconds, the ratio, and the load average. JSON goes to
``bench/results/feed_references.json``.
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
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

from bench.results import keep  # noqa: E402
from crawlers.formats import xml  # noqa: E402

RESULTS = REPO / "bench" / "results" / "feed_references.json"
_BARE_AMPERSAND = re.compile(r"&(?!(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});)")


def before(body: bytes) -> str:
    """``xml_text`` as it was: the same steps, the bare ``&`` escaped and nothing else."""
    declared = xml._DECLARED.search(body[:200])
    text, _ = xml.decode_bytes(body, declared[1].decode("ascii") if declared else None)
    text = xml._DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    xml.refuse_entities(text)
    return _BARE_AMPERSAND.sub("&amp;", text)


def feed(items: int, title: str) -> bytes:
    entries = "".join(
        f"<item><title>{title} {n}</title><link>/a/{n}</link></item>" for n in range(items)
    )
    return f"<?xml version='1.0'?><rss><channel><title>G</title>{entries}</channel></rss>".encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    feeds = {
        "sin referencias": feed(args.items, "Acuerdo del Pleno"),
        "3 referencias por título": feed(args.items, "Acuerdo &amp; Comisi&#243;n&nbsp;Pleno"),
    }
    ways: dict[str, Callable[[bytes], str]] = {"antes": before, "ahora": xml.xml_text}
    load = os.getloadavg()
    spent: dict[tuple[str, str], list[float]] = {}
    for round_ in range(args.rounds):
        order = list(ways.items()) if round_ % 2 else list(reversed(ways.items()))
        for name, body in feeds.items():
            for way, read in order:
                began = time.perf_counter()
                read(body)
                spent.setdefault((name, way), []).append(time.perf_counter() - began)
    result = {}
    print(f"{'feed':28}{'MB':>6}{'antes s':>10}{'ahora s':>10}{'ratio':>8}")
    for name, body in feeds.items():
        old, new = (statistics.median(spent[(name, way)]) for way in ways)
        result[name] = {"mb": len(body) / 1e6, "antes_s": old, "ahora_s": new}
        print(f"{name:28}{len(body) / 1e6:>6.1f}{old:>10.3f}{new:>10.3f}{new / old:>8.2f}")
    print(f"load average before {load[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    keep(args.json, "feed_references", {**result, "load_average": [load, os.getloadavg()]})
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
