"""``abierto dump DIR`` (the work is in ``indexer.dump``)."""

from __future__ import annotations

import argparse
import resource
from pathlib import Path

from config.settings import Settings


def cmd_dump(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.db import Database
    from indexer.dump import write_dump

    db = Database(settings.database)
    try:
        report = write_dump(db, args.dir)
    finally:
        db.close()
    for kind, rows in report.rows.items():
        print(f"{kind}.jsonl.gz: {rows} documents")
    print(f"withheld (left out): {report.withheld}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"catalog: {args.dir / 'catalog.json'} · peak memory {peak} MB")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    dump = commands.add_parser(
        "dump", help="write every published document as JSONL.gz per kind, with a catalog"
    )
    dump.add_argument("dir", type=Path, help="the folder to write (files are replaced)")
    dump.set_defaults(func=cmd_dump)
