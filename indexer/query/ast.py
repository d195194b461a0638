"""Syntax tree of a search query. Leaves carry the user's words as typed; analysis
(lowercasing, accent folding, stemming) is the compiling store's job."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A word searched in the full text (and title)."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together and in order; with ``slop`` (``"a b"~5``) they may
    stand that many positions apart, or swap places at a cost of two."""

    text: str
    slop: int = 0


@dataclass(frozen=True)
class Prefix:
    """A word stem typed with a trailing ``*``: ``constitu*``."""

    text: str


@dataclass(frozen=True)
class Field:
    """``name:value``: a text search in one field, or an exact filter on a keyword field."""

    name: str
    value: str
    phrase: bool = False
    slop: int = 0


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class MatchAll:
    """The empty query: every document (filters still apply)."""


Node = Term | Phrase | Prefix | Field | And | Or | Not | MatchAll


def terms_of(node: Node) -> list[str]:
    """The positive words of a query, for highlighting and explanations."""
    match node:
        case Term(text) | Phrase(text) | Prefix(text):
            return [text]
        case Field(_, value):
            return [value]
        case And(items) | Or(items):
            return [word for item in items for word in terms_of(item)]
        case _:
            return []
