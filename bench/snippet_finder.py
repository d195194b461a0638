"""What the passage finder's spellings and numbers cost a search, before and now.

Usage: python bench/snippet_finder.py [--rounds 9] [--json PATH]

An embedded store of 40 sentences of about 150 KB each (the query's words deep inside,
dates of the case's year near the start) answers a few questions, each asked as never
before (a word no text has, negated, makes it new: no cached answer or question). Every
round asks each question twice: once with the passage finder as before (one letter of a
word changed; numbers of two digits dropped, longer ones looked for less their last
digit: ``old``) and once as now (an ñ or ü and an acute accent also together; every
number looked for whole: ``new``), the order alternating. Printed per question: the
median milliseconds of wall time per search in each mode, the spellings looked for, and
whether the first hit's snippet marks what it should. JSON to
``bench/results/snippet_finder.json``.
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
from indexer.stores import SearchQuery, tantivy_store  # noqa: E402
from indexer.stores.tantivy_store import TantivyStore  # noqa: E402

RESULTS = REPO / "bench" / "results" / "snippet_finder.json"
# each question and what its snippet should mark
QUESTIONS = {
    "Ibáñez": "<mark>Ibáñez</mark>", "nunez": "<mark>Núñez</mark>",
    "constitucional": "<mark>", '"pensión alimenticia"': "<mark>pensión alimenticia</mark>",
    "daño moral": "<mark>daño moral</mark>", "12/2021": "<mark>12/2021</mark>",
    '"A.D. 12/2021"': "<mark>A.D. 12/2021</mark>", "1309/2023": "<mark>1309/2023</mark>",
}  # fmt: skip
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


def old_passage_finder(match_plan: highlight.MatchPlan) -> highlight.PassageFinder:
    """The finder as before: stems of two characters or less dropped, numbers too."""
    stems = set(match_plan.standalone)
    for phrase in match_plan.phrases:
        stems.update(phrase)
    for pair, _ in match_plan.near:
        stems.update(pair)
    stems = {stem for stem in stems if len(stem) > highlight.SHORT_STEM} or stems
    heads = {stem[:-1] if len(stem) > 3 else stem for stem in stems if stem}
    heads.update(match_plan.prefixes)
    kept = [h for h in heads if not any(o != h and h.startswith(o) for o in heads)]
    forms = tuple(form for head in sorted(kept) for form in old_accented(head))
    prefixes = frozenset(match_plan.prefixes)
    return highlight.PassageFinder(match_plan, frozenset(stems), prefixes, forms)


def corpus() -> list[Sentencia]:
    filler = FILLER * 900
    dates = "Presentada el 3 de marzo de 2021 y ampliada el 12 de abril de 2021. " * 5
    return [
        Sentencia(
            id=f"b-{n}", title=f"Sentencia {n}", date=dt.date(2024, 1, 1 + n % 28),
            institution="Poder Judicial", jurisdiction="MX-GUA", source_id="bench",
            url=f"http://127.0.0.1/{n}.pdf", court="Sala Civil", matter="civil",
            text=dates + filler + " Resuelto el A.D. 12/2021 y el 1309/2023. Declaró el perito "
            "Ibáñez y la señora Núñez sobre la pensión alimenticia y el daño moral causado. "
            + filler,
        )
        for n in range(40)
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    new = (highlight._accented, highlight.passage_finder)
    times: dict[tuple[str, str], list[float]] = {}
    lit: dict[tuple[str, str], bool] = {}
    forms: dict[tuple[str, str], int] = {}
    with tempfile.TemporaryDirectory(prefix="accent-forms-") as folder:
        store = TantivyStore(Path(folder) / "index")
        store.upsert(corpus())
        fresh = itertools.count()
        for round_ in range(args.rounds):
            modes = [("old", (old_accented, old_passage_finder)), ("new", new)]
            for q in QUESTIONS:
                for mode, (accented, finder_of) in modes if round_ % 2 else modes[::-1]:
                    highlight._accented = accented
                    tantivy_store.passage_finder = finder_of
                    query = SearchQuery(q=f"{q} -zzq{next(fresh)}", limit=20, facets=[])
                    start = time.perf_counter()
                    result = store.search(query)
                    times.setdefault((q, mode), []).append(time.perf_counter() - start)
                    joined = " ".join(result.hits[0].highlights) if result.hits else ""
                    lit[(q, mode)] = QUESTIONS[q] in joined
                    tree = highlight.shown(parse_query(q))
                    finder = finder_of(highlight.plan(tree))
                    forms[(q, mode)] = len(finder.forms)
        highlight._accented, tantivy_store.passage_finder = new
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
