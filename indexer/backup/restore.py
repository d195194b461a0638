"""``abierto restore SRC``: check a backup against its manifest, then lay it into an empty
data folder and bring the search index up to date (or rebuild it when the backup holds
none, or when the index lives on an engine)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from config.settings import Settings
from indexer.alerts.links import LINKS_FILE, MissingLinksKey, links_key
from indexer.backup.manifest import Manifest, inside, listed_digests, no_link, read_manifest
from indexer.backup.parts import (
    BackupError,
    archive_path,
    copy_archive,
    copy_hashed,
    copy_secret,
    integrity_problem,
    sha256_of,
)
from indexer.backup.take import sqlite_path
from indexer.db.migrate import known_revisions
from indexer.library import Library


@dataclass
class RestoreReport:
    documents: int
    files: int
    indexed: int
    rebuilt: bool
    missing_key: str | None = None  # why alert deliveries will fail (the key is not in it)


def verify(src: Path, manifest: Manifest) -> list[str]:
    """Every part against the manifest: the database, each original, each index file."""
    problems: list[str] = []

    def check(path: Path, expected: str) -> None:
        no_link(path, str(path.relative_to(src)))
        if not path.is_file():
            problems.append(f"falta: {path.relative_to(src)}")
        elif sha256_of(path) != expected:
            problems.append(f"no coincide con su sha256: {path.relative_to(src)}")

    check(manifest.database, manifest.database_sha256)
    if manifest.alerts_key is not None:
        check(manifest.alerts_key, manifest.alerts_key_sha256)
    check(manifest.listing, manifest.listing_sha256)
    if manifest.listing.is_file():
        digests = listed_digests(manifest.listing)
        if len(digests) != manifest.count:
            problems.append(
                f"{manifest.listing.name} enumera {len(digests)} archivos, no {manifest.count}"
            )
        for digest in digests:
            check(inside(src, str(archive_path(Path("files"), digest)), "files"), digest)
    if manifest.index_folder is not None:
        for name, digest in manifest.index_files.items():
            check(manifest.index_folder / name, digest)
    if not problems:
        found = integrity_problem(manifest.database) or _unknown_schema(manifest.database)
        if found is not None:
            problems.append(
                f"{manifest.database.relative_to(src)} no es una base de datos sana: {found}"
            )
    return problems


def _unknown_schema(path: Path) -> str | None:
    """Why this version cannot open the database at ``path`` (its schema revision is one
    it does not know: a newer version made it), or None."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None  # made before migrations existed: opening it stamps and upgrades it
    finally:
        connection.close()
    if row is None or row[0] in known_revisions():
        return None
    return (
        f"su revisión de esquema {str(row[0])[:40]!r} no la conoce esta versión de Estado "
        "Abierto (la hizo una más reciente): restáurela con esa versión"
    )


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
            f"la carpeta de datos no está vacía ({names}…): restaure en una vacía, o añada "
            "--force para reemplazar su base de datos, su índice y sus originales"
        )
    say("comprobando cada parte con el manifiesto …")
    problems = verify(src, manifest)
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (y {len(problems) - 5} más)" if len(problems) > 5 else ""
        raise BackupError(f"la copia de seguridad está dañada, no se restauró nada: {shown}{more}")
    if force:
        _clear(settings, db_path)

    say("restaurando la base de datos y los originales …")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    copy_hashed(manifest.database, db_path)
    if manifest.alerts_key is not None:  # before the library opens, which would make one
        copy_secret(manifest.alerts_key, settings.data_dir / LINKS_FILE)
    archive = copy_archive(src / "files", settings.files_dir, listed_digests(manifest.listing))
    rebuild = bool(settings.search_url) or manifest.index_folder is None
    if manifest.index_folder is not None and not rebuild:
        for name in manifest.index_files:
            copy_hashed(manifest.index_folder / name, settings.index_dir / name)

    library = Library.open(settings, writer=True)
    try:
        if rebuild:
            say("reconstruyendo el índice de búsqueda desde la base de datos …")
            indexed = library.reindex()
        else:
            say("indexando los documentos que cambiaron mientras se hacía la copia …")
            indexed = library.flush()
        documents = library.db.count_documents()
        pending = library.db.count_pending()
        missing = None
        try:
            links_key(settings.data_dir, library.db)
        except MissingLinksKey as exc:
            missing = str(exc)
    finally:
        library.close()
    if pending:
        raise BackupError(
            f"restaurada, pero {pending} documentos no se pudieron indexar: "
            "ejecute `abierto reindex`"
        )
    return RestoreReport(documents, archive.count, indexed, rebuild, missing)
