"""What a session discussed and who spoke: the legislative documents its agenda and speeches
name (linked when the library has them), and its speeches with the second each begins in
the video — shown only when an aligner found it, never guessed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from sqlalchemy import func, select

from api.routers.pages.videos import youtube_id
from api.routers.speeches import timed_speeches
from indexer.db import MentionRow, SpeechRow
from indexer.db.tables import DocumentRow
from indexer.library import Library
from indexer.models import Sesion
from indexer.speeches.model import Speech
from indexer.speeches.store import session_speeches

EXCERPT_CHARS = 160
# A long session's list keeps its page light (≤ 50 KB): shorter first words per speech.
LONG_SESSION, SHORT_EXCERPT_CHARS = 120, 60
ROLE_LABELS = {
    "presidencia": "Presidencia",
    "secretaria": "Secretaría",
    "legislador": "Legislador",
    "ministro": "Ministro",
    "magistrado": "Magistrado",
    "compareciente": "Compareciente",
}


@dataclass
class Discussed:
    """A document the session named: as written, and the library's copy when there is one."""

    mention: str
    document_id: str | None = None
    title: str | None = None
    places: list[tuple[str, str | None]] = field(default_factory=list)  # (where, anchor)


@dataclass
class Turn:
    """A speech as the page lists it."""

    anchor: str
    speaker: str
    detail: str
    excerpt: str
    clock: str | None = None
    seconds: int | None = None
    video_link: str | None = None
    here_link: str | None = None


@dataclass
class SessionSummary:
    """What a session card in a list says about its discussion, read in bulk."""

    discussed: list[Discussed] = field(default_factory=list)
    speeches: int = 0
    timed: int = 0


def clock(seconds: float) -> str:
    """Seconds into a video as people read a player's clock: ``1:02:05``."""
    whole = max(0, int(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return f"{cut} …"


def _titles(library: Library, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    with library.db.session() as s:
        rows = s.execute(
            select(DocumentRow.id, DocumentRow.title).where(DocumentRow.id.in_(sorted(ids)))
        ).all()
    return {doc_id: title for doc_id, title in rows}


def _discussed(
    rows: list[MentionRow], titles: dict[str, str], speakers: dict[str, tuple[str, str]]
) -> list[Discussed]:
    """One entry per document named, in the order first named; where it was named."""
    found: dict[str, Discussed] = {}
    for row in sorted(rows, key=lambda r: (r.agenda_index is None, r.agenda_index or 0, r.id)):
        title = titles.get(row.document_id or "")
        entry = found.setdefault(
            row.reference_key,
            Discussed(row.mention, row.document_id if title else None, title),
        )
        if row.speech_id is None and row.agenda_index is not None:
            place = (f"punto {row.agenda_index + 1} del orden del día", None)
        elif row.speech_id in speakers:
            name, anchor = speakers[row.speech_id]
            place = (f"intervención de {name}", f"#{anchor}")
        else:
            continue
        if place not in entry.places:
            entry.places.append(place)
    return list(found.values())


def speaker_name(speech: Speech) -> str:
    return (speech.person_name or speech.speaker_as_written or "Sin identificar").strip(" :")


def session_discussion(library: Library, doc: Sesion) -> tuple[list[Discussed], list[Turn]]:
    """The session page's two lists: documents discussed, then speeches in order."""
    speeches = timed_speeches(library, session_speeches(library.db, doc.id), {doc.id: doc})
    recorded = [v for v in doc.video_urls if v.state == "recorded"]
    turns: list[Turn] = []
    speakers: dict[str, tuple[str, str]] = {}
    spoken = sum(not s.procedural for s in speeches)
    limit = EXCERPT_CHARS if spoken <= LONG_SESSION else SHORT_EXCERPT_CHARS
    for speech in speeches:
        if speech.procedural:
            continue
        anchor = f"intervencion-{speech.order}"
        name = speaker_name(speech)
        speakers[speech.id] = (name, anchor)
        detail = " · ".join(
            part for part in (ROLE_LABELS.get(speech.role or ""), speech.party) if part
        )
        turn = Turn(anchor, name, detail, excerpt(speech.text, limit))
        if speech.start_s is not None and speech.video_link:
            turn.seconds = int(speech.start_s)
            turn.clock = clock(speech.start_s)
            turn.video_link = speech.video_link
            if speech.video is not None and youtube_id(recorded[speech.video]):
                turn.here_link = (
                    f"/d/{quote(doc.id, safe='')}?ver=1&parte={speech.video}"
                    f"&t={turn.seconds}#reproductor"
                )
        turns.append(turn)
    with library.db.session() as s:
        rows = list(s.scalars(select(MentionRow).where(MentionRow.session_id == doc.id)))
    titles = _titles(library, {r.document_id for r in rows if r.document_id})
    return _discussed(rows, titles, speakers), turns


def session_summaries(library: Library, ids: list[str]) -> dict[str, SessionSummary]:
    """For a list of sessions: the documents each discussed and how many speeches it has,
    how many of them placed in the video — three queries for the whole list."""
    if not ids:
        return {}
    out = {doc_id: SessionSummary() for doc_id in ids}
    with library.db.session() as s:
        mentions = list(s.scalars(select(MentionRow).where(MentionRow.session_id.in_(ids))))
        counts = s.execute(
            select(SpeechRow.session_id, func.count(), func.count(SpeechRow.start_s))
            .where(SpeechRow.session_id.in_(ids), SpeechRow.procedural.is_(False))
            .group_by(SpeechRow.session_id)
        ).all()
    for session_id, total, timed in counts:
        out[session_id].speeches, out[session_id].timed = total, timed
    titles = _titles(library, {m.document_id for m in mentions if m.document_id})
    grouped: dict[str, list[MentionRow]] = defaultdict(list)
    for row in mentions:
        grouped[row.session_id].append(row)
    for session_id, rows in grouped.items():
        out[session_id].discussed = _discussed(rows, titles, {})
    return out
