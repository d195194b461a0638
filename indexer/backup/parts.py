"""The parts of a backup, each copied and checked on its own: the SQLite database (through
SQLite's online backup API), the archive of originals (files named by their sha256) and
the embedded Tantivy index (the files its ``meta.json`` names, which never change once
written)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from indexer.stores.base import ANALYSIS_STAMP

CHUNK = 1024 * 1024
SNAPSHOT_ATTEMPTS = 5


class BackupError(RuntimeError):
    """A backup or a restore that cannot go on; the message says why and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def copy_hashed(source: Path, target: Path) -> str:
    """Copy ``source`` to ``target`` (through a temporary name, so a half-written copy is
    never taken for a whole one) and return the sha256 of what was copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".part-{target.name}")
    digest = hashlib.sha256()
    try:
        with source.open("rb") as reader, temp.open("wb") as writer:
            while block := reader.read(CHUNK):
                digest.update(block)
                writer.write(block)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def copy_secret(source: Path, target: Path) -> str:
    """Copy a key file readable by its owner only (0600, whatever the umask), through a
    temporary name; the sha256 of what was copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".part-{target.name}")
    temp.unlink(missing_ok=True)
    value = source.read_bytes()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as writer:
            writer.write(value)
            writer.flush()
            os.fsync(writer.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return hashlib.sha256(value).hexdigest()


# -- the database ---------------------------------------------------------------------


def snapshot_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database, in one step of the online backup API
    (writers in WAL mode go on meanwhile), left as one self-contained file."""
    if not source.is_file():
        raise BackupError(f"no hay base de datos en {source}")
    reader = sqlite3.connect(source, timeout=30)
    writer = sqlite3.connect(target)
    try:
        reader.execute("PRAGMA busy_timeout=30000")
        reader.backup(writer, pages=-1)
        writer.execute("PRAGMA journal_mode=DELETE")
    finally:
        writer.close()
        reader.close()


def integrity_problem(path: Path) -> str | None:
    """What SQLite finds wrong with the database file at ``path``, or None."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        answer = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        connection.close()
    return None if answer == "ok" else str(answer)


# -- the archive of originals -----------------------------------------------------------


@dataclass
class ArchiveCopy:
    count: int = 0
    bytes: int = 0
    missing: list[str] | None = None
    corrupt: list[str] | None = None


def archive_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


def copy_archive(source_root: Path, target_root: Path, digests: Iterable[str]) -> ArchiveCopy:
    """Copy each file by its sha256, checking that its bytes still have that hash."""
    result = ArchiveCopy(missing=[], corrupt=[])
    for sha256 in digests:
        source = archive_path(source_root, sha256)
        target = archive_path(target_root, sha256)
        if not source.is_file():
            result.missing.append(sha256)  # type: ignore[union-attr]
            continue
        if copy_hashed(source, target) != sha256:
            target.unlink()
            result.corrupt.append(sha256)  # type: ignore[union-attr]
            continue
        result.count += 1
        result.bytes += target.stat().st_size
    return result


def archive_listing(digests: Iterable[str]) -> str:
    return "".join(f"{sha256}\n" for sha256 in sorted(digests))


# -- the embedded index ---------------------------------------------------------------


def _segment_files(folder: Path, meta: dict) -> list[str]:
    """The files of the segments ``meta`` names: ``<id>.<ext>`` and the deletes file of
    the opstamp it records (``<id>.<opstamp>.del``)."""
    names: list[str] = []
    present = sorted(entry.name for entry in folder.iterdir())
    for segment in meta.get("segments", []):
        stem = segment["segment_id"].replace("-", "")
        deletes = segment.get("deletes") or {}
        wanted_del = f"{stem}.{deletes['opstamp']}.del" if deletes else None
        for name in present:
            if not name.startswith(f"{stem}."):
                continue
            if name.endswith(".del") and name != wanted_del:
                continue
            names.append(name)
        if wanted_del and wanted_del not in names:
            raise FileNotFoundError(wanted_del)
    return names


def snapshot_tantivy(source: Path, target: Path) -> dict[str, str]:
    """Copy a consistent state of a live Tantivy index: its ``meta.json`` and the segment
    files it names. Segment files are written once and never changed, so the only race is
    a merge deleting a file between reading the meta and copying it: then start again.
    Returns ``{file name: sha256}``."""
    for _attempt in range(SNAPSHOT_ATTEMPTS):
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        meta_bytes = (source / "meta.json").read_bytes()
        try:
            meta = json.loads(meta_bytes)
            copied = {
                name: copy_hashed(source / name, target / name)
                for name in _segment_files(source, meta)
            }
        except FileNotFoundError:
            continue
        (target / "meta.json").write_bytes(meta_bytes)
        copied["meta.json"] = hashlib.sha256(meta_bytes).hexdigest()
        # how its texts were analysed (without it, a restored index is rebuilt)
        if (source / ANALYSIS_STAMP).is_file():
            copied[ANALYSIS_STAMP] = copy_hashed(source / ANALYSIS_STAMP, target / ANALYSIS_STAMP)
        return copied
    raise BackupError(
        f"el índice de {source} siguió cambiando durante la copia ({SNAPSHOT_ATTEMPTS} "
        "intentos); repita la orden"
    )
