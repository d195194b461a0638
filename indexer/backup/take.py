"""``abierto backup DEST``: a consistent copy of a live library, taken while the API
serves and crawls write.

Order matters. The index is copied first and the database after it, so the copied
index never holds a document the copied database lacks; then, in the copy only, every
document the copied index may not hold as the database has it is marked pending (it was
pending or changed around the time of the copy, or its id is not in the copied index),
and ``restore`` indexes those. The originals are copied last, as the copied database
lists them (originals and fetched pages): the archive only grows, and a file is archived
before any row names it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tantivy
from sqlalchemy import select
from sqlalchemy.engine import make_url

from config.settings import Settings
from indexer.alerts.links import LINKS_FILE
from indexer.backup.parts import (
    BackupError,
    archive_listing,
    copy_archive,
    copy_secret,
    integrity_problem,
    sha256_of,
    snapshot_sqlite,
    snapshot_tantivy,
)
from indexer.db import Database, DocumentRow, FetchRow, FileRow
from indexer.db.tables import IndexQueueRow
from indexer.db.webhook_secrets import holds_keyed_alerts
from indexer.spanish import thousands
from indexer.stores.base import StoreUnavailable
from indexer.stores.tantivy_store import TantivyStore

FORMAT = "estado-abierto-backup/1"
MANIFEST = "manifest.json"
DATABASE_FILE = "abierto.db"
FILES_LISTING = "files.txt"
INDEX_FOLDER = "index"
ALERTS_KEY = "alerts-secret"  # the data folder's .alerts-secret, kept 0600
# .pages-secret is left out on purpose: it only signs the hour-long sign-in cookies of
# /fuentes (a restored folder makes a new one and institutions sign in again), and with
# it whoever holds a backup could forge a sign-in for any institution
# documents changed this long before the index was copied are indexed again on restore:
# covers a rebuild (``abierto reindex``) that was replacing the index meanwhile
CHANGE_MARGIN = dt.timedelta(hours=1)
REBUILD_NOTE = (
    "esta copia no guarda el índice de búsqueda: `abierto restore` lo reconstruye desde la "
    "base de datos (o ejecute `abierto reindex`)"
)


@dataclass
class BackupReport:
    manifest: dict
    problems: list[str]


def sqlite_path(settings: Settings) -> Path:
    """The SQLite file of ``settings``; any other database is backed up with its own tools."""
    url = make_url(settings.database)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(
            f"la base de datos es {url.get_backend_name()}, no el archivo SQLite integrado: "
            "cópiela con sus propias herramientas (PostgreSQL: pg_dump o pg_basebackup; vea "
            "el README, Backups), y la carpeta de originales con ella"
        )
    return Path(url.database)


def prepare_destination(dest: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} no es una carpeta vacía: haga la copia en una nueva")
    dest.mkdir(parents=True, exist_ok=True)


def take_backup(
    settings: Settings, dest: Path, say: Callable[[str], None] = lambda _m: None
) -> BackupReport:
    source_db = sqlite_path(settings)
    prepare_destination(dest)
    live = Database(settings.database)
    try:
        # a write open now (SQLite's single writer), committed after the index is copied
        # and indexed by its process before the database is: its rows carry the time it
        # was made, maybe before CHANGE_MARGIN, and its queue entry is gone from the
        # copy. Waited for, it is committed first: queued in ``pending``, or indexed
        # before the index is copied
        live.oldest_open_write(settle=True)
        pending = _pending_ids(live)
    finally:
        live.close()
    taken_at = dt.datetime.now(dt.UTC)
    index_files: dict[str, str] | None = None
    if not settings.search_url and (settings.index_dir / "meta.json").is_file():
        say("copiando el índice de búsqueda …")
        index_files = snapshot_tantivy(settings.index_dir, dest / INDEX_FOLDER)
    say("copiando la base de datos (copia en línea de SQLite) …")
    snapshot_sqlite(source_db, dest / DATABASE_FILE)
    problem = integrity_problem(dest / DATABASE_FILE)
    if problem:
        raise BackupError(
            f"la base de datos copiada no pasa la comprobación de integridad de SQLite: {problem}"
        )

    copy = Database(f"sqlite:///{(dest / DATABASE_FILE).resolve()}")
    try:
        index_part = _reconcile(copy, dest / INDEX_FOLDER, index_files, pending, taken_at)
        if index_part is None:
            index_part = {"kind": "none", "note": _note(settings)}
        digests = _archived(copy)
        keyed = holds_keyed_alerts(copy.engine)
        counts = {
            "documents": copy.count_documents(),
            "pending": copy.count_pending(),
            "files": len(digests),
        }
    finally:
        copy.close()

    noun = "archivo original" if len(digests) == 1 else "archivos originales"
    shown = f"{thousands(len(digests))} {noun}"
    say(f"copiando {shown} (comprobando cada hash) …")
    archive = copy_archive(settings.files_dir, dest / "files", digests)
    left_out = set(archive.missing or []) | set(archive.corrupt or [])
    listing = archive_listing(d for d in digests if d not in left_out)
    (dest / FILES_LISTING).write_text(listing, encoding="ascii")
    problems = [f"falta en el archivo de originales: {d}" for d in archive.missing or []]
    problems += [f"los bytes no coinciden con su sha256: {d}" for d in archive.corrupt or []]
    secrets, problem = _alerts_key(settings, dest, keyed)
    problems += [problem] if problem else []

    manifest = {
        "format": FORMAT,
        "created_at": taken_at.isoformat(),
        "database": {
            "file": DATABASE_FILE,
            "sha256": sha256_of(dest / DATABASE_FILE),
            "bytes": (dest / DATABASE_FILE).stat().st_size,
            **counts,
        },
        "files": {
            "listing": FILES_LISTING,
            "sha256": sha256_of(dest / FILES_LISTING),
            "count": archive.count,
            "bytes": archive.bytes,
            "missing": archive.missing,
            "corrupt": archive.corrupt,
        },
        "index": index_part,
        "secrets": secrets,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return BackupReport(manifest, problems)


def _alerts_key(settings: Settings, dest: Path, keyed: bool) -> tuple[dict, str | None]:
    """The data folder's key of alerts, copied 0600: the webhooks' signing secrets in the
    copied database are sealed under it (a restore without it delivers none of them), and
    the unsubscribe links mailed were signed with it. Its manifest entry (or none), and
    the problem when webhooks need a key the folder no longer has."""
    source = settings.data_dir / LINKS_FILE
    if not source.is_file():
        problem = (
            f"falta {source}, y la base de datos guarda secretos de webhooks sellados con "
            "ella: sus entregas fallarán después de restaurar"
        )
        return {}, problem if keyed else None
    digest = copy_secret(source, dest / ALERTS_KEY)
    return {"alerts": {"file": ALERTS_KEY, "sha256": digest}}, None


def _note(settings: Settings) -> str:
    if settings.search_url:
        return (
            f"el índice está en {settings.search_engine}: cópielo con la API de snapshots "
            f"del motor, o {REBUILD_NOTE.split(': ', 1)[1]}"
        )
    return REBUILD_NOTE


def _archived(db: Database) -> list[str]:
    """What the archive holds for the copied database: the originals of documents and
    the last body of each fetched page (a conditional fetch answered 304 reuses it)."""
    with db.session() as s:
        files = set(s.scalars(select(FileRow.sha256)))
        fetched = set(s.scalars(select(FetchRow.sha256).where(FetchRow.sha256.is_not(None))))
    return sorted(files | fetched)


def _pending_ids(db: Database) -> set[str]:
    """Documents waiting in the index queue (claimed ones too: written, not committed)."""
    with db.session() as s:
        return set(s.scalars(select(IndexQueueRow.doc_id)))


def _reconcile(
    copy: Database,
    folder: Path,
    index_files: dict[str, str] | None,
    pending: set[str],
    taken_at: dt.datetime,
) -> dict | None:
    """Make the copied database and the copied index agree (see the module's docstring);
    None when there is no usable index copy."""
    if index_files is None:
        return None
    try:
        store = TantivyStore(folder)
    except (StoreUnavailable, ValueError):  # built by another version: rebuilt on restore
        shutil.rmtree(folder)
        return None
    try:
        searcher = store.index.searcher()
        indexed: set[str] = set()
        if searcher.num_docs:
            hits = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs).hits
            indexed = {searcher.doc(address)["id"][0] for _score, address in hits}
        with copy.session() as s:
            known = set(s.scalars(select(DocumentRow.id)))
        extra = indexed - known
        if extra:
            store.delete(sorted(extra))
        stale = (pending | (known - indexed)) & known
        with copy.session() as s:
            recent = set(
                s.scalars(
                    select(DocumentRow.id).where(DocumentRow.updated_at >= taken_at - CHANGE_MARGIN)
                )
            )
        copy.release_claims()
        copy.requeue(sorted(stale | recent))
        documents = store.count()
    finally:
        del store  # lets go of the copy's files before they are hashed
    files = {
        entry.name: sha256_of(entry)
        for entry in sorted(folder.iterdir())
        if entry.is_file() and not entry.name.startswith(".tantivy-")
    }
    return {
        "kind": "tantivy",
        "folder": INDEX_FOLDER,
        "taken_at": taken_at.isoformat(),
        "documents": documents,
        "files": files,
    }
