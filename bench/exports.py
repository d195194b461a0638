"""Benchmark the open-data exports on a library of ``--docs`` documents (each with about
``--chars`` characters of text): ``abierto dump`` and ``GET /v1/export.csv`` (without
words: every document, in one part), each in a process of its own, reporting time, rows
and peak memory (RSS), which must stay flat as the library grows.

Usage: python bench/exports.py [--docs N] [--chars C] [--json PATH]
Prints a table and writes JSON (default ``bench/results/exports.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from config.settings import Settings  # noqa: E402
from indexer.db import Database  # noqa: E402
from indexer.models import Sentencia, document_id  # noqa: E402


def build(data: Path, docs: int, chars: int) -> None:
    db = Database(Settings(data_dir=data, database_url=None).database)
    text = ("La parte quejosa promovió amparo contra la sentencia. " * (chars // 54 + 1))[:chars]
    for start in range(0, docs, 1000):
        db.save_documents(
            [
                Sentencia(
                    id=document_id("bench", f"https://ejemplo.gob.mx/{n}"),
                    title=f"Amparo directo {n}/2023",
                    date=dt.date(2000, 1, 1) + dt.timedelta(days=n % 9000),
                    institution="Poder Judicial de Guanajuato",
                    jurisdiction="MX-GUA",
                    source_id="bench",
                    url=f"https://ejemplo.gob.mx/{n}",
                    text=text,
                    matter="penal",
                )
                for n in range(start, min(start + 1000, docs))
            ]
        )
    db.close()


def phase(name: str, data: Path) -> dict[str, float]:
    """Run in a child process: one export, its time, rows and peak RSS."""
    started = time.perf_counter()
    if name == "dump":
        from indexer.dump import write_dump

        db = Database(Settings(data_dir=data, database_url=None).database)
        rows = sum(write_dump(db, data / "dump").rows.values())
        db.close()
    else:
        from fastapi.testclient import TestClient

        from api.app import create_app
        from indexer.library import Library

        library = Library.open(Settings(data_dir=data, database_url=None))
        rows = -1  # the header
        with TestClient(create_app(library)) as client:
            params = {"fields": "id,title,date,text"}
            with client.stream("GET", "/v1/export.csv", params=params) as response:
                for line in response.iter_lines():
                    rows += 1 if line and not line.startswith(" ") else 0
        library.close()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--chars", type=int, default=2_000)
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/exports.json")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.data)))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        build(data, args.docs, args.chars)
        for name in ("dump", "export.csv"):
            child = subprocess.run(
                [sys.executable, __file__, "--phase", name, "--data", str(data)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            results.append({"export": name, **json.loads(child.stdout.splitlines()[-1])})
    print(f"{args.docs} documents of {args.chars} characters")
    print(f"{'export':<12} {'rows':>8} {'seconds':>8} {'peak RSS MB':>12}")
    for r in results:
        print(f"{r['export']:<12} {r['rows']:>8} {r['seconds']:>8} {r['peak_rss_mb']:>12}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"docs": args.docs, "chars": args.chars, "results": results}, indent=2)
    )


if __name__ == "__main__":
    main()
