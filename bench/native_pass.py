"""The search itself, without the API: tantivy-py's two passes against the native one.

Usage: python bench/native_pass.py --data DIR [--rounds 5] [--json PATH]

For each question of ``bench/search.py``'s mix, on the index of the data folder ``DIR``
(opened for reading only): tantivy-py's counting pass (``TantivyStore._counts``: total
and the 9 standard facets) plus its page pass (top 20, no count), as the store did on
one thread; and the native pass (``abierto_native``: the same page, total and facets
together) on one thread and on every core, and on every core without the facets (what
counting them costs is the difference). Printed: CPU and wall milliseconds per question
(the lowest of ``--rounds``), and the load average they were taken at; JSON to
``bench/results/native_pass.json``.
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
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import abierto_native  # noqa: E402
import tantivy  # noqa: E402

from bench.search import MIX  # noqa: E402
from indexer.stores.tantivy_store import (  # noqa: E402
    TantivyStore,
    _facet_spec,
    compile_search,
    search_plan,
)

RESULTS = REPO / "bench" / "results" / "native_pass.json"
LIMIT = 20


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def best(run: Callable[[], object], rounds: int) -> tuple[float, float]:
    """The lowest CPU and wall milliseconds of ``rounds`` runs (after one to warm up)."""
    run()
    cpu = wall = float("inf")
    for _ in range(rounds):
        began_cpu, began = _cpu(), time.perf_counter()
        run()
        cpu = min(cpu, (_cpu() - began_cpu) * 1000)
        wall = min(wall, (time.perf_counter() - began) * 1000)
    return cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    path = args.data / "index"
    store = TantivyStore(path, native=False)
    searcher = store.index.searcher()
    cores = os.cpu_count() or 1
    native = {1: abierto_native.NativeIndex(str(path), 1)}
    native[cores] = abierto_native.NativeIndex(str(path), cores)
    load_before = os.getloadavg()
    rows: list[dict[str, Any]] = []
    for category, query in MIX:
        full = compile_search(store.schema, query)
        sort = query.effective_sort()
        order: dict[str, Any] = {}
        if sort != "relevance":
            order = {
                "order_by_field": "cited_by" if sort == "most_cited" else "date",
                "order": tantivy.Order.Asc if sort == "date_asc" else tantivy.Order.Desc,
            }

        def two_passes(full: tantivy.Query = full, query=query, order=order) -> None:
            store._counts(searcher, full, query)
            searcher.search(full, limit=LIMIT, count=False, **order)

        question = json.dumps(search_plan(query))
        spec = _facet_spec(query)[1]
        facets = [(name, terms["terms"]["size"]) for name, terms in spec.items()] or None
        row: dict[str, Any] = {"category": category, "q": query.q, "filters": query.filters}
        row["tantivy_py"] = best(two_passes, args.rounds)
        for threads, index in native.items():

            def one_pass(index=index, question=question, sort=sort, facets=facets) -> None:
                index.search(question, LIMIT, 0, sort, True, facets, False)

            row[f"native_{threads}"] = best(one_pass, args.rounds)

        def no_facets(index=native[cores], question=question, sort=sort) -> None:
            index.search(question, LIMIT, 0, sort, True, None, False)

        row["page_count"] = best(no_facets, args.rounds)
        row["total"] = native[1].search(question, 1, 0, sort, True, None, False)[0]
        rows.append(row)
    heads = ["tantivy-py", "native 1", f"native {cores}", "no facets"]
    keys = ["tantivy_py", "native_1", f"native_{cores}", "page_count"]
    print(f"{'question (cpu/wall ms)':44}{'matches':>9}" + "".join(f"{h:>16}" for h in heads))
    for row in rows:
        label = (row["q"] or json.dumps(row["filters"], ensure_ascii=False))[:42]
        cells = "".join(f"{row[k][0]:8.1f}/{row[k][1]:6.1f}" for k in keys)
        print(f"{label:44}{row['total']:>9}{cells}")
    means = {k: [sum(r[k][i] for r in rows) / len(rows) for i in (0, 1)] for k in keys}
    print(f"{'mean':53}" + "".join(f"{means[k][0]:8.1f}/{means[k][1]:6.1f}" for k in keys))
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    stored: dict[str, Any] = json.loads(args.json.read_text()) if args.json.is_file() else {}
    stored[args.data.name] = {
        "rows": rows,
        "mean": means,
        "cores": cores,
        "load_average": {"before": load_before, "after": load_after},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
