"""Two builds of the native search side by side: the CPU of a fresh answer's highlights and
facets, and whether both builds give the same answers.

Usage: python bench/native_ab.py --data DIR --old PYTHON --new PYTHON [--rounds 8]
                                 [--generated 300] [--json PATH]

``--old`` and ``--new`` are the Python interpreters of two virtual environments, each with
its own ``abierto_native`` installed (e.g. main's and a branch's); both run this checkout's
Python code. Each becomes a worker process holding the index of ``DIR`` open; this
process asks them in turn, the order alternating question by question so both meet the
same load. For each question of ``bench/search.py``'s mix (its facets asked in another
order each round, as ``bench/api_cpu.py`` asks them), in four modes (as served:
facets and highlights; no facets; no highlights; neither), a worker times the native
call alone (``NativeIndex.search``, CPU of every thread of its process). Printed: the
median CPU milliseconds per answer by category and mode, old and new. Then both answer
``--generated`` questions made from the corpus's words (terms, phrases, prefixes,
boolean, filters, sorts, pages), and every answer (hits, scores, highlights, total,
facets) is compared. JSON through ``bench/results.keep`` to
``bench/results/native_ab.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
from typing import Any  # noqa: E402

RESULTS = REPO / "bench" / "results" / "native_ab.json"
LIMIT = 20
MODES = ("served", "no facets", "no highlights", "neither")


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _asked(query: Any) -> dict[str, Any]:
    """What the store sends the native search for ``query`` (see ``_search_native``)."""
    from indexer.stores.tantivy_store import _facet_spec, _plan_json, _question

    asked = _question(query.q)
    spec = _facet_spec(query)[1]
    facets = [(name, int(terms["terms"]["size"])) for name, terms in spec.items()] or None
    return {
        "plan": _plan_json(query, asked),
        "sort": query.effective_sort(),
        "facets": facets,
        "marks": asked.marks,
    }


def generated(count: int, seed: int = 7) -> list[Any]:
    """Questions of every shape, from the corpus's words."""
    from bench.legal_corpus import LEGISLATURES, MATTERS, OBJECTS, RARE, SUBJECTS, VERBS
    from indexer.stores import SearchQuery

    rng = random.Random(seed)
    words = [w for line in (*SUBJECTS, *VERBS, *OBJECTS, *RARE) for w in line.split()]
    words = [w.strip(".,;:()") for w in words if len(w.strip(".,;:()")) > 2]
    sorts = ["relevance", "relevance", "date_desc", "date_asc", "most_cited"]
    made = []
    for n in range(count):
        shape = n % 7
        a, b, c = rng.sample(words, 3)
        if shape == 0:
            q = a
        elif shape == 1:
            phrase = rng.choice(OBJECTS + SUBJECTS).split()
            at = rng.randrange(max(1, len(phrase) - 1))
            q = '"' + " ".join(phrase[at : at + rng.randint(2, 4)]) + '"'
        elif shape == 2:
            q = a[: rng.randint(3, max(3, len(a) - 1))] + "*"
        elif shape == 3:
            q = f"({a} OR {b}) AND {c}"
        elif shape == 4:
            q = f"{a} -{b}"
        elif shape == 5:
            q = f"{a} {b}"
        else:
            q = ""
        filters: dict[str, list[str]] = {}
        if rng.random() < 0.3:
            filters["matter"] = [rng.choice(list(MATTERS))]
        if rng.random() < 0.15:
            filters["legislature"] = [rng.choice(LEGISLATURES)]
        if rng.random() < 0.2:
            filters["kind"] = [rng.choice(["sentencia", "sesion", "legislativo"])]
        made.append(
            SearchQuery(
                q=q,
                filters=filters,
                sort=rng.choice(sorts),
                facet_size=rng.choice([5, 10, 20]),
            )
        )
    return made


def _digest(answer: Any) -> str:
    return hashlib.sha256(repr(answer).encode()).hexdigest()


