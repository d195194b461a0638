"""The CPU of a fresh search with the highlights made natively or in Python, side by side.

Usage: python bench/highlight_cpu.py --data DIR [--rounds 10] [--json PATH]

The store of the data folder ``DIR`` answers ``bench/search.py``'s mix, each question
asked as never before (``bench/http_mix.py``'s ``fresh_query``: no cache answers it),
twice in a row: once with its hits' highlights made by the native search
(``native/src/highlight.rs``, the texts never crossing into Python) and once with the
texts handed to Python's ``_highlights`` (``tantivy_store.NATIVE_HIGHLIGHTS`` off), the
order alternating so both meet the same load. Printed per category: the median CPU
milliseconds (this process, every thread) per search in each mode, and how many
answers were the same (hits, scores, highlights, total, facets). JSON to
``bench/results/highlight_cpu.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from bench.http_mix import fresh_query  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import SearchQuery, SearchResult, tantivy_store  # noqa: E402

RESULTS = REPO / "bench" / "results" / "highlight_cpu.json"
MODES = ("python", "native")


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _answer(result: SearchResult) -> dict[str, Any]:
    """What a reader sees, the facets by name (their order follows the question's)."""
    dumped = result.model_dump(exclude={"next_cursor"})
    dumped["facets"] = dict(sorted(dumped["facets"].items()))
    return dumped


def compare(library: Library, rounds: int) -> dict[str, Any]:
    fresh = itertools.count(int(time.time()) % 100_000 * 1000)

    def asked(query: SearchQuery) -> SearchQuery:
        return fresh_query(query, next(fresh))

    for _, query in MIX:  # warm-up
        library.search(asked(query))
    spent: dict[str, dict[str, list[float]]] = {mode: {} for mode in MODES}
    same = questions = 0
    for round_ in range(rounds):
        for n, (category, query) in enumerate(MIX):
            answers = {}
            for mode in MODES if (round_ + n) % 2 else MODES[::-1]:
                tantivy_store.NATIVE_HIGHLIGHTS = mode == "native"
                question = asked(query)
                began = _cpu()
                result = library.search(question)
                spent[mode].setdefault(category, []).append((_cpu() - began) * 1000)
                answers[mode] = _answer(result)
            questions += 1
            same += answers["python"] == answers["native"]
    tantivy_store.NATIVE_HIGHLIGHTS = True
    summary: dict[str, Any] = {"same_answers": same, "questions": questions}
    for mode in MODES:
        spent[mode]["all"] = [x for values in list(spent[mode].values()) for x in values]
        summary[mode] = {
            category: {
                "median_cpu_ms": round(statistics.median(values), 2),
                "mean_cpu_ms": round(statistics.mean(values), 2),
            }
            for category, values in spent[mode].items()
        }
    return summary


def table(summary: dict[str, Any]) -> str:
    heads = [f"{mode} {key}" for key in ("median", "mean") for mode in MODES]
    lines = [f"{'CPU ms per search':18}" + "".join(f"{h:>15}" for h in heads)]
    for category in summary["python"]:
        row = [summary[m][category][f"{k}_cpu_ms"] for k in ("median", "mean") for m in MODES]
        lines.append(f"{category:18}" + "".join(f"{value:>15.2f}" for value in row))
    lines.append(f"same answers: {summary['same_answers']}/{summary['questions']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()
    library = Library.open(Settings(data_dir=args.data))
    try:
        if getattr(library.store, "_native_reader", None) is None:
            raise SystemExit("the data folder's store is not the embedded one")
        summary = compare(library, args.rounds)
    finally:
        library.close()
    load_after = os.getloadavg()
    print(table(summary))
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    summary["load_average"] = {"before": load_before, "after": load_after}
    summary["machine"] = {"cpus": os.cpu_count()}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"wrote {args.json}")
    return 0 if summary["same_answers"] == summary["questions"] else 1


if __name__ == "__main__":
    sys.exit(main())
