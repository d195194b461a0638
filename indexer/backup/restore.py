"""``abierto restore SRC``: check a backup against its manifest, then lay it into an empty
data folder and bring the search index up to date (or rebuild it when the backup holds
none, or when the index lives on an engine)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from config.settings import Settings
from indexer.backup.parts import (
    BackupError,
    archive_path,
    copy_archive,
    copy_hashed,
    sha256_of,
)
from indexer.backup.take import FORMAT, MANIFEST, sqlite_path
from indexer.library import Library


@dataclass
class RestoreReport:
    documents: int
    files: int
    indexed: int
    rebuilt: bool


def read_manifest(src: Path) -> dict:
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{src} is not a backup: it has no {MANIFEST}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{src / MANIFEST} is not valid JSON: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{src / MANIFEST} is not a manifest of format {FORMAT}")
    return manifest


def verify(src: Path, manifest: dict) -> list[str]:
    """Every part against the manifest: the database, each original, each index file."""
    problems: list[str] = []

    def check(path: Path, expected: str) -> None:
        if not path.is_file():
            problems.append(f"missing: {path.relative_to(src)}")
        elif sha256_of(path) != expected:
            problems.append(f"does not match its sha256: {path.relative_to(src)}")

    database = manifest["database"]
    check(src / database["file"], database["sha256"])
    files = manifest["files"]
    listing = src / files["listing"]
    check(listing, files["sha256"])
    if listing.is_file():
        digests = listing.read_text(encoding="ascii").split()
        if len(digests) != files["count"]:
            problems.append(f"{files['listing']} lists {len(digests)} files, not {files['count']}")
        for digest in digests:
            check(archive_path(src / "files", digest), digest)
    index = manifest["index"]
    if index.get("kind") == "tantivy":
        for name, digest in index["files"].items():
            check(src / index["folder"] / name, digest)
    return problems


def _occupied(settings: Settings, db_path: Path) -> list[Path]:
    found = [p for p in (db_path, settings.index_dir, settings.files_dir) if p.exists()]
    if settings.data_dir.is_dir():
        found += [p for p in settings.data_dir.iterdir() if p not in found]
    return found


def _clear(settings: Settings, db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    for folder in (settings.index_dir, settings.files_dir):
        if folder.exists():
            shutil.rmtree(folder)


def restore_backup(
    settings: Settings,
    src: Path,
    force: bool = False,
    say: Callable[[str], None] = lambda _m: None,
) -> RestoreReport:
    manifest = read_manifest(src)
    db_path = sqlite_path(settings)
    occupied = _occupied(settings, db_path)
    if occupied and not force:
        names = ", ".join(str(p) for p in occupied[:3])
        raise BackupError(
            f"the data folder is not empty ({names}…): restore into an empty one, or pass "
            "--force to replace its database, index and originals"
        )
    say("checking every part against the manifest …")
    problems = verify(src, manifest)
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise BackupError(f"the backup is damaged, nothing was restored: {shown}{more}")
    if force:
        _clear(settings, db_path)

    say("restoring the database and the originals …")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    copy_hashed(src / manifest["database"]["file"], db_path)
    digests = (src / manifest["files"]["listing"]).read_text(encoding="ascii").split()
    archive = copy_archive(src / "files", settings.files_dir, digests)
    index = manifest["index"]
    rebuild = bool(settings.search_url) or index.get("kind") != "tantivy"
    if not rebuild:
        for name in index["files"]:
            copy_hashed(src / index["folder"] / name, settings.index_dir / name)

    library = Library.open(settings, writer=True)
    try:
        if rebuild:
            say("rebuilding the search index from the database …")
            indexed = library.reindex()
        else:
            say("indexing the documents that changed while the backup was taken …")
            indexed = library.flush()
        documents = library.db.count_documents()
        pending = library.db.count_pending()
    finally:
        library.close()
    if pending:
        raise BackupError(
            f"restored, but {pending} documents could not be indexed: run `abierto reindex`"
        )
    return RestoreReport(documents, archive.count, indexed, rebuild)
