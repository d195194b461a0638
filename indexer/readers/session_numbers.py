"""A session's number as its heading prints it («SESIÓN No. 31», «ACTA NÚMERO 089 DE LA
SESIÓN…», «Sesión número doce») and the one form two sources' numbers are compared in:
a listing's «33» and a heading's «033» are one session, never two."""

from __future__ import annotations

import re

from indexer.analysis import fold_keyword
from indexer.readers.courts import ordinal_word
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
# The Cámara's Diario closes its date line with the number alone ("… 12 de febrero de
# 2025 Sesión 8", perhaps "Sesión 8 Apéndice I"); an ordinal before the word counts
# the sessions too ("SEGUNDA SESIÓN ORDINARIA DEL PRIMER PERIODO" is no. 2, never 1: a
# period's ordinal follows "del" and is not the session's).
_ORDINAL_NUMBERS = {fold_keyword(ordinal_word(n, feminine=True) or ""): n for n in range(1, 100)}
_ORDINAL_WORDS = "|".join(sorted(_ORDINAL_NUMBERS, key=len, reverse=True))
_AT_LINE_END = re.compile(r"\bsesion\s+(\d{1,3})(?=[^\S\n]*(?:$|apendice\b))", re.MULTILINE)
_ORDINAL_SESSION = re.compile(rf"\b({_ORDINAL_WORDS})\s+sesion\b")
# The period a heading places the session in ("SEGUNDO PERIODO ORDINARIO DE SESIONES",
# "Correspondiente al Segundo Periodo de Sesiones Ordinarias…"): congresses that count
# their sessions anew each period print a number that says which session only together
# with it (the Cámara's Diario's «Sesión 8» of its second period is not the Senado
# listing's no. 8 of the legislature).
_PERIOD = re.compile(
    r"\b(primer|segundo|tercer|cuarto|quinto)o?\s+periodo\b"
    r"(?:(?:\s+de\s+sesiones)?\s+(ordinari|extraordinari)[oa]s?\b)?"
)
_QUALIFIED = re.compile(r",\s*\S+\s+periodo(?:\s+\S+)?$")
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
    give none, or two different ones (unsure: a wrong number would split a session).
    When they name the period the session belongs to, the number comes with it ("8,
    segundo periodo ordinario"): a number counted per period is one only with it."""
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
    for match in (*_AT_LINE_END.finditer(head), *_ORDINAL_SESSION.finditer(head)):
        line_start = head.rfind("\n", 0, match.start()) + 1
        if not _OTHER_SESSION.search(head, line_start, match.start()):
            number = _ORDINAL_NUMBERS.get(match[1]) or int(match[1])
            if number > 0:
                found.add(str(number))
    if len(found) != 1:
        return None
    periods = {
        f"{m[1]} periodo {m[2]}o" if m[2] else f"{m[1]} periodo" for m in _PERIOD.finditer(head)
    }
    if len(periods) > 1:
        return None  # unsure which period the number counts in: no number
    return f"{found.pop()}, {periods.pop()}" if periods else found.pop()


def counted_in_period(key: str | None) -> bool:
    """Whether a number (as :func:`session_number_key` gives it) names its period."""
    return bool(key and _QUALIFIED.search(key))


def _spelled_prefix(words: str) -> str | None:
    """The number a run of words opens with («ciento doce celebrada el…» → 112)."""
    split = words.split()
    for end in range(len(split), 0, -1):
        number = spelled_number(" ".join(split[:end]))
        if number:
            return str(number)
    return None
