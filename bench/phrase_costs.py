"""Where a dense phrase's and a dense boolean's CPU goes: the question and its parts asked
of the native search, alternately, so the parts' costs can be subtracted.

Usage: python bench/phrase_costs.py --data DIR [--rounds 9] [--json PATH]

For each question (``QUESTIONS``, planned as the store plans it), the page of 20 by
relevance with the exact total, no facets and no highlights, asked in several shapes:
the plan as served; for a phrase, each field's phrase alone, its words intersected with
scores (the same documents without positions), intersected without scores (document ids
alone) and each word alone; for a boolean, its required clauses without the excluded
one, each clause alone, and the required words on ``text`` alone. Every shape is asked
once per round, in an order that turns each round (the machine is shared: all meet the
same load). Printed: the median CPU milliseconds (every thread) and the total, shape by
shape; the differences are the costs: positions = phrase - scored intersection, freqs
and scores = scored - unscored intersection. JSON through ``bench/results.keep`` to
``bench/results/phrase_costs.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
from typing import Any  # noqa: E402

RESULTS = REPO / "bench" / "results" / "phrase_costs.json"
LIMIT = 20
QUESTIONS = ('"interés superior de la niñez"', "amparo AND constitucionalidad NOT laboral")


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _nodes(plan: Any, kind: str) -> list[Any]:
    """The plan's nodes of ``kind``, depth first."""
    if not isinstance(plan, list) or not plan:
        return []
    found = [plan] if plan[0] == kind else []
    for part in plan:
        if isinstance(part, list):
            found += _nodes(part, kind)
    return found


def _phrase_shapes(plan: Any) -> dict[str, Any]:
    shapes: dict[str, Any] = {"as served": plan}
    phrases = _nodes(plan, "phrase")
    for phrase in phrases:
        shapes[f"phrase on {phrase[1]}"] = phrase
    widest = next((p for p in phrases if p[1] == "text_pair"), phrases[-1])
    field, words = widest[1], [word for _, word in widest[2]]
    both = [["must", ["term", field, word]] for word in words]
    shapes[f"words ANDed on {field}, scored"] = ["bool", both]
    shapes[f"words ANDed on {field}, unscored"] = ["const", ["bool", both], 1.0]
    for word in words:
        shapes[f"term {field}:{word}"] = ["term", field, word]
    return shapes


def _boolean_shapes(plan: Any) -> dict[str, Any]:
    shapes: dict[str, Any] = {"as served": plan}
    clauses = plan[1]
    required = [clause for clause in clauses if clause[0] == "must"]
    shapes["required clauses only"] = ["bool", required]
    for n, (occur, clause) in enumerate(clauses):
        shapes[f"clause {n} ({occur}) alone"] = clause
    texts = [["must", term] for term in _nodes(required, "term") if term[1] == "text"]
    shapes["required words on text, scored"] = ["bool", texts]
    shapes["required words on text, unscored"] = ["const", ["bool", texts], 1.0]
    return shapes


def shapes_of(question: str) -> dict[str, Any]:
    from indexer.stores import SearchQuery
    from indexer.stores.tantivy_store import _plan_json, _question

    plan = json.loads(_plan_json(SearchQuery(q=question), _question(question)))
    if _nodes(plan, "phrase"):
        return _phrase_shapes(plan)
    return _boolean_shapes(plan)


def measure(data: Path, rounds: int) -> dict[str, Any]:
    import abierto_native

    from indexer.stores import tantivy_native

    index = abierto_native.NativeIndex(
        str(data / "index"),
        max(1, os.cpu_count() or 1),
        tantivy_native.PIECE_DOCS,
        tantivy_native.DOC_STORE_BLOCKS,
    )
    summary: dict[str, Any] = {}
    for question in QUESTIONS:
        shapes = {name: json.dumps(plan) for name, plan in shapes_of(question).items()}
        names = list(shapes)
        spent: dict[str, list[float]] = {name: [] for name in names}
        totals: dict[str, int | None] = {}
        for turn in range(rounds):
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                began = _cpu()
                total, _, _ = index.search(shapes[name], LIMIT, 0, "relevance", True)
                spent[name].append((_cpu() - began) * 1000)
                totals[name] = total
        summary[question] = {
            name: {
                "cpu_ms": round(statistics.median(spent[name]), 2),
                "total": totals[name],
                "plan": shapes[name],
            }
            for name in names
        }
    return summary


def table(summary: dict[str, Any]) -> str:
    lines = []
    for question, shapes in summary.items():
        lines += ["", f"### {question}", "", "| shape | CPU ms | total |", "|---|---:|---:|"]
        lines += [
            f"| {name} | {row['cpu_ms']:.1f} | {row['total']} |" for name, row in shapes.items()
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    from bench.results import keep

    summary = measure(args.data, args.rounds)
    print(table(summary))
    keep(args.json, str(args.data), {"rounds": args.rounds, "questions": summary})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
