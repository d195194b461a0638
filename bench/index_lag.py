"""CPU of ``api.index_lag``'s check per search answer: a page's hits as the database holds
them (one indexed read of the page's ids), against the answer without it.

Usage: python bench/index_lag.py --data DIR [--rounds 7] [--json PATH]

In-process, on a library's copy (``--data``: its data directory; the bench writes one
pending row to the copy's queue for the rare path): for each of a few common words, the
first page (20 hits) by ``Library.search_plain``; rounds alternate the plain search and
the search followed by ``current_result``, and time ``lagging`` alone (what a replay of a
kept answer costs too). Printed: the medians over rounds of the CPU per answer (ms), with
``uptime`` before and after; JSON to ``bench/results/index_lag.json``.
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
import statistics  # noqa: E402
import time  # noqa: E402

from api.index_lag import current_result, lagging  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402

WORDS = ["amparo", "concesión", "juicio", "sentencia", "municipio", "salud", "tribunal",
         "derechos", "contrato", "agua", "electoral", "pensión"]  # fmt: skip
REPEATS = 5


def _cpu_ms(run: object, queries: list[SearchQuery]) -> float:
    start = time.process_time()
    for _ in range(REPEATS):
        for query in queries:
            run(query)  # type: ignore[operator]
    return (time.process_time() - start) * 1000 / (REPEATS * len(queries))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", default=str(REPO / "bench/results/index_lag.json"))
    args = parser.parse_args()
    library = Library.open(Settings(data_dir=args.data))
    queries = [SearchQuery(q=word, limit=20) for word in WORDS]
    pages = {q.q: [h["id"] for h in library.search_plain(q).hits] for q in queries}  # type: ignore[index]
    load_before = os.getloadavg()
    plain = lambda q: library.search_plain(q)  # noqa: E731
    checked = lambda q: current_result(library, library.search_plain(q))  # noqa: E731
    alone = lambda q: lagging(library, pages[q.q])  # noqa: E731
    times: dict[str, list[float]] = {"search": [], "search+check": [], "check alone": []}
    for n in range(args.rounds):
        pair = [("search", plain), ("search+check", checked)]
        for name, run in pair if n % 2 == 0 else pair[::-1]:
            times[name].append(_cpu_ms(run, queries))
        times["check alone"].append(_cpu_ms(alone, queries))
    # the rare path: one hit of each page pending (its content changed since the commit)
    with library.db.engine.begin() as connection:
        for ids in pages.values():
            if ids:
                connection.exec_driver_sql(
                    "INSERT OR IGNORE INTO index_queue (doc_id, content_sha256, claimed)"
                    " VALUES (?, 'x', 0)",
                    (ids[0],),
                )
    times["check, 1 pending"] = [_cpu_ms(alone, queries) for _ in range(args.rounds)]
    with library.db.engine.begin() as connection:  # the copy as it was
        connection.exec_driver_sql("DELETE FROM index_queue WHERE content_sha256 = 'x'")
    library.close()
    load_after = os.getloadavg()
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"load before {load_before}, after {load_after}; {args.rounds} rounds, medians")
    print(f"{'what':<18} {'CPU ms/answer':>14}")
    for name, value in medians.items():
        print(f"{name:<18} {value:>14.3f}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(
        json.dumps(
            {
                "medians_ms": medians,
                "runs_ms": times,
                "load_before": load_before,
                "load_after": load_after,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
