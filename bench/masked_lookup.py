"""The masked queued documents, asked at each change of the database: old against new.

Usage: python bench/masked_lookup.py --db COPY/abierto.db [--rounds 41] [--writes 20000]
       [--json PATH]

Each API worker re-reads its hidden candidates (``api.index_lag._HIDDEN_SQLITE``, the
SQLite watch's statement) at each change of the database. Its masked part joined the
queue's first 1,000 rows to ``documents`` and read each row's JSON, past the long text;
now it looks the ids up in ``ix_documents_findings`` (migration 0032). ``--db``: a COPY
of a library (it is migrated and written: 1,000 of its documents are queued, a few given
findings). Also a small library of 1,000 queued documents with 53 KB texts. Old and new
statements run alternately on one connection; CPU time (``process_time``) per re-read.
The write path: ``save_documents`` of ``--writes`` 3 KB documents into two new libraries,
one without the index, alternately in batches of 500: µs of CPU per document. Prints
medians and writes JSON (default ``bench/results/masked_lookup.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from api.index_lag import _HIDDEN_SQLITE  # noqa: E402
from indexer.db import Database  # noqa: E402
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia  # noqa: E402

# the statement as s32m (aff67ba1) said it
OLD = (
    _HIDDEN_SQLITE[: _HIDDEN_SQLITE.index(" UNION SELECT * FROM (SELECT d.id, 1")]
    + " UNION SELECT * FROM (SELECT d.id, 1 FROM (SELECT doc_id FROM index_queue LIMIT ?)"
    " AS q JOIN documents AS d ON d.id = q.doc_id"
    " WHERE json_array_length(d.data, '$.privacy.findings') > 0"
    " AND NOT (coalesce(json_extract(d.data, '$.privacy.policy') = 'withhold', 0)"
    " AND coalesce(json_extract(d.data, '$.privacy.reviewed'), 0) = 0) LIMIT ?)"
)
MOST = (1000, 1000, 1000, 1000)
FOUND = PrivacyReport(findings=[PrivacyFinding(kind="nombre", start=0, end=5)])
WORDS = "el juzgado resolvió conforme a derecho el recurso de revisión interpuesto "


def _doc(n: int, size: int, tag: str, privacy: PrivacyReport | None = None) -> Sentencia:
    text = (f"{tag} {n} " + WORDS * (size // len(WORDS) + 1))[:size]
    return Sentencia(
        id=f"{tag}-{n:06d}",
        title=f"Sentencia {n}",
        date=dt.date(2024, 5, 1),
        institution="Poder Judicial de la Federación",
        jurisdiction="MX",
        source_id="pjf",
        url=f"https://ejemplo.gob.mx/{tag}/{n}",
        text=text,
        privacy=privacy,
    )


def _reread(path: str, rounds: int) -> dict[str, object]:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        answers = {
            sql: sorted(connection.execute(sql, MOST).fetchall()) for sql in (OLD, _HIDDEN_SQLITE)
        }
        assert answers[OLD] == answers[_HIDDEN_SQLITE]
        times: dict[str, list[float]] = {"old": [], "new": []}
        for n in range(rounds):
            for name, sql in (("old", OLD), ("new", _HIDDEN_SQLITE))[:: 1 if n % 2 else -1]:
                started = time.process_time()
                connection.execute(sql, MOST).fetchall()
                times[name].append(time.process_time() - started)
        queued = connection.execute("SELECT count(*) FROM index_queue").fetchone()[0]
    finally:
        connection.close()
    ms = {name: statistics.median(values) * 1000 for name, values in times.items()}
    return {"queued": queued, "answers": len(answers[OLD]), "median_ms_cpu": ms}


def _queue_in(path: str) -> None:
    """1,000 documents queued, ten with findings (masked), one of them withheld."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("DELETE FROM index_queue")
        connection.execute(
            "INSERT INTO index_queue (doc_id, content_sha256, claimed, source_id)"
            " SELECT id, content_sha256, 0, source_id FROM documents"
            " WHERE seq % 97 = 0 ORDER BY seq LIMIT 1000"
        )
        found = json.dumps(FOUND.model_dump(mode="json"))
        connection.execute(
            "UPDATE documents SET data = json_set(data, '$.privacy', json(?)) WHERE id IN"
            " (SELECT doc_id FROM index_queue ORDER BY doc_id LIMIT 10)",
            (found,),
        )
        connection.execute(
            "UPDATE documents SET data = json_set(data, '$.privacy.policy', 'withhold')"
            " WHERE id = (SELECT doc_id FROM index_queue ORDER BY doc_id LIMIT 1)"
        )
    finally:
        connection.close()


