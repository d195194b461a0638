"""Documents that leave the library for good, and where their old addresses lead.

Earlier versions stored some publications as documents of their own that are one
document now (the other ``#sections`` of one page: ``crawlers.moves``). Such a document
is retired: its row and every row written with it (publications, keys, queue, speeches,
citations, alert matches) leave the database in one transaction, whose trigger writes
its tombstone (the open-data deltas drop it). A citizen or a citation holding its old
link still reaches what it was: the document that adopted it, recorded as a key
``moved:<old id>`` (``successor``); one retired with no heir answers 410 Gone, never a
bare 404 that reads as a mistyped address.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, String, cast, delete, select, update

from indexer.citations.records import _queue_holders
from indexer.db import Database
from indexer.db.alert_tables import AlertMatchRow
from indexer.db.citation_tables import CitationReadRow, CitationRow, DocumentCaseRow
from indexer.db.database import to_model
from indexer.db.speech_tables import MentionRow
from indexer.db.tables import (
    DocumentKeyRow,
    DocumentRow,
    DocumentSourceRow,
    FileRow,
    FirstIndexedRow,
    IndexQueueRow,
)
from indexer.models import Legislativo, Sentencia, Sesion
from indexer.shared import document_keys

AnyDocument = Sentencia | Sesion | Legislativo
MOVED = "moved:"
MOST_MOVES = 8  # a retired document's heir retired in turn: followed this far, at most
GONE = ""  # where a document retired with no heir leads
_DOCS = DocumentRow.__table__
_SOURCES = DocumentSourceRow.__table__
_KEYS = DocumentKeyRow.__table__
_QUEUE = IndexQueueRow.__table__
_FIRSTS = FirstIndexedRow.__table__
_CITATIONS = CitationRow.__table__
_MENTIONS = MentionRow.__table__
_MATCHES = AlertMatchRow.__table__


@dataclass
class Retired:
    """What one retirement took out of the database."""

    documents: list[AnyDocument] = field(default_factory=list)
    unshared_files: list[str] = field(default_factory=list)  # sha256 of no other document


def retire_rows(db: Database, heirs: Mapping[str, str | None]) -> Retired:
    """Delete the documents ``heirs`` names (id → the document that adopted it, or None)
    and every row written with them, in one transaction; record where each old id
    leads. An heir that is itself being retired, or unknown, leaves its address Gone."""
    retired = Retired()
    ids = [doc_id for doc_id, heir in heirs.items() if heir != doc_id]
    if not ids:
        return retired
    with db.engine.begin() as connection:
        rows = connection.execute(select(_DOCS).where(_DOCS.c.id.in_(ids))).all()
        docs = [to_model(row) for row in rows]
        numbers = {row.id: row.seq for row in rows if row.seq is not None}
        seqs = list(numbers.values())
        found = {doc.id for doc in docs}
        kept_heirs = _existing(connection, {h for h in heirs.values() if h and h not in found})
        cited = _cited_cases(connection, seqs)
        for doc in docs:
            _forget_keys(connection, doc, numbers.get(doc.id))
            heir = heirs.get(doc.id)
            key = f"{MOVED}{doc.id}"
            # one retired again (saved anew under its old id since) leads where it now does
            connection.execute(delete(_KEYS).where(_KEYS.c.key == key))
            lead = heir if heir in kept_heirs else GONE
            connection.execute(_KEYS.insert().values(key=key, document_id=lead))
        _delete_by_seq(connection, seqs)
        for table, column in (
            (_QUEUE, _QUEUE.c.doc_id),
            (_FIRSTS, _FIRSTS.c.doc_id),  # saved anew under its id: new to the alerts
            (_MATCHES, _MATCHES.c.document_id),
        ):
            connection.execute(delete(table).where(column.in_(list(found))))
        for doc in docs:  # what sessions named it now names its heir, or nothing yet
            heir = heirs.get(doc.id)
            connection.execute(
                update(_MENTIONS)
                .where(_MENTIONS.c.document_id == doc.id)
                .values(document_id=heir if heir in kept_heirs else None)
            )
        connection.execute(delete(_DOCS).where(_DOCS.c.id.in_(list(found))))
        # the sentences these cited count one citer fewer: counted again now
        _queue_holders(connection, cited, set(), now=True)
        files = {f.sha256 for doc in docs for f in doc.files if f.sha256}
        retired.unshared_files = sorted(files - _still_used(connection, files))
        if retired.unshared_files:
            connection.execute(
                delete(FileRow.__table__).where(
                    FileRow.__table__.c.sha256.in_(retired.unshared_files)
                )
            )
    retired.documents = docs
    return retired


def release_publication(db: Database, doc_id: str, source_id: str, url: str) -> int:
    """A source's publication no longer recorded for ``doc_id`` (a session about to be
    saved under its id now, that the save would otherwise file under the old one again);
    the document keeps its others until it is retired."""
    stmt = delete(_SOURCES).where(
        _SOURCES.c.source_id == source_id, _SOURCES.c.url == url, _SOURCES.c.document_id == doc_id
    )
    with db.engine.begin() as connection:
        return connection.execute(stmt).rowcount or 0


def adopt_publications(db: Database, heirs: Mapping[str, str]) -> int:
    """The publications recorded for each old id (id → the document adopting it)
    recorded for its heir instead, before the old id is retired: every source that
    published it (a channel's videos, a Diario) finds the heir on its next crawl. Returns
    how many were moved."""
    moved = 0
    with db.engine.begin() as connection:
        for old, heir in heirs.items():
            if old == heir:
                continue
            seqs = dict(
                connection.execute(
                    select(_DOCS.c.id, _DOCS.c.seq).where(_DOCS.c.id.in_([old, heir]))
                ).all()
            )
            if old not in seqs or heir not in seqs:
                continue
            stmt = (
                update(_SOURCES)
                .where(_SOURCES.c.doc_seq == seqs[old], _SOURCES.c.document_id == old)
                .values(document_id=heir, doc_seq=seqs[heir])
            )
            moved += connection.execute(stmt).rowcount or 0
    return moved


def successor(db: Database, doc_id: str) -> tuple[bool, str | None]:
    """Whether ``doc_id`` was retired, and the document it leads to now (through heirs
    retired in turn; None: gone). Read by the keys' primary key, so an address that
    never existed costs one lookup."""
    current = doc_id
    with db.engine.connect() as connection:
        for hop in range(MOST_MOVES):
            heir = connection.execute(
                select(_KEYS.c.document_id).where(_KEYS.c.key == f"{MOVED}{current}")
            ).scalar()
            if heir is None:
                return hop > 0, None
            if heir == GONE:
                return True, None
            if connection.execute(select(_DOCS.c.id).where(_DOCS.c.id == heir)).first():
                return True, str(heir)
            current = heir
    return True, None


def _existing(connection: Connection, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    stmt = select(_DOCS.c.id).where(_DOCS.c.id.in_(sorted(ids)))
    return set(connection.execute(stmt).scalars())


def _forget_keys(connection: Connection, doc: AnyDocument, seq: int | None) -> None:
    """Its publications, and the keys that made other publications this document; a
    ``moved:`` key leading to it stays (followed through to its own heir)."""
    by_number = _SOURCES.c.doc_seq == seq if seq is not None else _SOURCES.c.document_id == doc.id
    connection.execute(delete(_SOURCES).where(by_number, _SOURCES.c.document_id == doc.id))
    keys = document_keys(doc)
    if keys:
        connection.execute(
            delete(_KEYS).where(_KEYS.c.key.in_(keys), _KEYS.c.document_id == doc.id)
        )


def _cited_cases(connection: Connection, seqs: list[int]) -> list[str]:
    if not seqs:
        return []
    stmt = select(_CITATIONS.c.key).where(
        _CITATIONS.c.doc_seq.in_(seqs), _CITATIONS.c.kind == "case"
    )
    return sorted(set(connection.execute(stmt).scalars()))


def _delete_by_seq(connection: Connection, seqs: list[int]) -> None:
    if not seqs:
        return
    for table in (CitationRow, CitationReadRow, DocumentCaseRow):
        rows = table.__table__
        connection.execute(delete(rows).where(rows.c.doc_seq.in_(seqs)))


def _still_used(connection: Connection, files: set[str]) -> set[str]:
    """The files another document (of any source) still lists: read from the documents'
    data, as nothing indexes a file's documents (retirements are few)."""
    data = cast(_DOCS.c.data, String)
    used: set[str] = set()
    for sha256 in sorted(files):
        stmt = select(_DOCS.c.id).where(data.contains(sha256, autoescape=True)).limit(1)
        if connection.execute(stmt).first() is not None:
            used.add(sha256)
    return used
