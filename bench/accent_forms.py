"""What looking for words with a tilde and an accent (Ibáñez, Núñez, cañón) costs a search.

Usage: python bench/accent_forms.py [--rounds 9] [--json PATH]

An embedded store of 40 sentences of about 150 KB each (the query's words deep inside)
answers a few questions, each asked as never before (a word no text has, negated, makes
it new: no cached answer or question). Every round asks each question twice: once with
the passage finder's spellings as before (one letter of a word changed: ``old``) and once
as now (an ñ or ü and an acute accent also together: ``new``), the order alternating.
Printed per question: the median milliseconds of wall time per search in each mode, the
spellings looked for, and whether the first hit's snippet marks the word. JSON to
``bench/results/accent_forms.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from indexer import highlight  # noqa: E402
from indexer.models import Sentencia  # noqa: E402
from indexer.query import parse_query  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402
from indexer.stores.tantivy_store import TantivyStore  # noqa: E402

RESULTS = REPO / "bench" / "results" / "accent_forms.json"
QUESTIONS = ["Ibáñez", "nunez", "constitucional", '"pensión alimenticia"', "daño moral"]
FILLER = (
    "El tribunal analiza la constitucionalidad de los agravios expuestos por la parte "
    "recurrente en el juicio de amparo; la pensión fue fijada por el juez. "
)


def old_accented(head: str) -> list[str]:
    """The spellings as before: one letter of the word changed."""
    forms = {head}
    for i, letter in enumerate(head):
        forms.update(
            head[:i] + accented + head[i + 1 :] for accented in highlight._ACCENTED.get(letter, "")
        )
    return sorted(forms)


def corpus() -> list[Sentencia]:
    filler = FILLER * 900
    return [
        Sentencia(
            id=f"b-{n}", title=f"Sentencia {n}", date=dt.date(2024, 1, 1 + n % 28),
            institution="Poder Judicial", jurisdiction="MX-GUA", source_id="bench",
            url=f"http://127.0.0.1/{n}.pdf", court="Sala Civil", matter="civil",
            text=filler + " Declaró el perito Ibáñez y la señora Núñez sobre la pensión "
            "alimenticia y el daño moral causado. " + filler,
        )
        for n in range(40)
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    new_accented = highlight._accented
    times: dict[tuple[str, str], list[float]] = {}
    lit: dict[tuple[str, str], bool] = {}
    forms: dict[tuple[str, str], int] = {}
    with tempfile.TemporaryDirectory(prefix="accent-forms-") as folder:
        store = TantivyStore(Path(folder) / "index")
        store.upsert(corpus())
        fresh = itertools.count()
        for round_ in range(args.rounds):
            modes = [("old", old_accented), ("new", new_accented)]
            for q in QUESTIONS:
                for mode, accented in modes if round_ % 2 else modes[::-1]:
                    highlight._accented = accented
                    query = SearchQuery(q=f"{q} -zzq{next(fresh)}", limit=20, facets=[])
                    start = time.perf_counter()
                    result = store.search(query)
                    times.setdefault((q, mode), []).append(time.perf_counter() - start)
                    joined = " ".join(result.hits[0].highlights) if result.hits else ""
                    lit[(q, mode)] = "<mark>" in joined
                    tree = highlight.shown(parse_query(q))
                    finder = highlight.passage_finder(highlight.plan(tree))
                    forms[(q, mode)] = len(finder.forms)
        highlight._accented = new_accented
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; rounds: {args.rounds}")
    print(f"{'question':24} {'old ms':>8} {'new ms':>8} {'old forms':>9} {'new forms':>9}"
          f" {'old lit':>7} {'new lit':>7}")  # fmt: skip
    rows = []
    for q in QUESTIONS:
        old = statistics.median(times[(q, "old")]) * 1000
        new = statistics.median(times[(q, "new")]) * 1000
        row = {"question": q, "old_ms": round(old, 2), "new_ms": round(new, 2),
               "old_forms": forms[(q, "old")], "new_forms": forms[(q, "new")],
               "old_lit": lit[(q, "old")], "new_lit": lit[(q, "new")]}  # fmt: skip
        rows.append(row)
        print(f"{q:24} {old:8.2f} {new:8.2f} {row['old_forms']:9} {row['new_forms']:9}"
              f" {row['old_lit']!s:>7} {row['new_lit']!s:>7}")  # fmt: skip
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"load": load, "rounds": args.rounds, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
