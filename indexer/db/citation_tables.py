"""Tables of what documents cite, and of the case numbers citations resolve to."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    false,
    literal_column,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from indexer.db.tables import NUMBER, Base


class CitationRow(Base):
    """One citation in a document's text: its kind, normalised key (``AR 1234/2023``,
    ``CPEUM art. 14``), the words as written and where, and the court named with it."""

    __tablename__ = "citations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String(64))
    doc_seq: Mapped[int | None] = mapped_column(NUMBER)  # the document's ``seq``
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(400))
    written: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    court: Mapped[str | None] = mapped_column(Text)

    # Only case numbers are looked up by key (who cites this sentence): articles and
    # theses, about half of a real text's citations, stay out of the one index whose
    # keys land anywhere at each save (migration 0017). A document's rows are found by its
    # number, which appends where its id would land anywhere (migration 0018); ``doc_id``
    # is kept in the row for what reads the citers.
    __table_args__ = (
        Index("ix_citations_doc", "doc_seq", "start_char"),
        Index(
            "ix_citations_cases",
            "key",
            "doc_seq",
            sqlite_where=sql_text("kind = 'case'"),
            postgresql_where=sql_text("kind = 'case'"),
        ),
    )


# A case citation, in the words ``ix_citations_cases``'s condition has (a bound value
# there, and the planner cannot tell that index holds the rows asked for)
CASE = literal_column("'case'")


class DocumentCaseRow(Base):
    """A sentence's own case number (canonical, one row per case it decides), so that a
    citation of that number finds it through an index. Keyed by the document's number
    (migration 0019), whose key appends at each save; ``doc_id`` is kept for the reads."""

    __tablename__ = "document_cases"

    doc_seq: Mapped[int] = mapped_column(NUMBER, primary_key=True, autoincrement=False)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(64))
    court: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        PrimaryKeyConstraint("doc_seq", "key", name="pk_document_cases"),
        Index("ix_document_cases_key", "key"),
    )


class CitationReadRow(Base):
    """Which content of a document its ``citations`` rows were read from, and by which
    reader (``indexer.citations.fingerprint.READER``): a document indexed again with the
    same content (``reindex``, a cited sentence whose count changed) reuses its rows
    instead of reading its text again. No row: read it again. Keyed by the document's
    number (migration 0018): on SQLite the row's own key, appended at each save."""

    __tablename__ = "citation_reads"

    doc_seq: Mapped[int] = mapped_column(NUMBER, primary_key=True, autoincrement=False)
    doc_id: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))
    reader: Mapped[str] = mapped_column(String(64))


class CitedCountRow(Base):
    """How many other documents cite a sentence (``indexer.citations.records._counts``),
    kept apart from the search index (migration 0021): a citation arriving marks this row
    stale and it is counted again before the next commit, never the cited sentence's index
    entry written again. Only counts above zero (or stale) have a row; the stale ones are
    found through their own index."""

    __tablename__ = "cited_counts"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    cited_by: Mapped[int] = mapped_column(Integer)
    # to be counted again before the store's next commit (a citer came or went)
    stale: Mapped[bool] = mapped_column(Boolean, server_default=false())

    __table_args__ = (
        # the stale rows alone (migration 0022): finding them before each commit reads
        # those, not every count kept (the predicate as each database writes ``stale``)
        Index(
            "ix_cited_counts_stale",
            "doc_id",
            sqlite_where=sql_text("stale = 1"),
            postgresql_where=sql_text("stale"),
        ),
    )
