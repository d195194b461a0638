"""What a document cites, resolved to the documents the library holds, and what cites it.

A cited case number resolves to every sentence whose own number it is (``document_cases``)
and whose issuer the citation may name (:mod:`indexer.citations.issuers`: its court agrees
with the court written beside it, and nothing known of it, such as a state's or a
registered institution's sentence for a federal case, sets it apart); several such
sentences are all listed, none chosen. Withheld documents have neither citations nor case
numbers in the tables, so they are never listed either way.

Keys compare whole: a toca's appeal is part of its number ("Toca 1150/2019/1"), so a
citation of appeal /1 never lists appeal /2, and one written without the appeal ("toca
1150/2019") lists none of them, even a single one held: it may name another appeal, or
the first-instance number, and a guessed link is worse than none.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import (
    ColumnElement,
    Connection,
    ScalarSelect,
    and_,
    func,
    not_,
    or_,
    select,
    tuple_,
)

from indexer.citations import holders
from indexer.citations.courts import court_key
from indexer.citations.issuers import Holder, names
from indexer.db import Database
from indexer.db.citation_tables import CASE, CitationRow, DocumentCaseRow
from indexer.db.tables import DocumentRow

_CITATIONS = CitationRow.__table__
_CASES = DocumentCaseRow.__table__
_DOCS = DocumentRow.__table__
# A citing document lists at most this many of its citations of the document (the first
# in its text): one that names it 50,000 times makes a page as light as any other.
CITATIONS_PER_CITER = 20


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
    """A page of what ``doc_id`` cites, in text order, each case resolved; and the total.
    Its rows are found by its number (``ix_citations_doc``)."""
    own = _CITATIONS.c.doc_seq == _number_of(doc_id)
    with db.engine.connect() as connection:
        total = connection.scalar(select(func.count()).select_from(_CITATIONS).where(own))
        rows = connection.execute(
            select(_CITATIONS)
            .where(own)
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


def _number_of(doc_id: str) -> ScalarSelect[int | None]:
    """``doc_id``'s number (``documents.seq``), which its rows are keyed by."""
    return select(_DOCS.c.seq).where(_DOCS.c.id == doc_id).scalar_subquery()


def _named_by(connection: Connection, doc_id: str) -> ColumnElement[bool] | None:
    """Which citations of ``doc_id``'s case numbers may name it, as a condition on the
    citations table: whether a citation names a sentence depends only on its key and the
    court written beside it, so each distinct (key, court) is judged once here and the
    database pages through the citations. None: no citation names it."""
    own = {
        key: holders.holder(*known)
        for key, *known in connection.execute(
            select(_CASES.c.key, *holders.COLUMNS)
            .select_from(holders.joined(_CASES))
            .where(_CASES.c.doc_seq == _number_of(doc_id))
        )
    }
    if not own:
        return None
    pairs = connection.execute(
        select(_CITATIONS.c.key, _CITATIONS.c.court)
        .distinct()
        .where(
            _CITATIONS.c.key.in_(sorted(own)),
            _CITATIONS.c.kind == CASE,
            _CITATIONS.c.doc_id != doc_id,
        )
    ).all()
    judged = [(key, court, names(key, court_key(court), own[key])) for key, court in pairs]
    accepted = [(key, court) for key, court, ok in judged if ok]
    if not accepted:
        return None
    rejected = [(key, court) for key, court, ok in judged if not ok]
    # the shorter list goes in the statement (its parameters stay few)
    chosen, keep = (accepted, True) if len(accepted) <= len(rejected) else (rejected, False)
    cited = _CITATIONS.c
    listed = or_(  # never unknown (NULL), so that its negation is exact too
        and_(
            cited.court.is_not(None),
            tuple_(cited.key, cited.court).in_([p for p in chosen if p[1] is not None]),
        ),
        and_(cited.court.is_(None), cited.key.in_([k for k, c in chosen if c is None])),
    )
    base = and_(cited.key.in_(sorted(own)), cited.kind == CASE, cited.doc_id != doc_id)
    return and_(base, listed if keep else not_(listed))


def citing(db: Database, doc_id: str, limit: int, offset: int) -> tuple[int, list[CitingDocument]]:
    """A page of the documents citing ``doc_id`` (by its case numbers), newest first, each
    with the first ``CITATIONS_PER_CITER`` citations that name it; and their total.
    Counted and paged by the database: only the page's citations are read."""
    with db.engine.connect() as connection:
        naming = _named_by(connection, doc_id)
        if naming is None:
            return 0, []
        citers = select(_CITATIONS.c.doc_id).where(naming).distinct().subquery()
        joined = _DOCS.join(citers, citers.c.doc_id == _DOCS.c.id)
        total = connection.scalar(select(func.count()).select_from(joined)) or 0
        page = connection.execute(
            select(_DOCS.c.id, _DOCS.c.kind, _DOCS.c.title, _DOCS.c.date)
            .select_from(joined)
            .order_by(_DOCS.c.date.is_(None), _DOCS.c.date.desc(), _DOCS.c.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        docs = [HeldDocument(row.id, row.kind, row.title, row.date) for row in page]
        by_doc: dict[str, list[CitedItem]] = defaultdict(list)
        if docs:
            position = func.row_number().over(
                partition_by=_CITATIONS.c.doc_id,
                order_by=(_CITATIONS.c.start_char, _CITATIONS.c.id),
            )
            numbered = (
                select(_CITATIONS, position.label("n"))
                .where(naming, _CITATIONS.c.doc_id.in_([d.id for d in docs]))
                .subquery()
            )
            rows = connection.execute(
                select(numbered)
                .where(numbered.c.n <= CITATIONS_PER_CITER)
                .order_by(numbered.c.start_char, numbered.c.id)
            )
            for row in rows:
                by_doc[row.doc_id].append(
                    CitedItem(
                        row.kind, row.key, row.written, row.start_char, row.end_char, row.court
                    )
                )
    return int(total), [CitingDocument(d, by_doc[d.id]) for d in docs]
