"""What changed in the database since a moment: the reads a delta is made of, each in
batches (keyset pages through an index), so a delta of any size streams."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from indexer.db import Database
from indexer.db.tables import DocumentDeletionRow, DocumentRow
from indexer.models import Legislativo, Sentencia, Sesion, parse_document

AnyDocument = Sentencia | Sesion | Legislativo
BATCH = 500


@dataclass(frozen=True)
class Tombstone:
    id: str
    kind: str | None
    at: dt.datetime


def changed_since(db: Database, since: dt.datetime, batch: int = BATCH) -> Iterator[AnyDocument]:
    """Documents saved (new or changed) at or after ``since``, through the ``updated_at``
    index, in (updated_at, id) order."""
    after: tuple[dt.datetime, str] | None = None
    while True:
        stmt = select(DocumentRow).where(DocumentRow.updated_at >= since)
        if after is not None:
            moment, last = after
            stmt = stmt.where(
                DocumentRow.updated_at >= moment,
                or_(DocumentRow.updated_at > moment, DocumentRow.id > last),
            )
        stmt = stmt.order_by(DocumentRow.updated_at, DocumentRow.id).limit(batch)
        with db.session() as s:
            rows = s.scalars(stmt).all()
        if not rows:
            return
        for row in rows:
            data = dict(row.data)
            data["text"] = row.text
            yield parse_document(data)
        after = (rows[-1].updated_at, rows[-1].id)


def deleted_since(db: Database, since: dt.datetime, batch: int = BATCH) -> Iterator[Tombstone]:
    """Document rows deleted at or after ``since`` whose id is not in the database again
    (a document deleted and saved again is a change, not a deletion)."""
    last = 0
    while True:
        stmt = (
            select(DocumentDeletionRow)
            .where(and_(DocumentDeletionRow.deleted_at >= since, DocumentDeletionRow.seq > last))
            .order_by(DocumentDeletionRow.seq)
            .limit(batch)
        )
        with db.session() as s:
            rows = s.scalars(stmt).all()
            ids = [row.document_id for row in rows]
            back = set(s.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids))))
        if not rows:
            return
        for row in rows:
            if row.document_id not in back:
                at = (
                    row.deleted_at
                    if row.deleted_at.tzinfo
                    else row.deleted_at.replace(tzinfo=dt.UTC)
                )
                yield Tombstone(row.document_id, row.kind, at)
        last = rows[-1].seq
