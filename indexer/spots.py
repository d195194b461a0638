"""Where a pattern can start, found with plain substring searches.

A pattern that opens with a lookbehind or an alternation, run over a whole text, tries
to match at every character; most of a sentence can hold no citation and most of a
session no speaker. The readers instead find the few places such a pattern can start
(every case number has a ``/``, every registro the word ``registro``, every court
speaker ``SEÑOR`` or ``SECRETARI``) with ``str.find``, and try the pattern only there:
the same matches as ``finditer``, as long as every place a match can start is tried.
"""

from __future__ import annotations

import re
import string
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from itertools import accumulate
from typing import TypeVar

_T = TypeVar("_T")
# when the reading under way must stop (``within``); None: no limit (other callers)
_DEADLINE: ContextVar[float | None] = ContextVar("spots_deadline", default=None)
CHECK_EVERY = 1024  # places tried between looks at the clock (each is a bounded window)


class TimeUp(Exception):
    """The reading's time (``within``) ran out: the caller keeps what it found."""


class within:  # a context: ``with within(2.0):``
    """Bound the searches below (``occurrences``, ``matches_at``, ``checked``) to
    ``seconds`` from entering: past it they raise ``TimeUp``. A hostile text can hold a
    million places a pattern might start and no match at all, so a limit looked at only
    when something is found never comes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        self._token = _DEADLINE.set(time.perf_counter() + self.seconds)

    def __exit__(self, *exc: object) -> None:
        _DEADLINE.reset(self._token)


def checked(items: Iterable[_T]) -> Iterator[_T]:
    """``items``, raising ``TimeUp`` once the time of ``within`` is past."""
    deadline = _DEADLINE.get()
    if deadline is None:
        yield from items
        return
    for count, item in enumerate(items):
        if not count % CHECK_EVERY and time.perf_counter() > deadline:
            raise TimeUp
        yield item


def occurrences(text: str, *literals: str) -> list[int]:
    """Where each of ``literals`` occurs in ``text`` (overlaps included), in order."""
    found: list[int] = []
    deadline = _DEADLINE.get()
    for literal in literals:
        # one character is looked for at memchr's speed, several at a tenth of it: a
        # literal whose first character is nowhere ("º.", "Regi") costs no longer search
        if len(literal) > 1 and literal[0] not in text:
            continue
        at = text.find(literal)
        while at >= 0:
            found.append(at)
            at = text.find(literal, at + 1)
            if (
                deadline is not None
                and not len(found) % CHECK_EVERY
                and time.perf_counter() > deadline
            ):
                raise TimeUp
    if len(literals) > 1:
        found.sort()
    return found


def space_before(text: str, end: int) -> int:
    """Where the run of whitespace ending at ``end`` starts (``end`` if there is none)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# the ASCII word characters, stripped from a run's end at once (``str.rstrip``, in C)
_ASCII_WORD = string.ascii_letters + string.digits + "_"


def word_before(text: str, end: int, longest: int) -> int | None:
    """Where the run of word characters ending at ``end`` starts; None when there is
    none or it is longer than ``longest`` (no pattern word is)."""
    # ``\w`` of a ``str`` pattern is alphanumeric or "_"; one character past the longest
    # is enough to know the run is longer (this runs at every slash and article of a text)
    low = end - longest - 1 if end > longest else 0
    start = end
    while start > low:
        # the ASCII word characters at once, then one beyond ASCII ("ñ", "é") at a time
        start = low + len(text[low:start].rstrip(_ASCII_WORD))
        if start > low:
            char = text[start - 1]
            if char.isalnum() or char == "_":
                start -= 1
                continue
        break
    if start == end or end - start > longest:
        return None
    return start


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` when its matches can only start at ``starts`` (in any
    order, repeats allowed): tried there, left to right, none overlapping the last.
    Under ``within``, gathering and trying the places looks at the clock."""
    free = 0
    for start in checked(sorted(set(checked(starts)))):
        if start < free:
            continue
        found = pattern.match(text, start)
        if found is not None:
            yield found
            free = max(found.end(), start + 1)


class Spans:
    """Spans of a text, asked whether a position falls inside one: the answer of
    ``any(start <= at < end for start, end in spans)`` in logarithmic time, however the
    spans overlap or are ordered (a text of 100,000 citations asked it 10^10 times)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # the furthest end among the spans up to each one, in order of start
        self._reach = list(accumulate((end for _, end in ordered), max))

    def __contains__(self, at: int) -> bool:
        before = bisect_right(self._starts, at)
        return before > 0 and self._reach[before - 1] > at
