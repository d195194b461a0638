"""What a speech search asks and answers (every speech index answers alike)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from indexer.speeches.model import Speech
from indexer.stores.base import FacetCount, indexable_day

# Exact filters (case- and accent-insensitive); ``speaker`` is the person's name.
SPEECH_FILTERS: tuple[str, ...] = (
    "speaker",
    "person_id",
    "party",
    "congress",
    "legislature",
    "role",
    "session_id",
    "jurisdiction",
)
SPEECH_FACETS: tuple[str, ...] = ("speaker", "party", "congress")


class SpeechQuery(BaseModel):
    q: str = ""
    filters: dict[str, list[str]] = Field(default_factory=dict)
    agenda: str = Field("", description="Words of the agenda item the speech belongs to.")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_procedural: bool = False
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None
    facets: list[str] = Field(default_factory=lambda: list(SPEECH_FACETS))
    facet_size: int = Field(20, ge=1, le=200)
    sort: Literal["relevance", "date_desc", "date_asc"] = "relevance"

    @field_validator("date_from", "date_to")
    @classmethod
    def _within_the_index(cls, day: dt.date | None) -> dt.date | None:
        """A bound beyond what the indexes hold bounds nothing: brought to their edge."""
        return None if day is None else indexable_day(day)

    def fingerprint(self) -> str:
        """What a cursor is bound to: the question without its page."""
        data = self.model_dump(mode="json", exclude={"cursor", "limit"})
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


class SpeechHit(BaseModel):
    speech: Speech
    score: float | None = None
    highlights: list[str] = Field(default_factory=list)


class SpeechResult(BaseModel):
    total: int
    hits: list[SpeechHit]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)
    next_cursor: str | None = None