def worker(data: Path) -> None:
    """Answer the parent's lines: ``["time", n, mode, turn]`` (the facets asked in the
    turn's order, as a fresh question asks them) or ``["answer", n, offset]``."""
    import abierto_native

    from bench.http_mix import _permutation
    from bench.search import MIX
    from indexer.stores import tantivy_native

    index = abierto_native.NativeIndex(
        str(data / "index"),
        max(1, os.cpu_count() or 1),
        tantivy_native.PIECE_DOCS,
        tantivy_native.DOC_STORE_BLOCKS,
    )
    mix = [_asked(query) for _, query in MIX]
    made = [_asked(query) for query in generated(int(sys.argv[sys.argv.index("--count") + 1]))]
    for line in sys.stdin:
        kind, n, arg, *turn = json.loads(line)
        if kind == "time":
            q = mix[n]
            facets = q["facets"] if arg in ("served", "no highlights") else None
            if facets and turn:
                facets = _permutation(list(facets), turn[0])
            marks = q["marks"] if arg in ("served", "no facets") else None
            began = _cpu()
            index.search(q["plan"], LIMIT, 0, q["sort"], True, facets, True, marks)
            reply: Any = (_cpu() - began) * 1000
        else:
            q = made[n]
            total, facets, hits = index.search(
                q["plan"], LIMIT, arg, q["sort"], True, q["facets"], True, q["marks"]
            )
            reply = _digest((total, facets, hits))
        print(json.dumps(reply), flush=True)


class Worker:
    def __init__(self, python: str, data: Path, count: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen(
            [python, __file__, "--worker", "--data", str(data), "--count", str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def ask(self, *request: Any) -> Any:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def compare(workers: dict[str, Worker], rounds: int, generated_count: int) -> dict[str, Any]:
    from bench.search import MIX

    for n in range(len(MIX)):  # warm-up: segment totals, decoded columns, stems
        for w in workers.values():
            for mode in MODES:
                w.ask("time", n, mode, 0)
    spent: dict[str, dict[str, dict[str, list[float]]]] = {
        name: {mode: {} for mode in MODES} for name in workers
    }
    names = list(workers)
    for round_ in range(rounds):
        for n, (category, _) in enumerate(MIX):
            for m, mode in enumerate(MODES):
                # each question and mode asked first by one, then by the other, in turn
                for name in names if (round_ + n + m) % 2 else names[::-1]:
                    ms = workers[name].ask("time", n, mode, round_ + 1)
                    spent[name][mode].setdefault(category, []).append(ms)
                    spent[name][mode].setdefault("all", []).append(ms)
    same = asked = 0
    differing = []
    for n in range(generated_count):
        for offset in (0, LIMIT):
            answers = {name: w.ask("answer", n, offset) for name, w in workers.items()}
            asked += 1
            if len(set(answers.values())) == 1:
                same += 1
            else:
                differing.append((n, offset))
    medians = {
        name: {
            mode: {cat: round(statistics.median(v), 3) for cat, v in by_cat.items()}
            for mode, by_cat in by_mode.items()
        }
        for name, by_mode in spent.items()
    }
    return {
        "medians_cpu_ms": medians,
        "rounds": rounds,
        "same_answers": same,
        "answers_compared": asked,
        "differing": differing[:20],
    }


def table(summary: dict[str, Any]) -> str:
    medians = summary["medians_cpu_ms"]
    names = list(medians)
    heads = [f"{mode} {name}" for mode in MODES for name in names]
    lines = [f"{'median CPU ms':16}" + "".join(f"{h:>20}" for h in heads)]
    for category in medians[names[0]][MODES[0]]:
        cells = [medians[name][mode][category] for mode in MODES for name in names]
        lines.append(f"{category:16}" + "".join(f"{c:>20.3f}" for c in cells))
    lines.append(f"same answers: {summary['same_answers']}/{summary['answers_compared']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--old")
    parser.add_argument("--new")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--generated", type=int, default=300)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.worker:
        worker(args.data)
        return 0
    from bench.results import keep

    load_before = os.getloadavg()
    workers = {
        "old": Worker(args.old, args.data, args.generated),
        "new": Worker(args.new, args.data, args.generated),
    }
    try:
        summary = compare(workers, args.rounds, args.generated)
    finally:
        for w in workers.values():
            w.close()
    summary["load_average"] = {"before": load_before, "after": os.getloadavg()}
    summary["machine"] = {"cpus": os.cpu_count()}
    print(table(summary))
    print(f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    keep(args.json, args.data.name, summary)
    print(f"wrote {args.json}")
    return 0 if summary["same_answers"] == summary["answers_compared"] else 1


if __name__ == "__main__":
    sys.exit(main())
