"""CPU of ``api.index_lag``'s check per search answer (a page's hits as the database holds
them), the code of ``--against`` (a git revision: the read of every page's ids) and this
tree's (SQLite: what the database told kept while no other connection commits)
alternating in one run.

Usage: python bench/index_lag.py --data DIR [--against b59bbb5] [--rounds 7] [--json PATH]
       python bench/index_lag.py --postgres 5000 [--against main] ...

``--postgres N``: a throwaway PostgreSQL (``tests/services/postgres.py``) holding the
first ``N`` documents of ``bench/legal_corpus.py`` (3 KB), indexed in a temporary folder
(``--data`` not needed): the same cases, another connection's commit a psycopg one, and
this tree's check waits (untimed) until its listening thread heard that commit.

In-process, on a library's copy (``--data``: its data directory; the bench writes rows to
the copy's queue for the rarer paths and takes them out again): for each of a few common
words, the first page (20 hits) by ``Library.search_plain``. Timed, CPU per answer:
the check alone (what a replay of a kept answer costs too) with nothing changed; the
search followed by ``current_result``; the check when another connection commits before
every answer (the commit not timed: the kept state is read again each time); with one
hit of each page pending; with more than ``QUEUE_HELD`` pending (every page read).
Printed: medians over rounds (ms), old and new, with ``uptime`` before and after; JSON
to ``bench/results/index_lag.json``.
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
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402
from collections.abc import Callable  # noqa: E402

from sqlalchemy import text  # noqa: E402

from api import index_lag  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402

WORDS = ["amparo", "concesión", "juicio", "sentencia", "municipio", "salud", "tribunal",
         "derechos", "contrato", "agua", "electoral", "pensión"]  # fmt: skip
REPEATS = 5


def _old_module(revision: str) -> types.ModuleType:
    """``api/index_lag.py`` as ``revision`` has it, loaded beside this tree's."""
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{revision}:api/index_lag.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("index_lag_old")
    module.__file__ = f"{revision}:api/index_lag.py"
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def _cpu_ms(
    run: Callable[[SearchQuery], object],
    queries: list[SearchQuery],
    before: Callable[[], None] | None = None,
) -> float:
    """CPU per call of ``run`` (``before`` each, untimed)."""
    spent = 0.0
    for _ in range(REPEATS):
        for query in queries:
            if before is not None:
                before()
            start = time.process_time()
            run(query)
            spent += time.process_time() - start
    return spent * 1000 / (REPEATS * len(queries))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path)
    parser.add_argument("--postgres", type=int, default=0, help="documents, on PostgreSQL")
    parser.add_argument("--against", default="b59bbb5")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", default=str(REPO / "bench/results/index_lag.json"))
    args = parser.parse_args()
    old = _old_module(args.against)
    server = None
    if args.postgres:
        import tempfile

        import psycopg

        from bench.legal_corpus import LegalCorpus
        from tests.services.postgres import start

        server = start()
        url = server.create_database("bench_lag")
        folder = Path(tempfile.mkdtemp(prefix="index-lag-bench-"))
        library = Library.open(Settings(data_dir=folder, database_url=url))
        corpus = list(LegalCorpus(args.postgres, mix="3k"))
        for start_at in range(0, len(corpus), 500):
            library.add_documents(corpus[start_at : start_at + 500])
        library.flush()
    else:
        library = Library.open(Settings(data_dir=args.data))
    queries = [SearchQuery(q=word, limit=20) for word in WORDS]
    pages = {q.q: [h["id"] for h in library.search_plain(q).hits] for q in queries}  # type: ignore[index]
    if server is not None:
        other_pg = psycopg.connect(url.replace("+psycopg", ""), autocommit=True)

        def commit_elsewhere() -> None:
            heard = getattr(index_lag._WATCHES.get(library.db), "_heard", None)
            with other_pg.transaction():
                other_pg.execute(
                    "INSERT INTO index_queue (doc_id, content_sha256, claimed)"
                    " VALUES ('bench-otro', 'x', false)"
                )
                other_pg.execute("DELETE FROM index_queue WHERE doc_id = 'bench-otro'")
            deadline = time.monotonic() + 2
            while heard is not None and time.monotonic() < deadline:
                if getattr(index_lag._WATCHES.get(library.db), "_heard", None) != heard:
                    break
                time.sleep(0.0005)
    else:
        other = sqlite3.connect(str(library.db.engine.url.database), isolation_level=None)

        def commit_elsewhere() -> None:  # a write of another process: a row in, then out
            other.execute("BEGIN IMMEDIATE")
            other.execute(
                "INSERT INTO index_queue (doc_id, content_sha256, claimed)"
                " VALUES ('bench-otro', 'x', 0)"
            )
            other.execute("DELETE FROM index_queue WHERE doc_id = 'bench-otro'")
            other.execute("COMMIT")

    codes = {"old": old, "new": index_lag}

    def check(code: types.ModuleType) -> Callable[[SearchQuery], object]:
        return lambda q: code.lagging(library, pages[q.q])

    def searched(code: types.ModuleType) -> Callable[[SearchQuery], object]:
        return lambda q: code.current_result(library, library.search_plain(q))

    def measure(
        times: dict[str, list[float]], case: str, make: Callable[..., object], before=None
    ) -> None:
        for n in range(args.rounds):
            order = ["old", "new"] if n % 2 == 0 else ["new", "old"]
            for name in order:
                run = make(codes[name])
                run(queries[0])  # the kept state as it would be after a first answer
                times.setdefault(f"{case}|{name}", []).append(_cpu_ms(run, queries, before))

    if server is not None:  # this tree's listening thread connected before any clock
        index_lag.lagging(library, pages[queries[0].q])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            watch = index_lag._WATCHES.get(library.db)
            if watch is not None and time.monotonic() < getattr(watch, "_alive_until", 0):
                break
            time.sleep(0.05)
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {}
    measure(times, "check, nothing changed", check)
    measure(times, "search+check", searched)
    measure(times, "check, a commit before each", check, commit_elsewhere)
    queue_row = text(
        "INSERT INTO index_queue (doc_id, content_sha256, claimed) VALUES (:id, 'x', false)"
    )
    with library.db.engine.begin() as connection:  # one hit of each page pending
        firsts = {ids[0] for ids in pages.values() if ids}
        connection.execute(queue_row, [{"id": i} for i in sorted(firsts)])
    time.sleep(0.5)  # heard
    measure(times, "check, 1 pending a page", check)
    with library.db.engine.begin() as connection:  # a queue longer than kept
        rows = [{"id": f"bench-{n}"} for n in range(index_lag.QUEUE_HELD + 1)]
        connection.execute(queue_row, rows)
    time.sleep(0.5)
    measure(times, f"check, {index_lag.QUEUE_HELD + 1}+ pending", check)
    measure(times, f"{index_lag.QUEUE_HELD + 1}+ pending, commit each", check, commit_elsewhere)
    with library.db.engine.begin() as connection:  # the copy as it was
        connection.exec_driver_sql("DELETE FROM index_queue WHERE content_sha256 = 'x'")
    library.close()
    if server is not None:
        other_pg.close()
        server.stop()
    else:
        other.close()
    load_after = os.getloadavg()
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"load before {load_before}, after {load_after}; {args.rounds} rounds, medians")
    print(f"old: {args.against}; new: this tree")
    print(f"{'CPU ms/answer':<32} {'old':>8} {'new':>8} {'new/old':>8}")
    for case in dict.fromkeys(name.split("|")[0] for name in medians):
        before, after = medians[f"{case}|old"], medians[f"{case}|new"]
        print(f"{case:<32} {before:>8.3f} {after:>8.3f} {after / before:>8.2f}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(
        json.dumps(
            {
                "against": args.against,
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
