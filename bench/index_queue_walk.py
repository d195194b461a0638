"""The index queue's walk with many sources: statements a page, seconds, fairness.

Usage: python bench/index_queue_walk.py --old PATH [--backlog 100000] [--sources 500]
       [--rounds 3] [--postgres] [--json PATH]

Into a fresh database (SQLite in a temporary folder; with ``--postgres``, a PostgreSQL
started as the tests start it, ``tests/services/postgres.py``): ``--backlog`` 3 KB
documents (``bench/legal_corpus.py``) queued for indexing over ``--sources`` sources,
registered as the registry keeps them: the congress holds 40% of them (200 of 500), the
rest are spread over 50 other institutions; the court ``tsj`` has one source with one
document waiting. Then the whole queue is walked as a flush reads it
(``Database.iter_documents(batch=INDEX_BATCH, pending_only=True)``, read from the rows,
nothing indexed: the walk alone), by the code at ``--old`` (a checkout from before) and
by this one, alternately, ``--rounds`` times each, in fresh processes.
Measured per walk: seconds, statements per page (every statement the walk's pages
sent), the page the court's document came in, and the congress's share of the first
page (its 200 sources against 51 institutions: one share of 51 is 2%; one per source,
40%). Medians printed as a table with ``uptime``; JSON to
``bench/results/index_queue_walk.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

COURT = "tsj-qro-avisos"
CONGRESS_SHARE = 0.4
OTHERS = 50


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _sources(count: int) -> dict[str, str]:
    """source → institution: the congress's 40%, the rest over ``OTHERS`` institutions."""
    congress = int(count * CONGRESS_SHARE)
    sources = {f"congreso-{n:03}": "congreso" for n in range(congress)}
    sources |= {
        f"inst{n % OTHERS:02}-{n:03}": f"inst{n % OTHERS:02}" for n in range(count - congress)
    }
    return sources


def build(url: str, backlog: int, count: int) -> None:
    from bench.legal_corpus import LegalCorpus
    from indexer.db import Database
    from indexer.db.tables import InstitutionRow, SourceRow

    sources = _sources(count)
    names = sorted(sources)
    now = dt.datetime.now(dt.UTC)
    db = Database(url)
    try:
        with db.session() as s, s.begin():
            for institution in sorted({*sources.values(), "tsj"}):
                s.add(InstitutionRow(id=institution, name=institution, kind="tribunal",
                                     jurisdiction="QRO", created_at=now))  # fmt: skip
            s.flush()
            for source, institution in [*sources.items(), (COURT, "tsj")]:
                s.add(SourceRow(id=source, institution_id=institution, spec={},
                                every_hours=24.0, next_run_at=now, created_at=now,
                                updated_at=now))  # fmt: skip
        batch = []
        for n, doc in enumerate(LegalCorpus(backlog, ids="hashed")):
            batch.append(doc.model_copy(update={"source_id": names[n % len(names)]}))
            if len(batch) == 500:
                db.save_documents(batch)
                batch = []
        model = next(iter(LegalCorpus(1, seed=7, ids="hashed")))
        db.save_documents(
            [*batch, model.model_copy(update={"id": "tsj-aviso", "source_id": COURT})]
        )
    finally:
        db.close()


def walk(url: str) -> dict[str, float]:
    """One walk of the queue by the code on ``sys.path``; printed as JSON."""
    from sqlalchemy import event

    from indexer.db import Database
    from indexer.library import INDEX_BATCH

    sources = _sources(10**6)  # names only: which are the congress's
    db = Database(url)
    statements = [0]

    def count(*_: object) -> None:
        statements[0] += 1

    try:
        db.recent.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        began = time.perf_counter()
        pages: list[list[str]] = [[]]
        congress_first = 0
        court_page = -1
        for doc in db.iter_documents(batch=INDEX_BATCH, pending_only=True):
            if len(pages[-1]) == INDEX_BATCH:
                pages.append([])
            pages[-1].append(doc.id)
            if doc.id == "tsj-aviso":
                court_page = len(pages)
            if len(pages) == 1 and sources.get(doc.source_id) == "congreso":
                congress_first += 1
        seconds = time.perf_counter() - began
    finally:
        db.close()
    return {
        "walk_s": round(seconds, 2),
        "documents": sum(len(page) for page in pages),
        "pages": len(pages),
        "statements_per_page": round(statements[0] / len(pages), 1),
        "court_page": court_page,
        "congress_first_page": round(congress_first / max(len(pages[0]), 1), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, help="a checkout of the code before")
    parser.add_argument("--backlog", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--walk", help=argparse.SUPPRESS)  # a child: walk this database
    parser.add_argument("--code", help=argparse.SUPPRESS)  # with the code of this checkout
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/index_queue_walk.json")
    args = parser.parse_args()
    if args.walk:
        sys.path.insert(0, args.code)
        print(json.dumps(walk(args.walk)))
        return
    with tempfile.TemporaryDirectory(prefix="queue-walk-") as tmp:
        server = None
        if args.postgres:
            from tests.services.postgres import start

            server = start()
            url = server.create_database("queue_walk")
        else:
            url = f"sqlite:///{tmp}/abierto.db"
        try:
            began = time.perf_counter()
            build(url, args.backlog, args.sources)
            print(f"built in {time.perf_counter() - began:.0f} s", flush=True)
            before = _uptime()
            trees = {"old": args.old, "new": REPO} if args.old else {"new": REPO}
            runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
            for _ in range(args.rounds):
                for name, tree in trees.items():
                    env = os.environ | {"PYTHONPATH": str(tree)}
                    out = subprocess.run(
                        [sys.executable, __file__, "--walk", url, "--code", str(tree)],
                        env=env, cwd=tree, check=True, capture_output=True, text=True,
                    ).stdout  # fmt: skip
                    runs[name].append(json.loads(out.strip().splitlines()[-1]))
                    print(name, runs[name][-1], flush=True)
            after = _uptime()
        finally:
            if server is not None:
                server.stop()
    medians = {
        name: {key: round(statistics.median(run[key] for run in got), 3) for key in got[0]}
        for name, got in runs.items()
    }
    backend = "postgresql" if args.postgres else "sqlite"
    print(f"uptime before: {before}\nuptime after:  {after}")
    print(f"{backend}, backlog {args.backlog}, {args.sources} sources, medians of {args.rounds}")
    keys = list(next(iter(medians.values())))
    print("| code | " + " | ".join(keys) + " |")
    print("|---|" + "---|" * len(keys))
    for name, median in medians.items():
        print(f"| {name} | " + " | ".join(str(median[key]) for key in keys) + " |")
    if "old" in medians:
        ratio = medians["new"]["walk_s"] / medians["old"]["walk_s"]
        print(f"walk seconds new/old: {ratio:.2f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    result = {"backend": backend, "backlog": args.backlog, "sources": args.sources,
              "runs": runs, "medians": medians, "uptime": [before, after]}  # fmt: skip
    args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
