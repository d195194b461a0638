"""One document, several sources.

Two sources may publish the same thing: a court's own site and a national search, or a
second spec over the same site. The same original file (by sha256), or the same court,
case number and resolution date, is one document: the first source to save it owns its
id and fields, every other one is listed in its ``sources`` and fills what it lacks.
``document_sources`` remembers where each source publishes it, so re-crawls of either
find it again; ``document_keys`` holds what makes two publications one.
"""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from indexer.analysis import fold_keyword
from indexer.db import Database
from indexer.db.database import SaveOutcome
from indexer.db.tables import DocumentKeyRow, DocumentSourceRow
from indexer.linking import merge_documents
from indexer.models import Legislativo, Sentencia, Sesion, SourceLink

AnyDocument = Sentencia | Sesion | Legislativo
# Finding the document a publication belongs to and writing it is one step.
_LOCK = threading.Lock()


def document_keys(doc: AnyDocument) -> list[str]:
    """What makes ``doc`` the same as another source's publication: its own original
    (the first file: later ones may be annexes many documents share) and, for a
    sentence, its court, case number and resolution date."""
    keys = [f"sha256:{doc.files[0].sha256}"] if doc.files and doc.files[0].sha256 else []
    if (
        isinstance(doc, Sentencia)
        and doc.court
        and doc.expediente_normalised
        and doc.resolution_date
    ):
        court = fold_keyword(doc.court)
        keys.append(f"case:{court}|{doc.expediente_normalised}|{doc.resolution_date}"[:400])
    return list(dict.fromkeys(keys))


def save_shared(
    db: Database, doc: AnyDocument, published_by: SourceLink | None = None
) -> SaveOutcome:
    """Save ``doc`` as its own document, or into the one another source already
    published (same file or same sentence), listing every source that published it."""
    keys = document_keys(doc)
    publication = published_by or SourceLink(source_id=doc.source_id, url=doc.url)
    with _LOCK:
        target, known = _known_document(db, publication, keys)
        existing = db.get_document(target) if target else None
        if existing is not None and _same_thing(existing, doc):
            if existing.id != doc.id:
                doc = merge_documents(existing, doc, contributor=True)
            elif len(existing.sources) > 1:  # the owner again: keep what others filled
                doc = merge_documents(existing, doc, contributor=False)
        # a publication recorded for another document (gone, or of another kind) moves here
        sources = _remember(db, doc.id, None if known and doc.id == target else publication, keys)
        # the document's own source first, then the others: one order whoever came first
        sources.sort(key=lambda link: (link.source_id != doc.source_id, link.source_id, link.url))
        return db.save_document(doc.model_copy(update={"sources": sources}))


# Fields that, when both publications give them and they differ, say two things even
# if they share a file (a site serving one "no disponible" PDF for many entries).
_IDENTIFYING = {
    "sentencia": ("expediente_normalised", "resolution_date"),
    "sesion": ("date", "session_type", "sitting"),
    "legislativo": ("number", "date"),
}


def _same_thing(existing: AnyDocument, incoming: AnyDocument) -> bool:
    """Whether two publications are one document. Only within one institution: another
    institution's publication never fills or lists itself on a document (tenants are walls)."""
    if existing.kind != incoming.kind or existing.institution != incoming.institution:
        return False
    for name in _IDENTIFYING[incoming.kind]:
        mine, theirs = getattr(existing, name, None), getattr(incoming, name, None)
        if mine and theirs and mine != theirs:
            return False
    return True


def _known_document(
    db: Database, publication: SourceLink, keys: list[str]
) -> tuple[str | None, bool]:
    """The document this publication already belongs to (by where its source publishes
    it, else by its file or its sentence), and whether the publication is recorded."""
    where = (DocumentSourceRow.source_id == publication.source_id) & (
        DocumentSourceRow.url == publication.url
    )
    with db.session() as s:
        found = s.scalars(select(DocumentSourceRow.document_id).where(where)).first()
        if found is not None:
            return found, True
        if not keys:
            return None, False
        by_key = s.scalars(
            select(DocumentKeyRow.document_id).where(DocumentKeyRow.key.in_(keys)).limit(1)
        ).first()
        return by_key, False


def _remember(
    db: Database, document_id: str, publication: SourceLink | None, keys: list[str]
) -> list[SourceLink]:
    """Record where the source publishes it (``publication``, when new) and its keys (a
    row another crawl process wrote meanwhile is kept as it is); return every source of
    the document."""
    for attempt in range(2):
        try:
            return _record(db, document_id, publication, keys)
        except IntegrityError:
            if attempt:
                raise
            publication = None if _published(db, publication) else publication
    return []


def _published(db: Database, publication: SourceLink | None) -> bool:
    if publication is None:
        return True
    with db.session() as s:
        row = s.get(DocumentSourceRow, (publication.source_id, publication.url))
        return row is not None


def _record(
    db: Database, document_id: str, publication: SourceLink | None, keys: list[str]
) -> list[SourceLink]:
    sources, names = DocumentSourceRow.__table__, DocumentKeyRow.__table__
    with db.session() as s, s.begin():
        if publication is not None:
            s.execute(
                delete(sources).where(
                    (sources.c.source_id == publication.source_id)
                    & (sources.c.url == publication.url)
                )
            )
            s.execute(
                insert(sources).values(
                    source_id=publication.source_id,
                    url=publication.url,
                    document_id=document_id,
                    first_seen_at=dt.datetime.now(dt.UTC),
                )
            )
        if keys:
            present = set(s.scalars(select(names.c.key).where(names.c.key.in_(keys))))
            missing = [{"key": k, "document_id": document_id} for k in keys if k not in present]
            if missing:
                s.execute(insert(names), missing)
        rows = s.execute(
            select(sources.c.source_id, sources.c.url)
            .where(sources.c.document_id == document_id)
            .order_by(sources.c.first_seen_at, sources.c.source_id)
        ).all()
    return [SourceLink(source_id=source_id, url=url) for source_id, url in rows]
