"""The source of truth: documents, files, fetch records and crawl runs in a relational
database through SQLAlchemy 2 (one SQLite file by default; PostgreSQL at scale)."""

from indexer.db.access_tables import RateLimitRow, ReaderKeyRequestRow, ReaderKeyRow
from indexer.db.alert_tables import AlertMatchRow, AlertRow, ConfirmationMailRow, DeliveryRow
from indexer.db.citation_tables import CitationRow, DocumentCaseRow
from indexer.db.database import Database, DatabaseBusy
from indexer.db.speech_tables import MentionRow, PersonRow, SessionAlignmentRow, SpeechRow
from indexer.db.tables import Base, CrawlRunRow, DocumentRow, FetchRow, FileRow

__all__ = [
    "AlertMatchRow",
    "AlertRow",
    "Base",
    "CitationRow",
    "ConfirmationMailRow",
    "CrawlRunRow",
    "Database",
    "DatabaseBusy",
    "DeliveryRow",
    "DocumentCaseRow",
    "DocumentRow",
    "FetchRow",
    "FileRow",
    "MentionRow",
    "PersonRow",
    "RateLimitRow",
    "ReaderKeyRequestRow",
    "ReaderKeyRow",
    "SessionAlignmentRow",
    "SpeechRow",
]
