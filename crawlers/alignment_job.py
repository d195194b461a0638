"""Placing crawled sessions' speeches in their videos: the worker's job after a crawl
(``abierto align``), never inside the crawl — fetching caption tracks and listening to
audio take long. Every address comes from crawled pages, so each is checked by the
crawler's guard before it is fetched; what is found is stored by the indexer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from parsel import Selector
from sqlalchemy import select

from crawlers.addresses import check_url
from crawlers.fetch import FetchError, fetch, locate
from crawlers.formats.players import find_players
from crawlers.guarded_proxy import GuardedProxy
from indexer.alignment.captions import MAX_BYTES as TRACK_BYTES
from indexer.alignment.captions import CaptionError
from indexer.alignment.features import READ_THROUGH
from indexer.alignment.job import align_session, unavailable
from indexer.db import Database, DocumentRow
from indexer.models import Sesion, VideoLink, parse_document
from indexer.readers.videos import is_video_url, youtube_id
from indexer.speeches.store import session_speeches
from indexer.speeches.timing import (
    SessionTiming,
    SpeechTime,
    fingerprint,
    save_timing,
    session_timing,
)

PAGE_BYTES = 2_000_000
TRACK_SECONDS = 60.0
USER_AGENT = "EstadoAbierto/1.0 (alineacion de discursos)"


@dataclass(frozen=True)
class Outcome:
    session_id: str
    timing: SessionTiming | None  # None: nothing to align (no spoken speeches)
    skipped: bool = False  # unchanged since its last alignment


def align_document(
    db: Database, session: Sesion, allow_loopback: bool = False, force: bool = False,
    listen: bool = True,
) -> Outcome:  # fmt: skip
    """Align one session's spoken speeches (stage directions are not heard) unless its
    text and videos are what they were at its last alignment."""
    spoken = [s for s in session_speeches(db, session.id) if not s.procedural]
    if not spoken:
        return Outcome(session.id, None)
    videos = [v for v in session.video_urls if v.state == "recorded"]
    print_ = fingerprint(spoken, [f"{v.url} {v.captions_url or ''}" for v in videos])
    last = session_timing(db, session.id)
    if not force and last is not None and last.fingerprint == print_:
        return Outcome(session.id, last, skipped=True)

    def guard(url: str) -> None:
        check_url(url, allow_loopback)

    def get(url: str) -> bytes:
        return _track(url, allow_loopback)

    def recording(url: str) -> str:
        return _recording(url, allow_loopback)

    videos = [_with_captions(v, allow_loopback) for v in videos]
    texts = [s.text for s in spoken]
    # ffmpeg reads every address (a playlist's segments too) through the guarded proxy
    with GuardedProxy(allow_loopback) as proxy:
        token = READ_THROUGH.set(proxy.url)
        try:
            result = align_session(
                texts, videos, listen=listen, check=guard, get=get, locate=recording
            )
        finally:
            READ_THROUGH.reset(token)
    if proxy.refused:  # a segment left out would shift every time after it
        refused = f"dirección no permitida ({proxy.refused[0]})"
        result = unavailable(texts, f"no se pudo leer el audio: {refused}")
    times = [
        SpeechTime(t.start, t.end, t.confidence if t.start is not None else None, t.method,
                   t.video)
        for t in result.alignment.timings
    ]  # fmt: skip
    timing = save_timing(
        db, session.id, spoken, times, result.alignment.status, result.alignment.reason, print_
    )
    return Outcome(session.id, timing)


def _track(url: str, allow_loopback: bool) -> bytes:
    """A caption track fetched as a preview fetches a page: every redirect's host checked
    by the guard and connected to at the address checked, bounded in size and time."""
    try:
        return fetch(
            url,
            allow_loopback=allow_loopback,
            user_agent=USER_AGENT,
            max_bytes=TRACK_BYTES,
            deadline=time.monotonic() + TRACK_SECONDS,
        ).body
    except FetchError as exc:
        if exc.cause == "blocked_address":
            raise CaptionError(f"dirección no permitida ({exc})") from exc
        raise CaptionError(f"no se pudieron descargar los subtítulos ({exc.cause}: {exc})") from exc


def _recording(url: str, allow_loopback: bool) -> str:
    """Where a recording's address leads, every redirect checked (ffmpeg follows none)."""
    try:
        return locate(
            url,
            allow_loopback=allow_loopback,
            user_agent=USER_AGENT,
            deadline=time.monotonic() + TRACK_SECONDS,
        )
    except FetchError as exc:
        if exc.cause == "blocked_address":
            raise CaptionError(f"dirección no permitida ({exc})") from exc
        raise CaptionError(f"{exc.cause}: {exc}") from exc


def _with_captions(video: VideoLink, allow_loopback: bool) -> VideoLink:
    """A watch page's ``<track>`` when the crawl recorded none: platforms that publish
    captions put them in the page's player, not in the link a session page gives."""
    if video.captions_url or youtube_id(video.url) or is_video_url(video.url):
        return video
    try:
        page = fetch(
            video.url,
            allow_loopback=allow_loopback,
            user_agent=USER_AGENT,
            max_bytes=PAGE_BYTES,
            deadline=time.monotonic() + 30,
        )
    except FetchError:  # no page (refused, missing, too slow): aligned without it
        return video
    if page.status != 200:
        return video
    text = page.body.decode("utf-8", errors="replace")
    for player in find_players(Selector(text=text), page.url):
        if player.captions:
            return video.model_copy(update={"captions_url": player.captions})
    return video


def sessions(db: Database, session_id: str | None = None) -> Iterator[Sesion]:
    """The stored sessions (or one), oldest first."""
    query = select(DocumentRow.id).where(DocumentRow.kind == "sesion")
    if session_id is not None:
        query = query.where(DocumentRow.id == session_id)
    with db.session() as s:
        ids = list(s.scalars(query.order_by(DocumentRow.date, DocumentRow.id)))
    for doc_id in ids:
        with db.session() as s:
            row = s.get(DocumentRow, doc_id)
            doc = parse_document({**row.data, "text": ""}) if row is not None else None
        if isinstance(doc, Sesion):
            yield doc


def align_sessions(
    db: Database, session_id: str | None = None, force: bool = False,
    allow_loopback: bool = False, listen: bool = True,
) -> list[Outcome]:  # fmt: skip
    """Every stored session (or one) whose speeches are not aligned or whose text or
    videos changed; ``force`` aligns again those that did not change."""
    return [
        align_document(db, session, allow_loopback, force, listen)
        for session in sessions(db, session_id)
    ]
