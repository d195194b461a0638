"""Case-insensitive patterns run as lowercase twins over the lowercased text.

Python's ``re`` cannot skip an alternative by its first character under IGNORECASE, so
a long alternation (the name triggers, the redaction marks) tries every branch at every
word; its lowercase twin, case-sensitive over ``text.lower()``, skips them at once and
finds the same matches at the same places, three times faster. That holds when
lowercasing is exact for the text: each character lowers to one character and has no
case partner that ``re`` knows besides its lowercase (``ſ`` ~ ``s``, ``ı`` ~ ``i``, the
Kelvin sign ~ ``k``, ``µ`` ~ ``μ``…). Texts in ASCII, Latin-1 letters (not ``µ``),
punctuation and box marks qualify; any other text gets ``None`` and the original
patterns, so what is found never depends on the shortcut."""

from __future__ import annotations

import re

# characters outside those for which lowering agrees with re's case folding
_UNSAFE = re.compile("[^\x00-\xb4\xb6-\xff\u2000-\u20cf\u2500-\u25ff]")
_UPPERCASE_ESCAPE = re.compile(r"\\[A-Z]")


def lowered(text: str) -> str | None:
    """``text.lower()``, position for position, or None when the twins may not be used."""
    if _UNSAFE.search(text):
        return None
    return text.lower()


def twin(source: str, prefix: str = "") -> re.Pattern[str]:
    """The case-sensitive twin of the case-insensitive pattern ``source`` (``prefix`` is
    written as is, e.g. a lowercase lookbehind)."""
    if _UPPERCASE_ESCAPE.search(source) or "(?-i" in source:
        raise ValueError("a pattern with uppercase escapes or case switches has no twin")
    return re.compile(prefix + "(?:" + source.lower() + ")")


def by_first_letter(alternation: str) -> str:
    """``alternation`` (lowercase alternatives, each beginning with a letter) regrouped by
    that letter: ``a(?:…|…)|c(?:…)|…``. ``re`` skips an alternative whose first
    character is a different literal at once, but one opening with a group (``(?:la|el)
    parte…``) is entered at every word; regrouped, a word meets only the branches of its
    own letter, and at most one letter's branches can match at a place, so the same
    match is found (each letter's alternatives keep their order). Leading groups are
    opened (``(?:la|el|los)x`` is ``l(?:a|os)x|e(?:l)x``) so that every alternative
    begins with its letter."""
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in _lettered(
        _opened(alternation)).items())  # fmt: skip


_QUANTIFIERS = ("?", "*", "+", "{")


def _lettered(alternatives: list[str]) -> dict[str, list[str]]:
    """The alternatives' rests by their first letter, in order."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        if not alternative[:1].isalpha() or alternative[1:2] in _QUANTIFIERS:
            raise ValueError(f"an alternative that begins with no plain letter: {alternative!r}")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return groups


def _opened(source: str) -> list[str]:
    """``source``'s alternatives, a leading unquantified ``(?:…)`` group opened: one
    alternative for each first letter of its own, followed by the rest."""
    opened: list[str] = []
    for alternative in _top_level(source):
        if alternative.startswith("(?:"):
            end = _group_end(alternative)
            rest = alternative[end:]
            if rest[:1] not in _QUANTIFIERS:
                inner = _lettered(_opened(alternative[3 : end - 1]))
                opened += [f"{letter}(?:{'|'.join(r)}){rest}" for letter, r in inner.items()]
                continue
        opened.append(alternative)
    return opened


def _scan(source: str) -> list[tuple[int, str]]:
    """Each character of ``source`` outside escapes and character classes that shapes
    its groups (``(``, ``)``, ``|``), with its place."""
    found: list[tuple[int, str]] = []
    at, in_class = 0, False
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            at += 1
            at += source[at : at + 1] == "^"
            at += source[at : at + 1] == "]"  # a leading ] is a member, not the end
            continue
        elif char in "()|":
            found.append((at, char))
        at += 1
    return found


def _top_level(source: str) -> list[str]:
    """``source`` split at its top-level ``|``."""
    parts: list[str] = []
    depth = start = 0
    for at, char in _scan(source):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(source[start:at])
            start = at + 1
    return [*parts, source[start:]]


def _group_end(source: str) -> int:
    """Where the group that opens ``source`` ends (just after its ``)``)."""
    depth = 0
    for at, char in _scan(source):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ")" and depth == 0:
            return at + 1
    raise ValueError(f"an unclosed group: {source!r}")
