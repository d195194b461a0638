"""The source of truth: documents, files, fetch records and crawl runs in a relational
database through SQLAlchemy 2 (one SQLite file by default; PostgreSQL at scale)."""

from indexer.db.alert_tables import AlertMatchRow, AlertRow, DeliveryRow
from indexer.db.database import Database, DatabaseBusy
from indexer.db.speech_tables import MentionRow, PersonRow, SessionAlignmentRow, SpeechRow
from indexer.db.tables import Base, CrawlRunRow, DocumentRow, FetchRow, FileRow

__all__ = [
    "AlertMatchRow",
    "AlertRow",
    "Base",
    "CrawlRunRow",
    "Database",
    "DatabaseBusy",
    "DeliveryRow",
    "DocumentRow",
    "FetchRow",
    "FileRow",
    "MentionRow",
    "PersonRow",
    "SessionAlignmentRow",
    "SpeechRow",
]
