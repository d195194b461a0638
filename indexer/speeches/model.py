"""A speech: one turn of a session's stenographic version, with who said it."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, computed_field

from indexer.models import document_id
from indexer.speeches.roles import read_speaker

# Where a speech's party comes from.
PARTY_SOURCES = {
    "transcripcion": "the speaker's line in the transcript states it",
    "padron": "the roster of the session's legislature, for the one person the name is",
}


def speech_id(session_id: str, order: int) -> str:
    """Stable while the session's text is: the session and the turn's place in it."""
    return document_id(session_id, f"discurso:{order}")


class Speech(BaseModel):
    """A turn in a session, as stored and served. ``start_s``/``end_s``/``align_*`` stay
    empty until an aligner (captions or audio) fills them."""

    id: str
    session_id: str
    order: int
    speaker_as_written: str | None = None
    person_id: str | None = None
    person_name: str | None = None
    role: str | None = None
    party: str | None = None
    agenda_index: int | None = None
    agenda_item: str | None = None
    procedural: bool = False
    text: str = ""
    date: dt.date | None = None
    congress: str | None = None
    legislature: str | None = None
    jurisdiction: str | None = None
    start_s: float | None = Field(None, ge=0)
    end_s: float | None = Field(None, ge=0)
    align_confidence: float | None = Field(None, ge=0, le=1)
    align_method: str | None = None
    video: int | None = None  # which of the session's videos the times are in (0-based)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def party_source(self) -> str | None:
        """Where ``party`` comes from (:data:`PARTY_SOURCES`): the transcript when the
        speaker's line states it, else the roster it was filled from (a turn's party is
        filled from nothing else)."""
        if not self.party:
            return None
        stated = read_speaker(self.speaker_as_written).party if self.speaker_as_written else None
        return "transcripcion" if stated == self.party else "padron"


class Mention(BaseModel):
    """A legislative document named in a session (agenda item or speech): by its
    ``reference_key`` (type, number, legislature), and its ``document_id`` once the
    library has it."""

    session_id: str
    jurisdiction: str
    reference_key: str
    document_id: str | None = None
    mention: str
    speech_id: str | None = None
    agenda_index: int | None = None
