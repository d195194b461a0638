"""Tables of speeches, the people who give them, and the documents sessions name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indexer.db.tables import Base


class SpeechRow(Base):
    """One turn of a session's stenographic version; timings filled by the aligner."""

    __tablename__ = "speeches"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64))
    order: Mapped[int] = mapped_column(Integer)
    speaker_as_written: Mapped[str | None] = mapped_column(Text)
    person_id: Mapped[str | None] = mapped_column(String(64))
    person_name: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(32))
    party: Mapped[str | None] = mapped_column(String(64))
    agenda_index: Mapped[int | None] = mapped_column(Integer)
    agenda_item: Mapped[str | None] = mapped_column(Text)
    procedural: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[dt.date | None] = mapped_column(Date)
    congress: Mapped[str | None] = mapped_column(Text)
    legislature: Mapped[str | None] = mapped_column(String(32))
    jurisdiction: Mapped[str | None] = mapped_column(String(8))
    start_s: Mapped[float | None] = mapped_column(Float)
    end_s: Mapped[float | None] = mapped_column(Float)
    align_confidence: Mapped[float | None] = mapped_column(Float)
    align_method: Mapped[str | None] = mapped_column(String(16))
    video: Mapped[int | None] = mapped_column(Integer)  # which of the session's videos
    # the ``indexer.speeches.version.SPEECH_READERS_VERSION`` that split the session into
    # this speech (migration 0026); NULL: split before versions were counted
    reader: Mapped[int | None] = mapped_column(Integer, default=None)

    __table_args__ = (
        Index("ix_speeches_session", "session_id", "order"),
        Index("ix_speeches_person", "person_id", "date"),
        # the health probe counts the sessions an older speech reader split: through this
        Index("ix_speeches_reader", "reader", "session_id"),
    )


class SessionAlignmentRow(Base):
    """How a session's speeches were last placed in its videos, and why not all were:
    ``fingerprint`` (text and video addresses) says when to align it again."""

    __tablename__ = "session_alignments"

    session_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    aligned: Mapped[int] = mapped_column(Integer, default=0)
    speeches: Mapped[int] = mapped_column(Integer, default=0)
    aligned_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class PersonRow(Base):
    """A person of one congress or court: fullest name, written forms, terms."""

    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    terms: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_people_scope", "scope"),)


class MentionRow(Base):
    """A legislative document named by a session's agenda item or speech; the document
    is filled in when the library has it (now, or when it is crawled later)."""

    __tablename__ = "session_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(String(64))
    jurisdiction: Mapped[str] = mapped_column(String(8))
    reference_key: Mapped[str] = mapped_column(String(128))
    document_id: Mapped[str | None] = mapped_column(String(64))
    mention: Mapped[str] = mapped_column(Text)
    speech_id: Mapped[str | None] = mapped_column(String(64))
    agenda_index: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_mentions_document", "document_id"),
        Index("ix_mentions_reference", "jurisdiction", "reference_key"),
        Index("ix_mentions_session", "session_id"),
    )