def _build(path: str) -> float:
    """Seconds of CPU to build the index over the library (migration 0032's cost)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        (declared,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'ix_documents_findings'"
        ).fetchone()
        connection.execute("DROP INDEX ix_documents_findings")
        started = time.process_time()
        connection.execute(declared)
        return time.process_time() - started
    finally:
        connection.close()


def _writes(root: Path, total: int, batch: int = 500) -> dict[str, object]:
    dbs = {}
    for name in ("without index", "with index"):
        dbs[name] = Database(f"sqlite:///{root / name.replace(' ', '-')}.db")
    with dbs["without index"].engine.begin() as connection:
        connection.exec_driver_sql("DROP INDEX ix_documents_findings")
    spent: dict[str, float] = dict.fromkeys(dbs, 0.0)
    for start in range(0, total, batch):
        order = list(dbs.items())[:: 1 if (start // batch) % 2 else -1]
        for name, db in order:
            docs = [
                _doc(n, 3000, "w", FOUND if n % 50 == 0 else None)
                for n in range(start, min(start + batch, total))
            ]
            started = time.process_time()
            db.save_documents(docs)
            spent[name] += time.process_time() - started
    for db in dbs.values():
        db.close()
    return {"documents": total, "us_cpu_per_doc": {k: v / total * 1e6 for k, v in spent.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a COPY of a library's abierto.db")
    parser.add_argument("--rounds", type=int, default=41)
    parser.add_argument("--writes", type=int, default=20_000)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/masked_lookup.json")
    args = parser.parse_args()
    load = os.getloadavg()
    Database(f"sqlite:///{args.db}").close()  # migrated: the index built
    _queue_in(args.db)
    built = _build(args.db)
    rows = {"library (--db)": _reread(args.db, args.rounds)}
    with tempfile.TemporaryDirectory(prefix="masked-lookup-") as scratch:
        root = Path(scratch)
        large = Database(f"sqlite:///{root / 'large.db'}")
        large.save_documents(
            [_doc(n, 53_000, "g", FOUND if n % 100 == 0 else None) for n in range(1000)]
        )
        large.close()
        rows["1,000 of 53 KB"] = _reread(str(root / "large.db"), args.rounds)
        writes = _writes(root, args.writes)
    print(f"load {load[0]:.1f}  rounds {args.rounds}")
    print(f"{'library':18} {'queued':>6} {'found':>5} {'old ms':>8} {'new ms':>8} {'× old':>7}")
    for name, row in rows.items():
        ms = row["median_ms_cpu"]
        print(
            f"{name:18} {row['queued']:>6} {row['answers']:>5} {ms['old']:>8.3f}"
            f" {ms['new']:>8.3f} {ms['old'] / max(ms['new'], 1e-9):>7.1f}"
        )
    us = writes["us_cpu_per_doc"]
    print(f"\nbuilding the index over the library: {built:.2f} s CPU")
    print(f"\nsave {writes['documents']} documents, µs CPU/doc:")
    for name, value in us.items():
        print(f"  {name:14} {value:8.1f}")
    extra = us["with index"] / us["without index"] - 1
    print(f"  index costs {extra * 100:+.1f}%")
    payload = {"load": load, "rounds": args.rounds, "reread": rows, "writes": writes,
               "build_s_cpu": built, "python": platform.python_version(),
               "sqlite": sqlite3.sqlite_version}  # fmt: skip
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {args.json}")


if __name__ == "__main__":
    main()
