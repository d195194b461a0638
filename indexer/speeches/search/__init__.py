"""Searching speeches: the question and answer shapes, and the embedded index."""

from indexer.speeches.search.shapes import (
    SPEECH_FACETS,
    SPEECH_FILTERS,
    SpeechHit,
    SpeechQuery,
    SpeechResult,
)

__all__ = ["SPEECH_FACETS", "SPEECH_FILTERS", "SpeechHit", "SpeechQuery", "SpeechResult"]
