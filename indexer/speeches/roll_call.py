"""A vote's or an attendance's list printed into a stenographic version: a heading in
capitals ("VOTACIÓN REGISTRADA EN EL SISTEMA ELECTRÓNICO", "A FAVOR", "LISTA DE
ASISTENCIA") and then the members' names, one a line. It is the record's,
no one's words: without this the list ran into the turn before (the secretary seemed to
say a hundred senators' names, and a search for a senator found them there)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# (the Senado's Diario names the side in its heading: "VOTARON EN PRO LOS CC. SENADORES:",
# "SE ABSTUVIERON LOS CC. SENADORES:")
_HEADING = re.compile(
    r"(?:VOTACI[OÓ]N(?:\s+NOMINAL)?|RESULTADO DE LA VOTACI[OÓ]N|VOTARON|SE ABSTUVIERON"
    r"|(?:LISTA|REGISTRO|PASE) DE (?:ASISTENCIA|LISTA)|ASISTENCIA)\b[A-ZÁÉÍÓÚÑÜ0-9 ,.:()/-]*"
    r"|(?:A FAVOR|EN CONTRA|ABSTENCI[OÓ]N(?:ES)?|EN PRO|PRESENTES|AUSENTES)\s*:?\s*\(?\d*\)?"
)
_SIDE = re.compile(r"A FAVOR|EN CONTRA|ABSTENCI[OÓ]N|EN PRO|ASISTENCIA|PRESENTES|ABSTUVIERON")
# a member as the list prints them: capitals, perhaps numbered, perhaps a party in brackets
# …or in sentence case, as the Senado's versión estenográfica prints them ("Imelda Castro
# Castro", "Guadalupe Chavira de la Rosa"): each word capitalised but a name's particles
_LISTED = re.compile(
    r"(?:\d{1,3}[.)-]?\s+)?(?:[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ .,'’-]*"
    r"|[A-ZÁÉÍÓÚÑÜ][\w'’-]*+(?:\s++(?:[A-ZÁÉÍÓÚÑÜ][\w'’.-]*+|de|del|la|las|los|y)){1,7}+)"
    r"(?:\s*\([A-ZÁÉÍÓÚÑÜa-z .]{1,30}\))?(?:\s*:?\s*\(?\d{1,3}\)?)?"
)
_SENTENCE_END = re.compile(r"[.!?…»”\")]\s*$")
MAX_LINES = 1200  # a chamber of 500 with its headings, with room to spare


def roll_call_at(lines: Sequence[str], at: int, previous: str | None) -> int | None:
    """How many lines the list that starts at ``lines[at]`` takes; None when no vote or
    attendance list starts there. A list opens with its heading after a finished
    sentence, holds a side ("A FAVOR", "EN CONTRA", …) and at least two lines, each in
    capitals with no sentence in it."""
    if previous is not None and previous.strip() and not _SENTENCE_END.search(previous):
        return None
    first = lines[at].strip()
    if not _HEADING.fullmatch(first):
        return None
    taken = 1
    sided = _SIDE.search(first) is not None
    for line in lines[at + 1 : at + MAX_LINES]:
        line = line.strip()
        if not line:
            taken += 1
            continue
        if _HEADING.fullmatch(line):
            sided = sided or _SIDE.search(line) is not None
        elif not _LISTED.fullmatch(line) or line.endswith("."):
            break
        taken += 1
    while taken > 1 and not lines[at + taken - 1].strip():
        taken -= 1  # blank lines after the list are not its own
    return taken if sided and taken >= 2 else None


# A nominal vote as a state congress records it: each member says their name and vote
# aloud, one a line ("Jorge Gaviño Ambriz, a favor.", "GABRIELA SALIDO, en pro."). The
# secretary who called it said none of it: two such lines at least make the list.
_VOICED = re.compile(
    r"\s*[A-ZÁÉÍÓÚÑÜ][\w'’-]*+(?:\s+(?:[A-ZÁÉÍÓÚÑÜ][\w'’-]*+|de|del|la|las|los|y)){1,7}"
    r"\s*,\s*(?i:a\s+favor|en\s+pro|en\s+contra|abstenci[oó]n)\.?\s*"
)
# …or, as the Senado writes it, the name and a colon ("Juan López García: A favor."): read
# so only after someone's turn (in the record's own part, a list of votes, it stays there)
_VOICED_COLON = re.compile(_VOICED.pattern.replace("\\s*,\\s*", "\\s*:\\s*"))


def voiced_votes_at(
    lines: Sequence[str], at: int, previous: str | None, after_speaker: bool = False
) -> int | None:
    """How many lines the voiced vote that starts at ``lines[at]`` takes (blank lines
    within it too); None unless it starts there after a finished sentence and holds two
    votes at least."""
    if previous is not None and previous.strip() and not _SENTENCE_END.search(previous):
        return None
    voiced = _VOICED_COLON if after_speaker and _VOICED_COLON.fullmatch(lines[at]) else _VOICED
    if not voiced.fullmatch(lines[at]):
        return None
    taken = votes = 1
    for line in lines[at + 1 : at + MAX_LINES]:
        if line.strip() and not voiced.fullmatch(line):
            break
        votes += bool(line.strip())
        taken += 1
    while not lines[at + taken - 1].strip():
        taken -= 1
    return taken if votes >= 2 else None


# A vote's sides as a versión estenográfica prints them in sentence case, each side a
# line of the members' names after a colon ("A favor: Ana Ruiz Garza, Juan Pérez López
# (PAN) y Pedro Soto Díaz.", "En contra: ninguno."): the record's list, not the words of
# the secretary whose turn it follows. Two names at least on the first side read (one
# name, a count — "A favor: 351" — or a sentence is someone's words).
_SIDE_WORD = (
    r"(?:A\s+favor|En\s+contra|En\s+pro|Abstenci[oó]n(?:es)?"
    r"|A\s+FAVOR|EN\s+CONTRA|ABSTENCI[OÓ]N(?:ES)?)"
)
_NAME = (
    r"[A-ZÁÉÍÓÚÑÜ][\w'’.-]*+(?:\s+(?:[A-ZÁÉÍÓÚÑÜ][\w'’.-]*+|de|del|la|las|los|y(?=\s+[A-ZÁÉÍÓÚÑÜ]"
    r"[\w'’.-]*+\s+[A-ZÁÉÍÓÚÑÜ]))){1,7}(?:\s*\([^()\n]{1,30}\))?"
)
_NAMED_SIDE = re.compile(
    rf"\s*{_SIDE_WORD}\s*(?:\(\d{{1,3}}\))?\s*:\s*{_NAME}(?:\s*(?:[,;]|\s+y)\s*{_NAME})+\s*\.?\s*"
)
# the other sides under it, named or none ("En contra: ninguno.", "Abstenciones: 0")
_OTHER_SIDE = re.compile(
    rf"\s*{_SIDE_WORD}\s*(?:\(\d{{1,3}}\))?\s*:\s*(?:{_NAME}(?:\s*(?:[,;]|\s+y)\s*{_NAME})*"
    r"|(?i:ningun[oa]|nadie|cero)|0|[-–—])\s*\.?\s*"
)


_SIDE_OPENINGS = frozenset({"A ", "En", "EN", "Ab", "AB"})


def named_sides_at(lines: Sequence[str], at: int, previous: str | None) -> int | None:
    """How many lines the sides of a vote that start at ``lines[at]`` take (see
    :data:`_NAMED_SIDE`); None unless a side naming two members at least starts there
    after a finished sentence."""
    if lines[at].lstrip()[:2] not in _SIDE_OPENINGS:  # (most lines: no regex tried)
        return None
    if previous is not None and previous.strip() and not _SENTENCE_END.search(previous):
        return None
    if not _NAMED_SIDE.fullmatch(lines[at]):
        return None
    taken = 1
    for line in lines[at + 1 : at + 8]:
        if line.strip() and not _OTHER_SIDE.fullmatch(line):
            break
        taken += 1
    while not lines[at + taken - 1].strip():
        taken -= 1
    return taken
