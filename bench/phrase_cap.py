"""What looking for a phrase past the finder's cap costs its passage, before and now.

Usage: python bench/phrase_cap.py [--rounds 7] [--json PATH]

The Python passage finder (``PassageFinder.window``) of three questions on three texts
of about 150 KB: «la pensión no es definitiva» 5 200 times, then «la pensión definitiva»
once (over ``MAX_CANDIDATES``: ``past cap``); 3 000 times, then the phrase (``under
cap``); and a plain text with the phrase once (``rare``). Each round runs the finder as
before (``old``: ``joined`` emptied, so nothing is looked for past the cap) and as now
(``new``), the order alternating. Printed: the median milliseconds per window in each
mode and whether the window holds the phrase (for the words unquoted, any place of both
words is right: no phrase is asked for). JSON to ``bench/results/phrase_cap.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from indexer.highlight import passage_finder, plan  # noqa: E402
from indexer.query import parse_query  # noqa: E402

PHRASE = "Se fija la pensión definitiva a cargo del deudor. "
APART = "la pensión no es definitiva. "
FILLER = "El tribunal analiza los agravios expuestos por la parte recurrente. "
TEXTS = {
    "past cap": APART * 5200 + PHRASE + APART * 100,
    "under cap": APART * 3000 + PHRASE + FILLER * 900,
    "rare": FILLER * 1100 + PHRASE + FILLER * 100,
}
QUESTIONS = ('"pensión definitiva"', '"pensión definitiva"~1', "pensión definitiva")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", default=str(REPO / "bench/results/phrase_cap.json"))
    args = parser.parse_args()
    rows = []
    print(f"load: {os.getloadavg()}")
    print(f"{'question':26} {'text':10} {'old ms':>8} {'new ms':>8}  old ok  new ok")
    for q in QUESTIONS:
        new = passage_finder(plan(parse_query(q)))
        old = dataclasses.replace(new, joined=())
        for name, text in TEXTS.items():
            times: dict[str, list[float]] = {"old": [], "new": []}
            right: dict[str, bool] = {}
            for round_ in range(args.rounds):
                modes = [("old", old), ("new", new)]
                for mode, finder in modes if round_ % 2 == 0 else modes[::-1]:
                    began = time.perf_counter()
                    window = finder.window(text)
                    times[mode].append((time.perf_counter() - began) * 1000)
                    right[mode] = window is not None and PHRASE[:30] in text[window[0] : window[1]]
            row = {
                "question": q,
                "text": name,
                "chars": len(text),
                "old_ms": round(statistics.median(times["old"]), 1),
                "new_ms": round(statistics.median(times["new"]), 1),
                "old_ok": right["old"],
                "new_ok": right["new"],
            }
            rows.append(row)
            print(
                f"{q:26} {name:10} {row['old_ms']:8} {row['new_ms']:8}  "
                f"{row['old_ok']!s:6}  {row['new_ok']}"
            )
    print(f"load: {os.getloadavg()}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
