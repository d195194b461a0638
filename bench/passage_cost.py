"""CPU of a search answer's ``passages`` (one link a snippet), this checkout's against a
revision's, on the real hits of a data folder.

Usage: python bench/passage_cost.py --data DIR [--against REV] [--rounds 60] [--json PATH]

The hits of ``bench/search.py``'s mix (ids, the search, the highlights) are read once
from the embedded store; then ``api.passages.passage_links`` of this checkout and of
``--against`` (its ``api/passages.py`` as that revision wrote it, loaded as a module
beside this one) make every hit's links in turn, ``--rounds`` times each, the order
alternating; then the same with every fourth word of the snippets quoted as rulings
quote (``&quot;…&quot;`` and an apostrophe, as the highlighters escape them; the mix's
synthetic texts have none); and, likewise, the hits' permalinks (``api.deps.permalink``'s
quoting, the other address made per hit). Printed: the calling thread's CPU per hit of each, median
and least, and whether both wrote the very same links. Thread CPU is what the machine's
load changes least; still say the load (printed). JSON goes to
``bench/results/passage_cost.json``.
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
import subprocess  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import quote  # noqa: E402

from api import passages  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402

RESULTS = REPO / "bench" / "results" / "passage_cost.json"
Hit = tuple[str, str | None, list[str]]


def old_module(revision: str) -> types.ModuleType:
    """``api/passages.py`` as ``revision`` wrote it, as a module of its own."""
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{revision}:api/passages.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("passages_before")
    exec(compile(source, f"{revision}:api/passages.py", "exec"), module.__dict__)
    return module


def mix_hits(data: Path) -> list[Hit]:
    library = Library.open(Settings(data_dir=data))
    try:
        return [
            (hit["id"], query.q, list(hit["highlights"]))
            for _, query in MIX
            for hit in library.search_plain(query).hits
        ]
    finally:
        library.close()


def quoted(hits: list[Hit]) -> list[Hit]:
    """The hits with every fourth word of their snippets in quotes, escaped."""

    def marked(fragment: str) -> str:
        words = fragment.split(" ")
        for n in range(1, len(words), 4):
            if "<" not in words[n]:
                words[n] = f"&quot;{words[n]}&#x27;s&quot;"
        return " ".join(words)

    return [(doc_id, q, [marked(f) for f in lit]) for doc_id, q, lit in hits]


def _per_hit_us(step: Callable[[], Any], hits: int) -> float:
    began = time.thread_time()
    step()
    return 1e6 * (time.thread_time() - began) / hits


def measure(hits: list[Hit], before: types.ModuleType, rounds: int) -> dict[str, Any]:
    makers: dict[str, dict[str, Callable[[Hit], Any]]] = {
        "links": {
            "before": lambda h: before.passage_links(*h),
            "this": lambda h: passages.passage_links(*h),
        },
        "links, quoted": {
            "before": lambda h: before.passage_links(*h),
            "this": lambda h: passages.passage_links(*h),
        },
        "permalink": {
            "before": lambda h: f"/v1/documents/{quote(h[0], safe='')}",
            "this": lambda h: f"/v1/documents/{passages.path_quoted(h[0])}",
        },
    }
    out: dict[str, Any] = {"hits": len(hits), "snippets": sum(len(h[2]) for h in hits)}
    for part, ways in makers.items():
        asked = quoted(hits) if part == "links, quoted" else hits
        made = {way: [make(h) for h in asked] for way, make in ways.items()}
        spent: dict[str, list[float]] = {way: [] for way in ways}
        for round_ in range(rounds):
            for way in list(ways) if round_ % 2 else list(ways)[::-1]:
                make = ways[way]
                spent[way].append(
                    _per_hit_us(lambda m=make, a=asked: [m(h) for h in a], len(asked))
                )
        out[part] = {
            way: {
                "median_us": round(statistics.median(v), 2),
                "least_us": round(min(v), 2),
            }
            for way, v in spent.items()
        }
        out[part]["same"] = made["before"] == made["this"]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--against", default="a2af858", help="the revision to compare")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    hits = mix_hits(args.data)
    result = measure(hits, old_module(args.against), args.rounds)
    result["against"] = args.against
    result["load_average"] = os.getloadavg()
    print(f"{result['hits']} hits, {result['snippets']} snippets; µs per hit (thread CPU)")
    print(f"{'':14}{'before med':>12}{'this med':>12}{'before min':>12}{'this min':>12}  same")
    for part in ("links", "links, quoted", "permalink"):
        row = result[part]
        print(
            f"{part:14}{row['before']['median_us']:>12.2f}{row['this']['median_us']:>12.2f}"
            f"{row['before']['least_us']:>12.2f}{row['this']['least_us']:>12.2f}  {row['same']}"
        )
    print("load average", " ".join(f"{x:.2f}" for x in result["load_average"]))
    keep(args.json, args.data.name, result)
    return 0 if all(result[p]["same"] for p in ("links", "links, quoted", "permalink")) else 1


if __name__ == "__main__":
    sys.exit(main())
