"""Where ``Library.search`` spends its CPU on a fresh answer, stage by stage.

Usage: python bench/store_cpu.py --data DIR [--repo CHECKOUT] [--rounds 40] [--label NAME]
                                 [--plain] [--json PATH]

``bench/search.py``'s mix, each question fresh as ``bench/http_mix.py``'s ``fresh_query``
makes it (an end date past every document, a day earlier each time; what
``bench/api_cpu.py`` asks: no kept answer or count serves it), ``--rounds`` times over,
against the library in ``--data`` (read only), with the store of this checkout or of
``--repo`` (an older one, to compare); with ``--plain``, asked as ``GET /v1/search`` asks
(``Library.search_plain``, where the checkout has it). Printed: the process's CPU per answer (every
thread: the native search's own threads too) and the asking thread's, their medians
over the rounds and their means (the garbage collector's full passes are rare and long:
the mean counts them, the median mostly not); then each stage's CPU of the asking
thread per answer (the stages a checkout has; nested ones counted in each), and the
garbage collector's by generation; then each question's process CPU (its median over the
rounds, every thread: the native search's pieces too), by category, where the mix's
costs part (a long phrase reads its words' positions at every match, a boolean of
common words merges their unions). The machine is shared: compare runs made one after
the other, and say the load. JSON goes to ``bench/results/store_cpu.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "store_cpu.json"

# (where, attribute, stage): the store's stages, wrapped where a checkout has them
STAGES = [
    ("tantivy_store.TantivyStore", "search", "store.search (all)"),
    ("tantivy_store.TantivyStore", "search_plain", "store.search (all)"),
    ("tantivy_native.NativeReader", "search", "native search (asking thread)"),
    ("tantivy_store", "parse_query", "parsing the question"),
    ("tantivy_store", "compile_node", "compiling the plan"),
    ("tantivy_store", "marking", "highlights' spec"),
    ("tantivy_store", "passage_finder", "passage finder"),
    ("tantivy_store", "_facet_spec", "facets asked"),
    ("tantivy_store", "_facet_of", "facets' values"),
    ("tantivy_store", "_facets_of", "facets' values"),
    ("tantivy_store", "_kept_facets", "facets' values"),
    ("tantivy_store", "_facet_values", "facets' values"),
    ("tantivy_store", "_question", "question compiled (or kept)"),
    ("tantivy_store", "_plan_json", "plan's JSON (or kept)"),
    ("tantivy_store.SearchHit", "model_validate_json", "hits from their payloads"),
    ("tantivy_store", "plain_hits", "hits from their payloads"),
    ("tantivy_store", "plain_facets", "facets' values"),
    ("tantivy_store.SearchQuery", "fingerprint", "fingerprint"),
    ("tantivy_store", "encode_cursor", "cursor"),
    ("tantivy_store", "_copy", "answer copied for the caller"),
    ("tantivy_store", "_kept", "answer kept"),
    ("tantivy_store.TantivyStore", "_searcher_of_generation", "searcher"),
]


def _wrap(owner: Any, name: str, spent: Counter[str], stage: str) -> None:
    inner: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.thread_time_ns()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[stage] += time.thread_time_ns() - began

    setattr(owner, name, timed)


def _owner(where: str) -> Any:
    import importlib

    module, _, rest = where.partition(".")
    owner: Any = importlib.import_module(f"indexer.stores.{module}")
    for part in rest.split(".") if rest else []:
        owner = getattr(owner, part)
    return owner


class _PayloadsTimed:
    """A stand-in for the store's one-call reader of a page's payloads (``_HITS``)."""

    def __init__(self, inner: Any, spent: Counter[str]) -> None:
        self.inner, self.spent = inner, spent

    def validate_json(self, data: bytes) -> Any:
        began = time.thread_time_ns()
        try:
            return self.inner.validate_json(data)
        finally:
            self.spent["hits from their payloads"] += time.thread_time_ns() - began


def _fresh_day(n: int) -> dt.date:
    """``bench/http_mix.py``'s ``fresh_day``, written here: ``--repo`` puts another
    checkout's ``bench`` first, whose fresh questions may be made otherwise."""
    return dt.date(2261, 12, 31) - dt.timedelta(days=n % 59_168)


