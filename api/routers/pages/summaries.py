"""Documents for listings, read without their text: a list of twenty sessions needs their
videos and agendas, not twenty transcripts."""

from __future__ import annotations

from sqlalchemy import select

from indexer.db.tables import DocumentRow
from indexer.library import AnyDocument, Library
from indexer.models import parse_document


def without_text(library: Library, ids: list[str]) -> dict[str, AnyDocument]:
    if not ids:
        return {}
    with library.db.session() as s:
        rows = s.execute(
            select(DocumentRow.id, DocumentRow.data).where(DocumentRow.id.in_(ids))
        ).all()
    return {doc_id: parse_document(dict(data) | {"text": ""}) for doc_id, data in rows}
