"""``abierto dump DIR`` (the work is in ``indexer.dump``)."""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

from cli.numbers import whole
from config.settings import Settings


def cmd_dump(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.db import Database
    from indexer.dump import KEEP_DAYS, DumpBusy, write_dump

    db = Database(settings.database)
    try:
        keep = KEEP_DAYS if args.conservar_dias is None else args.conservar_dias
        report = write_dump(db, args.dir, keep_days=keep)
    except DumpBusy as exc:
        print(f"abierto dump: {exc}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: the same command later will succeed
    finally:
        db.close()
    for kind, rows in report.rows.items():
        print(f"{kind}.jsonl.gz, {kind}.parquet: {rows} documentos")
    print(f"retenidos (no publicados): {report.withheld}")
    if report.delta is None:
        print("delta: ninguno (primer volcado en esta carpeta)")
    else:
        delta = report.delta
        changed = " · ".join(f"{kind} {n}" for kind, n in delta.rows.items())
        print(
            f"delta {delta.folder.relative_to(args.dir)} "
            f"({delta.start:%Y-%m-%d %H:%M:%S} → {delta.end:%Y-%m-%d %H:%M:%S} UTC): "
            f"cambiados {changed} · eliminados {delta.deleted}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"catálogo: {args.dir / 'catalog.json'} · memoria máxima {peak} MB")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    dump = commands.add_parser(
        "dump",
        help="escribe cada documento publicado en JSONL.gz y Parquet por tipo, el delta "
        "desde el volcado anterior y un catálogo",
    )
    dump.add_argument(
        "dir", type=Path, help="la carpeta donde escribir (los archivos completos se reemplazan)"
    )
    dump.add_argument(
        "--conservar-dias",
        type=whole(1, of="días"),
        metavar="N",
        help="conserva cada delta N días (por omisión 30)",
    )
    dump.set_defaults(func=cmd_dump)