def measure(data: Path, rounds: int, plain: bool = False) -> dict[str, Any]:
    from bench.search import MIX
    from config.settings import Settings
    from indexer.library import Library
    from indexer.stores import tantivy_store

    spent: Counter[str] = Counter()
    for where, name, stage in STAGES:
        owner = _owner(where)
        if hasattr(owner, name):
            _wrap(owner, name, spent, stage)
    if hasattr(tantivy_store, "_HITS"):
        tantivy_store._HITS = _PayloadsTimed(tantivy_store._HITS, spent)
    collected: Counter[str] = Counter()
    began_gc: list[int] = [0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began_gc[0] = time.thread_time_ns()
        else:
            collected[f"generation {info['generation']}"] += time.thread_time_ns() - began_gc[0]

    library = Library.open(Settings(data_dir=data))
    fresh = itertools.count(time.time_ns() // 1000 % 10**9 * 10)

    def questions() -> list[Any]:
        return [query.model_copy(update={"date_to": _fresh_day(next(fresh))}) for _, query in MIX]

    names = [f"{category}: {query.q or '(no words)'}" for category, query in MIX]
    by_question: dict[str, list[float]] = {name: [] for name in names}

    search = getattr(library, "search_plain", library.search) if plain else library.search
    try:
        for query in questions():  # warm-up
            search(query)
        spent.clear()
        gc.callbacks.append(collector)
        process, thread = [], []
        for _ in range(rounds):
            asked = questions()
            began, began_thread = time.process_time(), time.thread_time()
            for name, query in zip(names, asked, strict=True):
                before = time.process_time()
                search(query)
                by_question[name].append(1000 * (time.process_time() - before))
            process.append(1000 * (time.process_time() - began) / len(asked))
            thread.append(1000 * (time.thread_time() - began_thread) / len(asked))
        gc.callbacks.remove(collector)
    finally:
        library.close()
    answers = rounds * len(MIX)

    def per_answer(counter: Counter[str]) -> dict[str, float]:
        return {k: round(v / 1e6 / answers, 3) for k, v in counter.most_common()}

    return {
        "answers": answers,
        "process_ms": {
            "median": round(statistics.median(process), 2),
            "mean": round(statistics.fmean(process), 2),
        },
        "asking_thread_ms": {
            "median": round(statistics.median(thread), 2),
            "mean": round(statistics.fmean(thread), 2),
        },
        "stages_ms": per_answer(spent),
        "garbage_collector_ms": per_answer(collected),
        "question_process_ms": {
            name: round(statistics.median(values), 2) for name, values in by_question.items()
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--label", default=None)
    parser.add_argument(
        "--plain", action="store_true", help="as GET /v1/search asks: search_plain, if any"
    )
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        load = loadavg.read().split()[0]
    result = measure(args.data, args.rounds, args.plain)
    label = args.label or str(args.repo)
    print(f"{label}: {result['answers']} fresh answers, load {load}")
    for name in ("process_ms", "asking_thread_ms"):
        print(
            f"  {name:36s} median {result[name]['median']:6.2f}  mean {result[name]['mean']:6.2f}"
        )
    for stage, ms in result["stages_ms"].items():
        print(f"  {stage:36s} {ms:7.3f} ms")
    for generation, ms in result["garbage_collector_ms"].items():
        print(f"  garbage collector, {generation:17s} {ms:7.3f} ms")
    print("  process CPU per question, median:")
    for name, ms in result["question_process_ms"].items():
        print(f"    {name[:50]:50s} {ms:7.2f} ms")
    entry = {"label": label, "load": float(load), "machine": platform.machine(), **result}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    kept = json.loads(args.json.read_text()) if args.json.exists() else []
    args.json.write_text(json.dumps([*kept, entry], indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
