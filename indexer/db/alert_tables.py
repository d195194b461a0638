"""Tables of alerts: the saved searches people subscribe to, the documents each matched
(once per document), and every attempt to deliver them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from indexer.db.tables import Base


class AlertRow(Base):
    """A saved search and where its new matches go (a webhook or an e-mail address).

    ``status``: ``pendiente`` (an e-mail address not confirmed yet), ``activa``,
    ``desactivada`` (too many failed deliveries; ``reason`` says why) or ``baja``
    (unsubscribed). Only ``activa`` alerts are matched and delivered. Secrets that are
    only checked are kept as hashes, the unsubscribe link's token too (mails carry a
    link signed under the data folder's secret, ``indexer.alerts.links``); the webhook's
    signing secret is needed to sign every delivery, so it is kept sealed under a key of
    the data folder (``indexer.sealed_secret``).
    """

    __tablename__ = "alerts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(400))
    key_id: Mapped[str | None] = mapped_column(String(32))
    query: Mapped[dict[str, Any]] = mapped_column(JSON)
    channel: Mapped[str] = mapped_column(String(8))
    target: Mapped[str] = mapped_column(Text)
    rate: Mapped[str] = mapped_column(String(16))
    base_url: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    secret: Mapped[str | None] = mapped_column(String(128))
    confirm_sha256: Mapped[str | None] = mapped_column(String(64))
    manage_sha256: Mapped[str | None] = mapped_column(String(64))
    unsubscribe_token: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    active_since: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    next_digest_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_delivery_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # when its current confirmation link was sent (None: at created_at); the link expires
    confirm_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # the notice its owner is owed (``suspendida``, ``reactivada``), None once sent
    notice_owed: Mapped[str | None] = mapped_column(String(16))
    # when its owner last changed its search or frequency (None: never); the matchers
    # compile a search anew when this moves
    edited_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_alerts_owner", "owner"),
        Index("ix_alerts_status", "status"),
    )


class AlertMatchRow(Base):
    """A document an alert matched when it was indexed: one row per (alert, document),
    whatever happens afterwards (a re-index, a crash and its retry). Its id is the
    idempotency key a receiver sees. ``rearmed_at``: when a delivered match was made a
    match again because its document's content changed (``changed_matches``); the
    receiver is told the document is an updated one, not a new one."""

    __tablename__ = "alert_matches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[str] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    document_id: Mapped[str] = mapped_column(String(64))
    matched_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    rearmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("alert_id", "document_id", name="uq_alert_matches_alert_document"),
        Index("ix_alert_matches_pending", "alert_id", "delivered_at"),
    )


class DeliveryRow(Base):
    """One attempt to deliver matches of an alert: whether it arrived, and if not, why."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[str] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    match_ids: Mapped[list[int]] = mapped_column(JSON)
    attempted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    cause: Mapped[str | None] = mapped_column(Text)
    http_status: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_deliveries_alert", "alert_id", "attempted_at"),)


class ConfirmationMailRow(Base):
    """A confirmation e-mail sent to an address (kept as a hash), whoever asked and whether
    its alert still exists: every API process counts the same mails, so an address
    receives at most ``alert_confirmations_per_hour`` whatever the workers or restarts."""

    __tablename__ = "confirmation_mails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    address_sha256: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_confirmation_mails_address", "address_sha256", "sent_at"),)
