"""Time of a people question (``/v1/people``'s ``find_people``) on a library of many
people: the scan it was (every row read and folded) against the folded index, asked
alternately, question by question, in one run.

Usage: python bench/people.py [--people N] [--rounds N] [--json PATH]

Prints, per question, the median milliseconds of each and their ratio, then the cost of
the index's rebuild (the first question after the table changed) and the machine's load
average. Writes JSON (default ``bench/results/people.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.db import Database  # noqa: E402
from indexer.speeches.people import People, Person  # noqa: E402
from indexer.speeches.store import find_people, save_people  # noqa: E402
from tests.speeches.people_corpus import (  # noqa: E402
    QUESTIONS,
    find_people_by_scan,
    generated_people,
)


def _ms(call, *args) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    found = call(*args)
    return (time.perf_counter() - start) * 1000, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", default=str(REPO / "bench" / "results" / "people.json"))
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="people-bench-") as folder:
        db = Database(f"sqlite:///{Path(folder) / 'abierto.db'}")
        for people in generated_people(args.people):
            save_people(db, people)
        rebuilds = []
        for n in range(args.rounds):  # a person written, then the first question
            scope = "Congreso de Yucatán"
            save_people(db, People(scope, [Person(f"nuevo{n}", f"Noé Ortega Ruiz {n}", scope)]))
            rebuilds.append(_ms(find_people, db, "Noé Ortega Ruiz", None, None, 50)[0])
        rows = []
        for name, scope, legislature, limit in QUESTIONS:
            old, new, found = [], [], 0
            for _ in range(args.rounds):
                old.append(_ms(find_people_by_scan, db, name, scope, legislature, limit)[0])
                ms, found = _ms(find_people, db, name, scope, legislature, limit)
                new.append(ms)
            rows.append({
                "question": f"{name!r} {scope!r} {legislature!r} {limit}", "found": found,
                "old_ms": statistics.median(old), "new_ms": statistics.median(new),
            })  # fmt: skip
    load_after = os.getloadavg()
    print(f"{'question':<62} {'found':>5} {'scan ms':>9} {'index ms':>9} {'ratio':>7}")
    for row in rows:
        ratio = row["old_ms"] / row["new_ms"]
        print(f"{row['question'][:62]:<62} {row['found']:>5} {row['old_ms']:>9.1f} "
              f"{row['new_ms']:>9.2f} {ratio:>6.0f}x")  # fmt: skip
    old_all = statistics.median(r["old_ms"] for r in rows)
    new_all = statistics.median(r["new_ms"] for r in rows)
    rebuild = statistics.median(rebuilds)
    print(f"median of questions: scan {old_all:.1f} ms, index {new_all:.2f} ms "
          f"({old_all / new_all:.0f}x); rebuild after a write {rebuild:.0f} ms")  # fmt: skip
    print(f"people {args.people}, rounds {args.rounds}, load {load_before} -> {load_after}")
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "people": args.people, "rounds": args.rounds, "questions": rows,
        "median_old_ms": old_all, "median_new_ms": new_all, "rebuild_ms": rebuilds,
        "load_before": load_before, "load_after": load_after,
    }, indent=2), encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
