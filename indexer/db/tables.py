"""Tables of the source of truth."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# A document's number (``documents.seq``) and the columns that refer to it
NUMBER = BigInteger().with_variant(Integer(), "sqlite")


# a row whose privacy policy is to withhold, as each database's partial index says it (the
# query must say it alike for the index to serve it): ``Database.withheld_documents``
WITHHOLD_SQLITE = "json_extract(data, '$.privacy.policy') = 'withhold'"
WITHHOLD_POSTGRESQL = "(data -> 'privacy' ->> 'policy') = 'withhold'"
# a row whose personal data were found (masked, flagged or withheld), as the partial index
# ``ix_documents_findings`` says it (migration 0032; a query through it says it alike:
# SQLite refuses ``INDEXED BY`` otherwise): ``api.index_lag._masked_sql``. ``>= 1``, not
# the ``> 0`` of ``Database._withheld_now``: a query for the withheld ones must not be
# planned through it (SQLite, without statistics, took it over ``ix_documents_withheld``,
# and every masked document is in it)
FINDINGS_SQLITE = "json_array_length(data, '$.privacy.findings') >= 1"
FINDINGS_POSTGRESQL = "json_array_length(data -> 'privacy' -> 'findings') >= 1"


class DocumentRow(Base):
    """One document; ``data`` holds the whole model, the columns what is queried."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    institution: Mapped[str] = mapped_column(Text)
    jurisdiction: Mapped[str] = mapped_column(String(8))
    url: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    content_sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # Numbered in the order saved (migration 0018): the rows written with each document
    # (its citations) are keyed by it, so their indexes append where the id, a hash,
    # would land anywhere. SQLite: the writer gives it (a row inserted without one gets
    # it when its citations are written: ``number_documents``; a trigger cost the save
    # about a tenth more); PostgreSQL: the column's sequence. Never given twice.
    seq: Mapped[int | None] = mapped_column(NUMBER)
    # the ``indexer.readers.READERS_VERSION`` that read its fields (migration 0024); NULL:
    # read before versions were counted, older than any (``abierto reextract --releer``)
    readers: Mapped[int | None] = mapped_column(Integer, default=None)
    # TRUE while the document has never been published: withheld for personal data at
    # every save since it arrived (migration 0029); NULL once any save left it visible.
    # Its saves change nothing a reader ever saw (``Database.last_visible_save``)
    never_published: Mapped[bool | None] = mapped_column(Boolean, default=None)

    # Every index here is written at each save. An index of random keys (ids, dates)
    # rewrites a page of its own for nearly every document, more as the library grows;
    # these follow the order rows are written in (a source's, a kind's, the moment of
    # saving: a batch adds at a few ends of each tree), but the sessions' ids, indexed
    # for the sessions alone (migration 0017). The key's own index is the exception.
    __table_args__ = (
        Index("ix_documents_source", "source_id"),
        Index("ix_documents_kind", "kind"),
        Index(
            "ix_documents_sessions",
            "id",
            sqlite_where=sql_text("kind = 'sesion'"),
            postgresql_where=sql_text("kind = 'sesion'"),
        ),
        Index("ix_documents_updated", "updated_at"),
        Index("ix_documents_seq", "seq", unique=True),
        # the health probe counts the documents older readers read: through this index
        Index("ix_documents_readers", "readers"),
        # the few whose policy is to withhold (migration 0028): what the public counts
        # leaves the withheld ones out through it (``Database.withheld_documents``)
        Index(
            "ix_documents_withheld",
            "source_id",
            sqlite_where=sql_text(WITHHOLD_SQLITE),
            postgresql_where=sql_text(WITHHOLD_POSTGRESQL),
        ),
        # the few with personal data found (migration 0032): the queued ones among them are
        # looked up by id at each change of the database, never their rows' JSON (read
        # after the long text, every page of it: ``api.index_lag._masked_sql``)
        Index(
            "ix_documents_findings",
            "id",
            sqlite_where=sql_text(FINDINGS_SQLITE),
            postgresql_where=sql_text(FINDINGS_POSTGRESQL),
        ),
    )


