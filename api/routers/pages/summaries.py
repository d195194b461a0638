"""Documents for listings, read without their text: a list of twenty sessions needs their
videos and agendas, not twenty transcripts. A document withheld for personal data is not
among them."""

from __future__ import annotations

from sqlalchemy import select

from api.index_lag import published
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
    docs = {doc_id: parse_document(dict(data) | {"text": ""}) for doc_id, data in rows}
    # one withheld for personal data since the index's last commit is still found there
    # (``api.index_lag``): listed from here, it showed what the review held back
    return {doc_id: doc for doc_id, doc in docs.items() if published(doc)}
