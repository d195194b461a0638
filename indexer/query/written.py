"""One thing a query writes that the sentences also write other ways (an ordinal, a legal
abbreviation): where it stands in the word or phrase, and its other spellings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Written:
    start: int
    end: int
    forms: tuple[str, ...]  # the other spellings; the one written is not among them
