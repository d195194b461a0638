"""Opening the database and the reads and writes the other layers need."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from indexer.db.migrate import upgrade
from indexer.db.tables import CrawlRunRow, DocumentRow, FetchRow, FileRow
from indexer.models import Legislativo, Sentencia, Sesion, parse_document

AnyDocument = Sentencia | Sesion | Legislativo
SaveOutcome = Literal["new", "updated", "unchanged"]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


BUSY_TIMEOUT_S = 15


class DatabaseBusy(RuntimeError):
    """Another process held the database's write lock for longer than we wait for it.
    Nothing was written by the failed call; trying again later is safe."""


def _busy(context: Any) -> None:
    """SQLite's ``database is locked``, after the busy timeout: say it plainly."""
    original = context.original_exception
    if isinstance(original, sqlite3.OperationalError) and "locked" in str(original):
        raise DatabaseBusy(
            f"the database is locked by another writer (waited {BUSY_TIMEOUT_S} s); "
            "nothing was lost: try again when it has finished"
        ) from original


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """A thin layer over SQLAlchemy: each method is one short transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "handle_error", _busy)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        upgrade(self.engine)

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()

    # -- documents ----------------------------------------------------------------

    def save_document(self, doc: AnyDocument) -> SaveOutcome:
        """Insert or update by id; a document whose content hash is unchanged is untouched."""
        doc = doc.with_hash()
        now = utcnow()
        with self.session() as s, s.begin():
            row = s.get(DocumentRow, doc.id)
            if row is not None and row.content_sha256 == doc.content_sha256:
                row.fetched_at = doc.fetched_at or now
                return "unchanged"
            data = doc.model_dump(mode="json", exclude={"text"})
            data["updated_at"] = now.isoformat()
            values = dict(
                kind=doc.kind,
                source_id=doc.source_id,
                title=doc.title,
                date=doc.date,
                institution=doc.institution,
                jurisdiction=doc.jurisdiction,
                url=doc.url,
                text=doc.text,
                content_sha256=doc.content_sha256,
                data=data,
                fetched_at=doc.fetched_at or now,
                updated_at=now,
            )
            if row is None:
                s.add(DocumentRow(id=doc.id, created_at=now, indexed_sha256=None, **values))
                return "new"
            for key, value in values.items():
                setattr(row, key, value)
            return "updated"

    def get_document(self, doc_id: str) -> AnyDocument | None:
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            return _to_model(row) if row is not None else None

    def get_documents(self, ids: list[str]) -> dict[str, AnyDocument]:
        """Several documents in one read, by id (missing ids are left out)."""
        with self.session() as s:
            rows = s.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids))).all()
            return {row.id: _to_model(row) for row in rows}

    def iter_documents(self, batch: int = 500, pending_only: bool = False) -> Iterator[AnyDocument]:
        """All documents (or those whose indexed copy is stale), in id order, in batches."""
        last = ""
        while True:
            with self.session() as s:
                stmt = select(DocumentRow).where(DocumentRow.id > last)
                if pending_only:
                    stmt = stmt.where(
                        (DocumentRow.indexed_sha256.is_(None))
                        | (DocumentRow.indexed_sha256 != DocumentRow.content_sha256)
                    )
                rows = s.scalars(stmt.order_by(DocumentRow.id).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield _to_model(row)
            last = rows[-1].id

    def mark_indexed(self, docs: list[AnyDocument]) -> None:
        with self.session() as s, s.begin():
            for doc in docs:
                s.execute(
                    update(DocumentRow)
                    .where(DocumentRow.id == doc.id)
                    .values(indexed_sha256=doc.content_sha256)
                )

    def mark_rebuilt(self, began: dt.datetime, failed: list[str] | None = None) -> None:
        """After a full rebuild that began at ``began``: documents unchanged since then are
        in the new index as they are now; the ones changed since (perhaps written into the
        old index meanwhile) and the ``failed`` ones are pending again."""
        with self.session() as s, s.begin():
            s.execute(
                update(DocumentRow)
                .where(DocumentRow.updated_at < began)
                .values(indexed_sha256=DocumentRow.content_sha256)
            )
            s.execute(
                update(DocumentRow)
                .where(DocumentRow.updated_at >= began)
                .values(indexed_sha256=None)
            )
            failed = failed or []
            for start in range(0, len(failed), 500):
                s.execute(
                    update(DocumentRow)
                    .where(DocumentRow.id.in_(failed[start : start + 500]))
                    .values(indexed_sha256=None)
                )

    def mark_all_unindexed(self) -> None:
        with self.session() as s, s.begin():
            s.execute(update(DocumentRow).values(indexed_sha256=None))

    def count_documents(self, source_id: str | None = None) -> int:
        with self.session() as s:
            stmt = select(func.count()).select_from(DocumentRow)
            if source_id:
                stmt = stmt.where(DocumentRow.source_id == source_id)
            return int(s.scalar(stmt) or 0)

    def count_pending(self) -> int:
        with self.session() as s:
            stmt = (
                select(func.count())
                .select_from(DocumentRow)
                .where(
                    (DocumentRow.indexed_sha256.is_(None))
                    | (DocumentRow.indexed_sha256 != DocumentRow.content_sha256)
                )
            )
            return int(s.scalar(stmt) or 0)

    # -- files --------------------------------------------------------------------

    def get_file(self, sha256: str) -> FileRow | None:
        with self.session() as s:
            return s.get(FileRow, sha256)

    def save_file(self, row: FileRow) -> None:
        with self.session() as s, s.begin():
            s.merge(row)

    # -- conditional fetches -------------------------------------------------------

    def get_fetch(self, url: str) -> FetchRow | None:
        with self.session() as s:
            return s.get(FetchRow, url)

    def save_fetch(self, row: FetchRow) -> None:
        with self.session() as s, s.begin():
            s.merge(row)

    # -- crawl runs -----------------------------------------------------------------

    def start_run(self, source_id: str, owner: str | None = None) -> int:
        """Open a run; ``owner`` ("host:pid") and a first heartbeat let a later process
        tell whether the crawl still lives."""
        with self.session() as s, s.begin():
            now = utcnow()
            row = CrawlRunRow(
                source_id=source_id, started_at=now, stats={}, errors={}, owner=owner,
                heartbeat_at=now if owner else None,
            )  # fmt: skip
            s.add(row)
            s.flush()
            return row.id

    def beat(self, run_ids: list[int]) -> None:
        """The crawls of these runs are alive (only runs still running are touched)."""
        if not run_ids:
            return
        with self.session() as s, s.begin():
            s.execute(
                update(CrawlRunRow)
                .where(CrawlRunRow.id.in_(run_ids), CrawlRunRow.status == "running")
                .values(heartbeat_at=utcnow())
            )

    def running_runs(self) -> list[CrawlRunRow]:
        with self.session() as s:
            return list(s.scalars(select(CrawlRunRow).where(CrawlRunRow.status == "running")))

    def abandon_run(self, run_id: int, message: str) -> bool:
        """Close a run whose crawl is gone as ``abandoned`` (if it is still running)."""
        with self.session() as s, s.begin():
            done = s.execute(
                update(CrawlRunRow)
                .where(CrawlRunRow.id == run_id, CrawlRunRow.status == "running")
                .values(status="abandoned", finished_at=utcnow(), message=message)
            )
            return bool(done.rowcount)

    def finish_run(
        self,
        run_id: int,
        status: str,
        stats: dict[str, Any],
        errors: dict[str, Any],
        message: str | None = None,
    ) -> None:
        with self.session() as s, s.begin():
            row = s.get(CrawlRunRow, run_id)
            if row is None:
                raise KeyError(run_id)
            row.status = status
            row.message = message
            row.finished_at = utcnow()
            row.stats = stats
            row.errors = errors

    def list_runs(self, source_id: str | None = None, limit: int = 50) -> list[CrawlRunRow]:
        with self.session() as s:
            stmt = select(CrawlRunRow).order_by(CrawlRunRow.id.desc()).limit(limit)
            if source_id:
                stmt = stmt.where(CrawlRunRow.source_id == source_id)
            return list(s.scalars(stmt).all())


def _to_model(row: DocumentRow) -> AnyDocument:
    data = dict(row.data)
    data["text"] = row.text
    return parse_document(data)
