"""Time of ``/v1/people``'s answer (the route's work after the people index found them)
on a library of many people: each person read again, one statement apiece (as it was),
against the people as the index found them, asked alternately in one run.

Usage: python bench/people_endpoint.py [--people N] [--rounds N] [--json PATH]

Prints, per question, the people listed, the statements and median milliseconds of
each, their ratio, and the machine's load. Writes JSON (default
``bench/results/people_endpoint.json``).
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
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import event  # noqa: E402

from api.routers.speeches import PeopleResponse, _person, people  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.speeches.store import find_people, save_people  # noqa: E402
from tests.speeches.people_corpus import generated_people  # noqa: E402

QUESTIONS = [
    ("", "Cámara de Diputados", "", 500),
    ("", "Cámara de Diputados", "", 50),
    ("María Núñez", "", "", 200),
    ("Dip. José López", "", "", 50),
]


def _old(library: Library, name: str, congress: str, legislature: str, limit: int) -> Any:
    found = find_people(library.db, name, congress or None, legislature or None, limit)
    return PeopleResponse(people=[_person(library, p.id, 0) for p in found])


def _new(library: Library, name: str, congress: str, legislature: str, limit: int) -> Any:
    return people(library, name, congress, legislature, limit)


def _timed(call: Any, library: Library, *question: Any) -> tuple[float, int, int]:
    said: list[int] = []

    def count(*_args: Any) -> None:
        said.append(1)

    event.listen(library.db.engine, "before_cursor_execute", count)
    start = time.perf_counter()
    answer = call(library, *question)
    ms = (time.perf_counter() - start) * 1000
    event.remove(library.db.engine, "before_cursor_execute", count)
    return ms, len(answer.people), len(said)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", default=str(REPO / "bench/results/people_endpoint.json"))
    args = parser.parse_args()
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="people-endpoint-") as folder:
        library = Library.open(Settings(data_dir=Path(folder), database_url=None), writer=True)
        for group in generated_people(args.people):
            save_people(library.db, group)
        for question in QUESTIONS:
            _timed(_new, library, *question)  # the people index built once
            old, new = [], []
            for _ in range(args.rounds):
                old_ms, listed, old_statements = _timed(_old, library, *question)
                new_ms, _, new_statements = _timed(_new, library, *question)
                old.append(old_ms)
                new.append(new_ms)
            rows.append({
                "question": repr(question), "listed": listed,
                "old_statements": old_statements, "new_statements": new_statements,
                "old_ms": statistics.median(old), "new_ms": statistics.median(new),
            })  # fmt: skip
        library.close()
    load_after = os.getloadavg()
    print(f"{'question':<44} {'people':>6} {'stmts old/new':>13} {'old ms':>8} {'new ms':>8} "
          f"{'ratio':>6}")  # fmt: skip
    for row in rows:
        print(f"{row['question'][:44]:<44} {row['listed']:>6} "
              f"{row['old_statements']:>6}/{row['new_statements']:<6} {row['old_ms']:>8.1f} "
              f"{row['new_ms']:>8.2f} {row['old_ms'] / row['new_ms']:>5.0f}x")  # fmt: skip
    print(f"people {args.people}, rounds {args.rounds}, load {load_before} -> {load_after}")
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"people": args.people, "rounds": args.rounds, "rows": rows,
                               "load_before": load_before, "load_after": load_after},
                              indent=2), encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
