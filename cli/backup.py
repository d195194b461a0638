"""``abierto backup DEST`` and ``abierto restore SRC`` (the work is in ``indexer.backup``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.wording import counted
from config.settings import Settings
from indexer.spanish import thousands


def _say(message: str) -> None:
    print(f"  {message}", flush=True)


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.backup import BackupError, take_backup

    print(f"copiando {settings.data_dir} en {args.dest} …", flush=True)
    try:
        report = take_backup(settings, args.dest, say=_say)
    except BackupError as exc:
        print(f"abierto backup: {exc}", file=sys.stderr)
        return 2
    manifest = report.manifest
    database, files, index = manifest["database"], manifest["files"], manifest["index"]
    print(
        f"base de datos: {counted(database['documents'], 'documento', 'documentos')} "
        f"({thousands(database['pending'])} por indexar "
        f"al restaurar) · originales: {counted(files['count'], 'archivo', 'archivos')}, "
        f"{counted(files['bytes'], 'byte', 'bytes')}"
    )
    if index["kind"] == "tantivy":
        print(
            f"índice: {counted(index['documents'], 'documento', 'documentos')}, "
            f"{counted(len(index['files']), 'archivo', 'archivos')}"
        )
    else:
        print(f"índice: no copiado; {index['note']}")
    for problem in report.problems:
        print(f"  problema: {problem}", file=sys.stderr)
    print(f"manifiesto: {args.dest / 'manifest.json'}")
    return 1 if report.problems else 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.backup import BackupError, restore_backup

    print(f"restaurando {args.src} en {settings.data_dir} …", flush=True)
    try:
        report = restore_backup(settings, args.src, force=args.force, say=_say)
    except BackupError as exc:
        print(f"abierto restore: {exc}", file=sys.stderr)
        return 2
    if report.missing_key:
        print(f"  problema: {report.missing_key}", file=sys.stderr)
    how = "reconstruido" if report.rebuilt else "restaurado"
    print(
        f"restaurados {report.documents} documentos y {report.files} archivos originales; "
        f"índice {how} ({report.indexed} documentos indexados ahora)"
    )
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="copia la base de datos, los originales y el índice en DEST (en línea)"
    )
    backup.add_argument("dest", type=Path, help="una carpeta nueva o vacía")
    backup.set_defaults(func=cmd_backup)
    restore = commands.add_parser(
        "restore", help="restaura una copia en una carpeta de datos vacía"
    )
    restore.add_argument("src", type=Path, help="una carpeta hecha por `abierto backup`")
    restore.add_argument(
        "--force",
        action="store_true",
        help="reemplaza la base de datos, el índice y los archivos de la carpeta de datos",
    )
    restore.set_defaults(func=cmd_restore)
