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

from sqlalchemy import select
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
        and doc.expediente_normalized
        and doc.resolution_date
    ):
        court = fold_keyword(doc.court)
        keys.append(f"case:{court}|{doc.expediente_normalized}|{doc.resolution_date}"[:400])
    return list(dict.fromkeys(keys))


def save_shared(
    db: Database, doc: AnyDocument, published_by: SourceLink | None = None
) -> SaveOutcome:
    """Save ``doc`` as its own document, or into the one another source already
    published (same file or same sentence), listing every source that published it."""
    keys = document_keys(doc)
    publication = published_by or SourceLink(source_id=doc.source_id, url=doc.url)
    with _LOCK:
        target = _known_document(db, publication, keys)
        existing = db.get_document(target) if target else None
        if existing is not None and existing.kind == doc.kind:
            if existing.id != doc.id:
                doc = merge_documents(existing, doc, contributor=True)
            elif len(existing.sources) > 1:  # the owner again: keep what others filled
                doc = merge_documents(existing, doc, contributor=False)
        _remember(db, doc.id, publication, keys)
        return db.save_document(doc.model_copy(update={"sources": _sources(db, doc.id)}))


def _known_document(db: Database, publication: SourceLink, keys: list[str]) -> str | None:
    """The document this publication already belongs to: by where its source publishes
    it, else by its file or its sentence."""
    with db.session() as s:
        found = s.get(DocumentSourceRow, (publication.source_id, publication.url))
        if found is not None:
            return found.document_id
        if not keys:
            return None
        row = s.scalars(select(DocumentKeyRow).where(DocumentKeyRow.key.in_(keys)).limit(1)).first()
        return row.document_id if row is not None else None


def _remember(db: Database, document_id: str, publication: SourceLink, keys: list[str]) -> None:
    """Record where the source publishes it and its keys; a row another crawl process
    wrote meanwhile is kept as it is."""
    for attempt in range(2):
        try:
            _insert_missing(db, document_id, publication, keys)
            return
        except IntegrityError:
            if attempt:
                raise


def _insert_missing(
    db: Database, document_id: str, publication: SourceLink, keys: list[str]
) -> None:
    with db.session() as s, s.begin():
        if s.get(DocumentSourceRow, (publication.source_id, publication.url)) is None:
            s.add(
                DocumentSourceRow(
                    source_id=publication.source_id,
                    url=publication.url,
                    document_id=document_id,
                    first_seen_at=dt.datetime.now(dt.UTC),
                )
            )
        for key in keys:
            if s.get(DocumentKeyRow, key) is None:
                s.add(DocumentKeyRow(key=key, document_id=document_id))


def _sources(db: Database, document_id: str) -> list[SourceLink]:
    """Every source of the document, the first to publish it first."""
    with db.session() as s:
        rows = s.scalars(
            select(DocumentSourceRow)
            .where(DocumentSourceRow.document_id == document_id)
            .order_by(DocumentSourceRow.first_seen_at, DocumentSourceRow.source_id)
        ).all()
    return [SourceLink(source_id=r.source_id, url=r.url) for r in rows]


def source_ids(doc: AnyDocument) -> list[str]:
    """The ids of every source of ``doc`` (its own when it has no list)."""
    return list(dict.fromkeys([doc.source_id, *(s.source_id for s in doc.sources)]))
