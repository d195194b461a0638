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


_new = object.__new__


def citation(
    kind: CitationKind, key: str, written: str, start: int, end: int, court: str | None = None
) -> Citation:
    """``Citation(kind, key, written, start, end, court)``, the same instance made a
    third as dearly: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__`` (about 3 of a case citation's 8 µs), this fills its
    ``__dict__`` (the class has no ``__post_init__`` and no slots). The readers make
    some 15 a document."""
    made = _new(Citation)
    fields = made.__dict__
    fields["kind"] = kind
    fields["key"] = key
    fields["written"] = written
    fields["start"] = start
    fields["end"] = end
    fields["court"] = court
    return made
