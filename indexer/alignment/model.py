"""What an alignment says about each speech, and about the session as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Method = Literal["captions", "audio"]
Status = Literal["ok", "partial", "mismatch", "unavailable"]


@dataclass(frozen=True)
class Cue:
    """One caption: seconds from the start of the video, and what it says."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class SpeechTiming:
    """Where one speech is in the video; ``start`` is None when there was no evidence."""

    start: float | None
    end: float | None
    confidence: float
    method: Method | None
    video: int | None = None  # which of the session's videos (index) holds the speech


NO_TIME = SpeechTiming(None, None, 0.0, None)


@dataclass
class Alignment:
    """Per-speech timings, in the order given, and a verdict on the session.

    ``status`` is ``mismatch`` when text and video do not belong together (too few
    matched words): then no speech has a time. ``partial`` means part of the text has no
    counterpart in the video (a missing hour); ``unavailable``, that there was nothing
    to align with (no captions, no readable audio). ``reason`` says what, in Spanish."""

    timings: list[SpeechTiming]
    status: Status
    method: Method | None
    reason: str | None = None
    matched_share: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def aligned(self) -> int:
        return sum(t.start is not None for t in self.timings)
