"""``abierto backup DEST`` and ``abierto restore SRC`` (the work is in ``indexer.backup``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from config.settings import Settings


def _say(message: str) -> None:
    print(f"  {message}", flush=True)


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.backup import BackupError, take_backup

    print(f"backing up {settings.data_dir} into {args.dest} …", flush=True)
    try:
        report = take_backup(settings, args.dest, say=_say)
    except BackupError as exc:
        print(f"abierto backup: {exc}", file=sys.stderr)
        return 2
    manifest = report.manifest
    database, files, index = manifest["database"], manifest["files"], manifest["index"]
    print(
        f"database: {database['documents']} documents ({database['pending']} to index on "
        f"restore) · originals: {files['count']} files, {files['bytes']} bytes"
    )
    if index["kind"] == "tantivy":
        print(f"index: {index['documents']} documents, {len(index['files'])} files")
    else:
        print(f"index: not copied; {index['note']}")
    for problem in report.problems:
        print(f"  problem: {problem}", file=sys.stderr)
    print(f"manifest: {args.dest / 'manifest.json'}")
    return 1 if report.problems else 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.backup import BackupError, restore_backup

    print(f"restoring {args.src} into {settings.data_dir} …", flush=True)
    try:
        report = restore_backup(settings, args.src, force=args.force, say=_say)
    except BackupError as exc:
        print(f"abierto restore: {exc}", file=sys.stderr)
        return 2
    if report.missing_key:
        print(f"  problem: {report.missing_key}", file=sys.stderr)
    how = "rebuilt" if report.rebuilt else "restored"
    print(
        f"restored {report.documents} documents and {report.files} original files; "
        f"index {how} ({report.indexed} documents indexed now)"
    )
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="copy the database, originals and index into DEST (online)"
    )
    backup.add_argument("dest", type=Path, help="a new or empty folder")
    backup.set_defaults(func=cmd_backup)
    restore = commands.add_parser("restore", help="restore a backup into an empty data folder")
    restore.add_argument("src", type=Path, help="a folder made by `abierto backup`")
    restore.add_argument(
        "--force", action="store_true", help="replace the data folder's database, index, files"
    )
    restore.set_defaults(func=cmd_restore)
