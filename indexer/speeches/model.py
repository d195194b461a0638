"""A speech: one turn of a session's stenographic version, with who said it."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator

from indexer.models import document_id
from indexer.speeches.party_source import line_or_roster


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
    # Where ``party`` comes from (``party_source.PARTY_SOURCES``); no column stores it:
    # the attributor sets it, and the store reads it back by the same rule.
    party_source: str | None = None

    @model_validator(mode="after")
    def _source_of_party(self) -> Speech:
        """No party, no source; a party with none given comes from the speech's own line
        or else a roster, which is all one speech can tell of itself."""
        if not self.party:
            self.party_source = None
        elif self.party_source is None:
            self.party_source = line_or_roster(self.speaker_as_written, self.party)
        return self


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
