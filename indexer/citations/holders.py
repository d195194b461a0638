"""What the database knows of the sentences holding case numbers, read with their
``document_cases`` rows: the court kept there, the document's institution and
jurisdiction, and whether a registered source (a row of ``sources``, or one an
institution registered and has since deleted: its documents stay published, and stay
its own) published it."""

from __future__ import annotations

from sqlalchemy import FromClause, func, select

from indexer.citations.issuers import Holder
from indexer.db.citation_tables import DocumentCaseRow
from indexer.db.tables import AuditRow, DocumentRow, SourceRow

_CASES = DocumentCaseRow.__table__
_DOCS = DocumentRow.__table__
_SOURCES = SourceRow.__table__
_AUDIT = AuditRow.__table__
# A source no longer in ``sources`` that an institution registered: its ``create`` entry
# (one index probe, made only for a document whose source has no row)
_DELETED = (
    select(_AUDIT.c.source_id)
    .where(_AUDIT.c.source_id == _DOCS.c.source_id, _AUDIT.c.action == "create")
    .limit(1)
    .correlate(_DOCS)
    .scalar_subquery()
)
# Selected after a query's own columns; read back by ``holder``.
COLUMNS = (
    _CASES.c.court,
    _DOCS.c.institution,
    _DOCS.c.jurisdiction,
    func.coalesce(_SOURCES.c.id, _DELETED).label("registered_source"),
)


def joined(cases: FromClause) -> FromClause:
    """``cases`` (``document_cases``, maybe joined already) with its documents and their
    registered sources; a catalogue source has no row in ``sources``."""
    return cases.outerjoin(_DOCS, _DOCS.c.id == _CASES.c.doc_id).outerjoin(
        _SOURCES, _SOURCES.c.id == _DOCS.c.source_id
    )


def holder(court: str | None, institution: str | None, jurisdiction: str | None,
           registered_source: str | None) -> Holder:  # fmt: skip
    """The holder read from ``COLUMNS``' values."""
    return Holder(court, institution, jurisdiction, registered_source is not None)
