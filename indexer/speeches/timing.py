"""A session's speeches placed in its videos, as stored: each speech's times (through
``set_alignment``) and the session's status with its reason, which a person reads on
the session's speeches; the fingerprint says when the text or the videos changed."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from indexer.db import Database, SessionAlignmentRow
from indexer.speeches.model import Speech
from indexer.speeches.store import set_alignment


@dataclass(frozen=True)
class SpeechTime:
    start_s: float | None
    end_s: float | None
    confidence: float | None
    method: str | None
    video: int | None


@dataclass(frozen=True)
class SessionTiming:
    session_id: str
    status: str  # ok | partial | mismatch | unavailable
    reason: str | None
    fingerprint: str
    aligned: int
    speeches: int
    aligned_at: dt.datetime


def fingerprint(speeches: Sequence[Speech], video_urls: Sequence[str]) -> str:
    """Changes when a spoken text or a video (or its caption track) changes."""
    digest = hashlib.sha256()
    for speech in speeches:
        digest.update(f"{speech.id}\x1f{speech.text}\x1e".encode())
    for url in video_urls:
        digest.update(f"{url}\x1e".encode())
    return digest.hexdigest()


def save_timing(
    db: Database,
    session_id: str,
    speeches: Sequence[Speech],
    times: Sequence[SpeechTime],
    status: str,
    reason: str | None,
    print_: str,
) -> SessionTiming:
    """Store each speech's place (empty where there was no evidence: an old time is not
    kept beside a new status) and the session's status."""
    aligned = 0
    for speech, time in zip(speeches, times, strict=True):
        if time.start_s is not None:
            aligned += 1
        set_alignment(
            db, speech.id, time.start_s, time.end_s, time.confidence, time.method, time.video
        )
    row = SessionAlignmentRow(
        session_id=session_id,
        status=status,
        reason=reason,
        fingerprint=print_,
        aligned=aligned,
        speeches=len(speeches),
        aligned_at=dt.datetime.now(dt.UTC),
    )
    with db.session() as s, s.begin():
        s.merge(row)
    return session_timing(db, session_id)  # type: ignore[return-value]


def session_timing(db: Database, session_id: str) -> SessionTiming | None:
    with db.session() as s:
        row = s.get(SessionAlignmentRow, session_id)
        return _timing(row) if row is not None else None


def session_timings(db: Database) -> dict[str, SessionTiming]:
    with db.session() as s:
        return {row.session_id: _timing(row) for row in s.scalars(select(SessionAlignmentRow))}


def _timing(row: SessionAlignmentRow) -> SessionTiming:
    return SessionTiming(
        row.session_id,
        row.status,
        row.reason,
        row.fingerprint,
        row.aligned,
        row.speeches,
        row.aligned_at,
    )
