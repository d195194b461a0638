"""A session's number as its heading prints it («SESIÓN No. 31», «ACTA NÚMERO 089 DE LA
SESIÓN…», «Sesión número doce») and the one form two sources' numbers are compared in:
a listing's «33» and a heading's «033» are one session, never two."""

from __future__ import annotations

import re

from indexer.analysis import fold_keyword
from indexer.readers.normalise import spelled_number

# read in the first lines only: further down, an agenda approves "el acta de la sesión
# número 30", another session's number
HEADING_LINES = 12
_SPELLED = r"[a-z]+(?:\s+[a-z]+){0,4}"
_MARK = r"(?:numero|num\.|no\.|n\.o|nº|n°)\s*"
_IN_HEADING = re.compile(
    rf"^[^\S\n]*acta\s+{_MARK}(\d{{1,4}})\s+de\s+la\s+sesion\b"
    rf"|\bsesion\s+(?:(?:ordinaria|extraordinaria|solemne|publica)\s+){{0,2}}{_MARK}"
    rf"(\d{{1,4}}|{_SPELLED})\b",
    re.MULTILINE,
)
# a previous session's minutes named in the heading's lines are not this session
_OTHER_SESSION = re.compile(r"\b(?:acta|actas)\s+de\s+la\s+$|\banterior\b")
_DIGITS = re.compile(r"\d+")
_PREFIX = re.compile(rf"^\s*(?:sesion\s+)?{_MARK}")


def session_number_key(value: str | None) -> str | None:
    """``value`` in the form numbers are compared in: leading zeros dropped (``033`` is
    ``33``), a number in words as digits (``doce`` is ``12``), a «No.» before it gone;
    any other writing as written, folded."""
    if not value or not value.strip():
        return None
    folded = " ".join(_PREFIX.sub("", fold_keyword(value)).split())
    spelled = spelled_number(folded) if folded and not folded.isdigit() else None
    if spelled:
        return str(spelled)
    return _DIGITS.sub(lambda m: str(int(m[0])), folded) or None


def session_number_in_heading(text: str | None) -> str | None:
    """The number the heading's first lines give this session, in digits; None when they
    give none, or two different ones (unsure: a wrong number would split a session)."""
    if not text:
        return None
    head = "\n".join(fold_keyword(line) for line in text.lstrip().splitlines()[:HEADING_LINES])
    found: set[str] = set()
    for match in _IN_HEADING.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        if _OTHER_SESSION.search(head, line_start, match.start()):
            continue
        key = match[1] or _spelled_prefix(match[2])
        key = session_number_key(key)
        if key and key.isdigit() and int(key) > 0:
            found.add(key)
    return found.pop() if len(found) == 1 else None


def _spelled_prefix(words: str) -> str | None:
    """The number a run of words opens with («ciento doce celebrada el…» → 112)."""
    split = words.split()
    for end in range(len(split), 0, -1):
        number = spelled_number(" ".join(split[:end]))
        if number:
            return str(number)
    return None
