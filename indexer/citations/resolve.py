"""What a document cites, resolved to the documents the library holds, and what cites it.

A cited case number resolves to the sentences whose own number it is (``document_cases``)
and whose court agrees with the court written beside it, if any. Withheld documents have
neither citations nor case numbers in the tables, so they are never listed either way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from indexer.citations.courts import court_key, courts_agree
from indexer.db import Database
from indexer.db.citation_tables import CitationRow, DocumentCaseRow
from indexer.db.tables import DocumentRow

_CITATIONS = CitationRow.__table__
_CASES = DocumentCaseRow.__table__
_DOCS = DocumentRow.__table__


@dataclass(frozen=True)
class HeldDocument:
    id: str
    kind: str
    title: str
    date: dt.date | None


@dataclass
class CitedItem:
    kind: str
    key: str
    written: str
    start: int
    end: int
    court: str | None
    documents: list[HeldDocument] = field(default_factory=list)


@dataclass
class CitingDocument:
    document: HeldDocument
    citations: list[CitedItem]


def _held(db: Database, ids: list[str]) -> dict[str, HeldDocument]:
    if not ids:
        return {}
    stmt = select(_DOCS.c.id, _DOCS.c.kind, _DOCS.c.title, _DOCS.c.date).where(_DOCS.c.id.in_(ids))
    with db.engine.connect() as connection:
        return {
            row.id: HeldDocument(row.id, row.kind, row.title, row.date)
            for row in connection.execute(stmt)
        }


def cited(db: Database, doc_id: str, limit: int, offset: int) -> tuple[int, list[CitedItem]]:
    """A page of what ``doc_id`` cites, in text order, each case resolved; and the total."""
    with db.engine.connect() as connection:
        total = connection.scalar(
            select(func.count()).select_from(_CITATIONS).where(_CITATIONS.c.doc_id == doc_id)
        )
        rows = connection.execute(
            select(_CITATIONS)
            .where(_CITATIONS.c.doc_id == doc_id)
            .order_by(_CITATIONS.c.start_char, _CITATIONS.c.id)
            .limit(limit)
            .offset(offset)
        ).all()
        keys = sorted({row.key for row in rows if row.kind == "case"})
        holders: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        if keys:
            stmt = select(_CASES.c.key, _CASES.c.doc_id, _CASES.c.court).where(
                _CASES.c.key.in_(keys), _CASES.c.doc_id != doc_id
            )
            for key, holder, court in connection.execute(stmt):
                holders[key].append((holder, court))
    items = [
        CitedItem(row.kind, row.key, row.written, row.start_char, row.end_char, row.court)
        for row in rows
    ]
    wanted = sorted({holder for found in holders.values() for holder, _ in found})
    held = _held(db, wanted)
    for item in items:
        if item.kind != "case":
            continue
        for holder, court in holders.get(item.key, []):
            if holder in held and courts_agree(court_key(item.court), court):
                item.documents.append(held[holder])
    return int(total or 0), items


def citing(db: Database, doc_id: str, limit: int, offset: int) -> tuple[int, list[CitingDocument]]:
    """A page of the documents citing ``doc_id`` (by its case numbers), newest first, each
    with the citations that name it; and their total."""
    stmt = (
        select(_CITATIONS)
        .join(_CASES, _CASES.c.key == _CITATIONS.c.key)
        .where(
            _CASES.c.doc_id == doc_id, _CITATIONS.c.kind == "case", _CITATIONS.c.doc_id != doc_id
        )
    )
    with db.engine.connect() as connection:
        own = dict(
            connection.execute(
                select(_CASES.c.key, _CASES.c.court).where(_CASES.c.doc_id == doc_id)
            ).all()
        )
        by_doc: dict[str, list[CitedItem]] = defaultdict(list)
        for row in connection.execute(stmt):
            if courts_agree(court_key(row.court), own.get(row.key)):
                by_doc[row.doc_id].append(
                    CitedItem(
                        row.kind, row.key, row.written, row.start_char, row.end_char, row.court
                    )
                )
    held = _held(db, sorted(by_doc))
    ordered = sorted(held.values(), key=lambda d: (d.date or dt.date.min, d.id), reverse=True)
    page = ordered[offset : offset + limit]
    return len(ordered), [
        CitingDocument(d, sorted(by_doc[d.id], key=lambda c: c.start)) for d in page
    ]
