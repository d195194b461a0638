"""Tables of public reading: reader keys, their e-mail confirmations, and the counters
that rate-limit reads across every API process."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indexer.db.tables import Base


class RateLimitRow(Base):
    """Requests one bucket (an address, a reader key, an institution key) spent in its
    current fixed window; a counter from an older window is simply overwritten."""

    __tablename__ = "rate_limits"

    bucket: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[int] = mapped_column(Integer)  # seconds since 1970
    spent: Mapped[int] = mapped_column(Integer)


class ReaderKeyRow(Base):
    """A reader's key: reads with a higher limit, never writes. Only a hash is kept."""

    __tablename__ = "reader_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(String(320))
    secret_sha256: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(16))  # "operator" or "self-service"
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_reader_keys_email", "email"),)


class ReaderKeyRequestRow(Base):
    """A self-service request waiting for its e-mail confirmation; only the hash of the
    link's token is kept, and a used or expired token issues nothing."""

    __tablename__ = "reader_key_requests"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(Text)
    client: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    key_id: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (Index("ix_reader_key_requests_email", "email", "created_at"),)