class FirstIndexedRow(Base):
    """When a document was first made searchable (migration 0034): written in the
    transaction that takes it from the index queue (the embedded index's: at the commit
    that publishes it, with that commit's time); no row: never yet, or withdrawn since
    (withheld for review: published again, it is new to the alerts). An alert is sent
    what became searchable after it was made (its search showed the rest), not what was
    saved after (``created_at``): a document a crawl saved before an alert and indexed
    after it was in neither. A small table of its own, as the queue: a document's large
    row is never rewritten for it."""

    __tablename__ = "documents_indexed"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    indexed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class IndexQueueRow(Base):
    """A document whose current content is not in the search index yet.

    Saving a new or changed document puts it here (with the hash of that content); the
    indexer takes rows in id order within each source, every institution in turn and each
    institution's sources in turn (``database._Turns``), and removes
    them once the index holding that content is committed. ``claimed``: written into the
    index but not committed yet, so the next flush skips it; a writer that crashed leaves
    claims that the next writer releases.
    A small table of its own: marking a document indexed never rewrites its (large) row.
    """

    __tablename__ = "index_queue"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    claimed: Mapped[bool] = mapped_column(Boolean, default=False)
    # the document's source, so each page takes every source's rows in turn (NULL: a
    # row queued without it, by hand or by an older writer: a group of its own)
    source_id: Mapped[str | None] = mapped_column(String(64), nullable=True, default=None)

    __table_args__ = (Index("ix_index_queue_source", "source_id", "doc_id"),)


class FileRow(Base):
    """An archived original, by content; its extracted text is kept so an unchanged file
    is never extracted twice."""

    __tablename__ = "files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(128))
    first_url: Mapped[str] = mapped_column(Text)
    pages: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    method: Mapped[str | None] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    archived_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ocr_pages: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, default=None)
    # the ``indexer.extract.EXTRACTOR_VERSION`` that wrote ``text`` (migration 0023);
    # NULL: written before versions were counted, older than any
    extractor: Mapped[int | None] = mapped_column(Integer, default=None)

    # the health probe counts the texts an older extractor wrote: through this index,
    # never reading the rows (their texts)
    __table_args__ = (Index("ix_files_extractor", "extractor"),)


class FetchRow(Base):
    """What we last got from a URL: validators for conditional requests, and its hash."""

    __tablename__ = "fetches"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    content_type: Mapped[str | None] = mapped_column(String(128))
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CrawlRunRow(Base):
    """One crawl of one source: counts and errors grouped by cause, with examples."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="running")
    message: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    errors: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    owner: Mapped[str | None] = mapped_column(String(160))  # "host:pid" of the crawl
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_runs_source", "source_id", "started_at"),)


class InstitutionRow(Base):
    """A publisher: a congress, a court or another obliged body."""

    __tablename__ = "institutions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    jurisdiction: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ApiKeyRow(Base):
    """An institution's API key: only a hash of its secret is kept."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    institution_id: Mapped[str] = mapped_column(ForeignKey("institutions.id"))
    secret_sha256: Mapped[str] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class SourceRow(Base):
    """A source registered through the API, with its schedule and its worker claim."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    institution_id: Mapped[str] = mapped_column(ForeignKey("institutions.id"))
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    every_hours: Mapped[float] = mapped_column(Float)
    next_run_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    crawl_requested_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # the hosts of its institution its last crawl loaded besides its start hosts (a
    # court's file server): kept to one crawl at a time too (indexer.db.crawl_sites)
    loaded_sites: Mapped[list[str] | None] = mapped_column(JSON)

    __table_args__ = (
        Index("ix_sources_institution", "institution_id"),
        Index("ix_sources_due", "paused", "next_run_at"),
    )


class AuditRow(Base):
    """Who changed which source, when, from where."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    institution_id: Mapped[str | None] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(32))
    client: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_audit_source", "source_id", "at"),)


class DocumentSourceRow(Base):
    """A source that published a document: the same original (or the same sentence)
    published by several sources is one document listing them all. ``url`` is where this
    source publishes it, so its re-crawls find the document again."""

    __tablename__ = "document_sources"

    source_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    document_id: Mapped[str] = mapped_column(String(64))
    # the document's ``seq``: its publications are found by it (migration 0019), an index
    # that appends as documents are saved where one of ids (hashes) lands anywhere
    doc_seq: Mapped[int | None] = mapped_column(NUMBER)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_document_sources_doc", "doc_seq"),)


class DocumentKeyRow(Base):
    """What makes two publications one document: an original file's sha256, or a
    sentence's court + case number + resolution date."""

    __tablename__ = "document_keys"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(64))
    # No index by document: nothing reads the keys of a document, and one of ids (hashes)
    # rewrote a page anywhere in it at each save (dropped by migration 0019).


class DocumentDeletionRow(Base):
    """A tombstone: a document row that left the database, by whatever path (a command,
    a future API call, an operator's ``DELETE``). A trigger on ``documents`` writes it in
    the deleting transaction, so the open-data deltas can tell consumers to drop it."""

    __tablename__ = "document_deletions"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str | None] = mapped_column(String(16))
    source_id: Mapped[str | None] = mapped_column(String(64))
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_document_deletions_at", "deleted_at"),
        {"sqlite_autoincrement": True},
    )
