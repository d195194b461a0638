"""What a session discussed and who spoke: the legislative documents its agenda and speeches
name (linked when the library has them), and its speeches with the second each begins in
the video — shown only when an aligner found it, never guessed."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.routers.pages.common import whole_number
from api.routers.pages.videos import youtube_id
from api.routers.speeches import timed_speeches
from indexer.analysis import fold_keyword
from indexer.db import MentionRow, SpeechRow
from indexer.db.tables import DocumentRow
from indexer.library import Library
from indexer.models import PrivacyReport, Sesion
from indexer.speeches.model import Speech
from indexer.speeches.party_source import ROSTER, SESSION
from indexer.speeches.store import (
    get_speeches,
    person_names,
    session_speech_counts,
    session_speech_page,
    spoken_before,
)

EXCERPT_CHARS = 160
# A long session's list keeps its page light (≤ 50 KB): shorter first words per speech.
LONG_SESSION, SHORT_EXCERPT_CHARS = 120, 60
# A hostile transcript may hold 100,000 turns: the page lists them a hundred at a time,
# reads at most MAX_MENTIONS mentions, and lists at most MAX_DISCUSSED documents named
# (each at most in MAX_PLACES places); the count of every document named is exact.
TURNS_PER_PAGE, MAX_MENTIONS, MAX_DISCUSSED, MAX_PLACES = 100, 2_000, 100, 10
ROLE_LABELS = {
    "presidencia": "Presidencia",
    "secretaria": "Secretaría",
    "legislador": "Legislador",
    "ministro": "Ministro",
    "magistrado": "Magistrado",
    "compareciente": "Compareciente",
    "moderacion": "Moderación",
    "secretaria_tecnica": "Secretaría técnica",
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
    person_link: str | None = None  # the speaker's page: what else they said


@dataclass
class SessionSummary:
    """What a session card in a list says about its discussion, read in bulk."""

    discussed: list[Discussed] = field(default_factory=list)
    named: int = 0  # documents named in all (``discussed`` may hold only the first)
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
    """The titles of the documents named, leaving out those withheld for personal data:
    a document not published (it answers 451) is not linked, and its title is not said
    (the mention reads as one of a document not in the library)."""
    if not ids:
        return {}
    with library.db.session() as s:
        rows = s.execute(
            select(DocumentRow.id, DocumentRow.title, DocumentRow.data).where(
                DocumentRow.id.in_(sorted(ids))
            )
        ).all()
    return {doc_id: title for doc_id, title, data in rows if not _withheld(data)}


def _withheld(data: Any) -> bool:
    privacy = data.get("privacy") if isinstance(data, dict) else None
    return privacy is not None and PrivacyReport.model_validate(privacy).withheld


def _discussed(
    rows: list[MentionRow], titles: dict[str, str], speakers: dict[str, tuple[str, str]]
) -> list[Discussed]:
    """One entry per document named, in the order first named; where it was named."""
    found: dict[str, Discussed] = {}
    for row in sorted(rows, key=lambda r: (r.agenda_index is None, r.agenda_index or 0, r.id)):
        if row.reference_key not in found and len(found) == MAX_DISCUSSED:
            continue
        title = titles.get(row.document_id or "")
        entry = found.setdefault(
            row.reference_key,
            Discussed(row.mention, row.document_id if title else None, title),
        )
        if row.speech_id is None and row.agenda_index is not None:
            place = (f"punto {row.agenda_index + 1} del orden del día", None)
        elif row.speech_id in speakers:
            name, anchor = speakers[row.speech_id]
            place = (f"intervención de {name}", anchor)
        else:
            continue
        if place not in entry.places and len(entry.places) < MAX_PLACES:
            entry.places.append(place)
    return list(found.values())


# The role in the speaker's own gender, as the heading writes it ("La diputada…",
# "SEÑORA MINISTRA ORTIZ AHLF"): "Legisladora", "Ministra", "Magistrada".
FEMININE_LABELS = {"legislador": "Legisladora", "ministro": "Ministra", "magistrado": "Magistrada"}
_FEMININE = re.compile(r"\b(?:diputada|senadora|legisladora|ministra|magistrada)\b")
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e"})


def role_label(speech: Speech) -> str | None:
    role = speech.role or ""
    written = fold_keyword(speech.speaker_as_written or "")
    if role in FEMININE_LABELS and _FEMININE.search(written):
        return FEMININE_LABELS[role]
    return ROLE_LABELS.get(role)


_ARTICLES = re.compile(r"^(?:(?:el|la|c\.)\s*)+")


def _says_only(name: str, label: str) -> bool:
    """Whether a speaker's name, past its article, is only the role's label ("La
    Secretaría", "La C. Presidencia"): the label would say it a second time."""
    return _ARTICLES.sub("", fold_keyword(name)).strip(" .") == fold_keyword(label)


def party_label(speech: Speech) -> str | None:
    """The party as the page says it: as the turn's line states it, or saying where it
    was taken from: the same person's other turns that day ("PT según otra de sus
    intervenciones en la sesión") or the legislature's roster ("PAN según el padrón")."""
    if not speech.party:
        return None
    if speech.party_source == SESSION:
        return f"{speech.party} según otra de sus intervenciones en la sesión"
    if speech.party_source == ROSTER:
        return f"{speech.party} según el padrón"
    return speech.party


def speaker_name(speech: Speech) -> str:
    """Who speaks, as the page names them: the person, else the heading as written, not
    in capitals ("SECRETARIO GENERAL DE ACUERDOS" reads "Secretario General de
    Acuerdos")."""
    name = (speech.person_name or speech.speaker_as_written or "Sin identificar").strip(" :")
    if not name.isupper():
        return name
    return " ".join(
        word if word in _PARTICLES else word[:1].upper() + word[1:] for word in name.lower().split()
    )


@dataclass
class Turns:
    """One page of a session's speeches, and where it sits among the others."""

    items: list[Turn]
    total: int = 0
    timed: int = 0
    page: int = 1
    pages: int = 1
    first: int = 0  # the position (from 1) of the page's first speech

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1


def wanted_page(params: Any, library: Library, session_id: str) -> int:
    """The page a request asks for: ``intervenciones=P``, or ``intervencion=N`` (a speech's
    number: the page holding it, so a link to one speech lands on it)."""
    order = whole_number(params.get("intervencion", ""), 9)
    if order is not None:
        return spoken_before(library.db, session_id, order) // TURNS_PER_PAGE + 1
    return whole_number(params.get("intervenciones", ""), 9) or 1


def speech_link(order: int, shown: set[int]) -> str:
    """A link to a speech: its anchor when this page lists it, else the page that does."""
    anchor = f"#intervencion-{order}"
    return anchor if order in shown else f"?intervencion={order}{anchor}"


def session_discussion(
    library: Library, doc: Sesion, params: Any = None
) -> tuple[list[Discussed], int, Turns]:
    """The session page's two lists: documents discussed (and how many it named in all),
    then one page of its speeches in order (``TURNS_PER_PAGE``, so a transcript of any
    length makes a light page)."""
    _, spoken, timed = session_speech_counts(library.db, doc.id)
    pages = max(1, -(-spoken // TURNS_PER_PAGE))
    page = min(max(1, wanted_page(params or {}, library, doc.id)), pages)
    offset = (page - 1) * TURNS_PER_PAGE
    listed = session_speech_page(library.db, doc.id, offset, TURNS_PER_PAGE, spoken=True)
    speeches = timed_speeches(library, listed, {doc.id: doc})
    # each person by the fullest name known now, not the one known when the session was read
    fullest = person_names(library.db, (s.person_id for s in speeches if s.person_id))
    speeches = [
        s.model_copy(update={"person_name": fullest[s.person_id]})
        if s.person_id in fullest and s.person_name
        else s
        for s in speeches
    ]
    recorded = [v for v in doc.video_urls if v.state == "recorded"]
    limit = EXCERPT_CHARS if spoken <= LONG_SESSION else SHORT_EXCERPT_CHARS
    turns = Turns([], spoken, timed, page, pages, offset + 1)
    for speech in speeches:
        anchor = f"intervencion-{speech.order}"
        who = speaker_name(speech)
        role = role_label(speech)
        if role and _says_only(who, role):
            role = None  # "La Secretaría", not "La Secretaría (Secretaría)"
        detail = " · ".join(part for part in (role, party_label(speech)) if part)
        turn = Turn(anchor, who, detail, excerpt(speech.text, limit))
        if speech.person_id:
            turn.person_link = f"/personas/{quote(speech.person_id, safe='')}"
        if speech.start_s is not None and speech.video_link:
            turn.seconds = int(speech.start_s)
            turn.clock = clock(speech.start_s)
            turn.video_link = speech.video_link
            if speech.video is not None and youtube_id(recorded[speech.video]):
                stay = f"&intervencion={speech.order}" if pages > 1 else ""
                turn.here_link = (
                    f"/d/{quote(doc.id, safe='')}?ver=1&parte={speech.video}"
                    f"&t={turn.seconds}{stay}#reproductor"
                )
        turns.items.append(turn)
    shown = {s.order for s in speeches}
    with library.db.session() as s:
        rows = _first_mentions(s, [doc.id])
        documents_named = s.scalar(
            select(func.count(func.distinct(MentionRow.reference_key))).where(
                MentionRow.session_id == doc.id
            )
        )
    named = {r.speech_id for r in rows if r.speech_id}
    speakers = {
        speech.id: (speaker_name(speech), speech_link(speech.order, shown))
        for speech in _spoken(library, named)
    }
    titles = _titles(library, {r.document_id for r in rows if r.document_id})
    return _discussed(rows, titles, speakers), int(documents_named or 0), turns


def _spoken(library: Library, ids: set[str]) -> list[Speech]:
    """The spoken speeches among ``ids`` (a bounded set: mentions are read ≤ MAX_MENTIONS)."""
    found: list[Speech] = []
    chosen = sorted(ids)
    for start in range(0, len(chosen), 400):
        found += get_speeches(library.db, chosen[start : start + 400]).values()
    return [s for s in found if not s.procedural]


def session_summaries(library: Library, ids: list[str]) -> dict[str, SessionSummary]:
    """For a list of sessions: the documents each discussed and how many speeches it has,
    how many of them placed in the video — three queries for the whole list, each session's
    mentions read up to ``MAX_MENTIONS``."""
    if not ids:
        return {}
    out = {doc_id: SessionSummary() for doc_id in ids}
    with library.db.session() as s:
        mentions = _first_mentions(s, ids)
        named = s.execute(
            select(MentionRow.session_id, func.count(func.distinct(MentionRow.reference_key)))
            .where(MentionRow.session_id.in_(ids))
            .group_by(MentionRow.session_id)
        ).all()
        counts = s.execute(
            select(SpeechRow.session_id, func.count(), func.count(SpeechRow.start_s))
            .where(SpeechRow.session_id.in_(ids), SpeechRow.procedural.is_(False))
            .group_by(SpeechRow.session_id)
        ).all()
    for session_id, total in named:
        out[session_id].named = total
    for session_id, total, timed in counts:
        out[session_id].speeches, out[session_id].timed = total, timed
    titles = _titles(library, {m.document_id for m in mentions if m.document_id})
    grouped: dict[str, list[MentionRow]] = defaultdict(list)
    for row in mentions:
        grouped[row.session_id].append(row)
    for session_id, rows in grouped.items():
        out[session_id].discussed = _discussed(rows, titles, {})
    return out


def _first_mentions(s: Session, ids: list[str]) -> list[MentionRow]:
    """Each session's first ``MAX_MENTIONS`` mentions (agenda order), in one query."""
    table = MentionRow.__table__
    position = func.row_number().over(
        partition_by=table.c.session_id,
        order_by=(table.c.agenda_index.is_(None), table.c.agenda_index, table.c.id),
    )
    numbered = select(table.c.id, position.label("n")).where(table.c.session_id.in_(ids))
    first = numbered.subquery()
    chosen = select(first.c.id).where(first.c.n <= MAX_MENTIONS)
    return list(s.scalars(select(MentionRow).where(MentionRow.id.in_(chosen))))
