"""What a document cites, resolved to the documents the library holds, and what cites it.

A cited case number resolves to every sentence whose own number it is (``document_cases``)
and whose issuer the citation may name (:mod:`indexer.citations.issuers`: its court agrees
with the court written beside it, and nothing known of it, such as a state's or a
registered institution's sentence for a federal case, sets it apart); several such
sentences are all listed, none chosen. Withheld documents have neither citations nor case
numbers in the tables, so they are never listed either way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from indexer.citations import holders
from indexer.citations.courts import court_key
from indexer.citations.issuers import Holder, names
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
        found: dict[str, list[tuple[str, Holder]]] = defaultdict(list)
        if keys:
            stmt = (
                select(_CASES.c.key, _CASES.c.doc_id, *holders.COLUMNS)
                .select_from(holders.joined(_CASES))
                .where(_CASES.c.key.in_(keys), _CASES.c.doc_id != doc_id)
            )
            for key, holder, *known in connection.execute(stmt):
                found[key].append((holder, holders.holder(*known)))
    items = [
        CitedItem(row.kind, row.key, row.written, row.start_char, row.end_char, row.court)
        for row in rows
    ]
    wanted = sorted({holder for pairs in found.values() for holder, _ in pairs})
    held = _held(db, wanted)
    for item in items:
        if item.kind != "case":
            continue
        for holder, known in found.get(item.key, []):
            if holder in held and names(item.key, court_key(item.court), known):
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
        own = {
            key: holders.holder(*known)
            for key, *known in connection.execute(
                select(_CASES.c.key, *holders.COLUMNS)
                .select_from(holders.joined(_CASES))
                .where(_CASES.c.doc_id == doc_id)
            )
        }
        by_doc: dict[str, list[CitedItem]] = defaultdict(list)
        for row in connection.execute(stmt):
            if row.key in own and names(row.key, court_key(row.court), own[row.key]):
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
