"""A citation found in a document's text: what it names, where, and how it was written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CitationKind = Literal["case", "tesis", "article"]
KINDS: tuple[CitationKind, ...] = ("case", "tesis", "article")


@dataclass(frozen=True)
class Citation:
    """``key`` is the normalised form (``AR 1234/2023``, ``registro 2023456``,
    ``CPEUM art. 14``) a query and another document's citation compare by; ``written``
    the words as the text has them; ``start``/``end`` their character offsets."""

    kind: CitationKind
    key: str
    written: str
    start: int
    end: int
    court: str | None = None
