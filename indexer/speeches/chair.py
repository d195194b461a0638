"""Who presides: read from the session's heading (``Presidencia de la diputada …``,
``PRESIDENTA SEÑORA MINISTRA: NORMA LUCÍA PIÑA HERNÁNDEZ``) and from named chair turns
(``-La Presidenta diputada Kenia López Rabadán:``), and who attends (a court's list)."""

from __future__ import annotations

import re

from indexer.speeches.people import display_name
from indexer.speeches.roles import body_of

_UP = "A-ZÁÉÍÓÚÑÜ"
_CAPITALISED = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü'.-]+"
# (a name goes on past a line's end, never past a full stop ending it: "…Ana Ruiz.⏎Se
# abrió la sesión…" names Ana Ruiz)
_NAME_GAP = r"(?:[^\S\n]+|(?<!\.)[^\S\n]*\n\s*(?!(?:El|La|Los|Las|EL|LA)\s))"
_CONGRESS_CHAIR = re.compile(
    # the title in lower case or capitalised, as state congresses write it ("Presidencia
    # del C. Diputado José de Jesús Martín del Campo Castañeda")
    r"\bPresidencia\s+de(?:l|\s+la)\s+(?:C\.\s+)?(?:[Dd]iputad[oa]|[Ss]enador(?:a)?|[Dd]ip\.|[Ss]en\.)\s+"
    # a name may go on on the next line ("…Norma Angélica Méndez⏎Zavala"), but the next
    # line's "El Presidente:" is no part of it
    rf"(?P<name>{_CAPITALISED}(?:{_NAME_GAP}(?:(?:de|del|la|los|y){_NAME_GAP})*{_CAPITALISED}){{1,6}})"
)
_COURT_CHAIR = re.compile(
    rf"PRESIDENT[EA]\s+SEÑORA?\s+(?:MINISTR[OA]|MAGISTRAD[OA]):\s*\n?\s*(?P<name>[{_UP}][{_UP} ]+)"
)
_NOT_NAMES = re.compile(
    r"SUPREMA|SESI[OÓ]N|SEÑOR|MINISTR|PLENO|TRIBUNAL|CORTE|JUSTICIA|ASISTENCIA|AUSENTE|"
    r"SECRETAR|NACI[OÓ]N|CELEBRADA|CONTENIDO|ÍNDICE|PONENCIA|ACUERDOS|LEY|ARTÍCULO"
)


# The Diario's line that says who presides from there on, alone on its line (perhaps
# broken over three: "Presidencia⏎del diputado⏎Ernesto Villalobos Cantú").
_CHAIR_CHANGE = re.compile(rf"\s*{_CONGRESS_CHAIR.pattern}\s*")
_SENTENCE_END = re.compile(r"[.!?…»”\")]\s*$")


# The same line in capitals, as the Senado's versión estenográfica prints it
# ("PRESIDENCIA DE LA SENADORA LAURA ITZEL CASTILLO JUÁREZ"): a name of two to seven
# words after the title, nothing else on the line.
_CAPITAL_PARTICLE = r"(?:DE|DEL|LA|LOS|LAS|Y)"
# (a particle is never a name's word here: one way to read each word)
_CAPITAL_WORD = rf"(?!{_CAPITAL_PARTICLE}\s)[{_UP}][{_UP}'.-]*+"
# (read on the stripped line; each run of spaces taken whole: a word follows it)
_CAPITAL_CHAIR_CHANGE = re.compile(
    # "por ministerio de ley": a vice-president presiding in the president's absence
    # ("PRESIDENCIA POR MINISTERIO DE LEY DE LA⏎C. DIP. ALHINNA…", "…POR M. DE LEY DEL…")
    r"PRESIDENCIA\s++(?:POR\s++(?:MINISTERIO|M\.)\s++DE\s++LEY\s++)?"
    # the Estado de México's Diario leaves out the article ("PRESIDENCIA DIP. MARTHA
    # ANGÉLICA BERNARDINO ROJAS.")
    r"(?:DE(?:L|\s++LA)\s++)?(?:C\.\s++)?(?:DIPUTAD[OA]|SENADOR(?:A)?|DIP\.|SEN\.)\s++"
    rf"(?P<name>{_CAPITAL_WORD}(?:\s++(?:{_CAPITAL_PARTICLE}\s++){{0,3}}{_CAPITAL_WORD}){{1,6}})\.?"
)
# The record's note that someone takes the chair, alone on its line and perhaps in
# brackets or after a dash, as the Diario and the versiones estenográficas write it when
# the Mesa Directiva's members relieve each other ("Preside el diputado Sergio Carlos
# Gutiérrez Luna", "(Preside la vicepresidenta diputada Dolores Padierna Luna)", "PRESIDE
# LA SENADORA ANA RUIZ", "Asume la Presidencia el diputado Juan Pérez."): only the verb, an
# article, the chamber's titles and a name, so a sentence ("Preside el diputado la
# comisión…") says no one.
_TAKES_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü'.-]*+)"
_TAKES_PARTICLE = r"(?:de|del|la|los|las|y|DE|DEL|LA|LOS|LAS|Y)"
_TAKES_CHAIR = re.compile(
    r"\(?\s*+(?:[-–—]\s*+)?(?:Preside|PRESIDE|(?:Asume|Ocupa|ASUME|OCUPA)\s++(?i:la\s++presidencia))"
    r"\s++(?i:el|la)\s++(?i:(?:vice)?president[ae]\s++)?(?i:c\.\s++)?"
    r"(?i:diputad[oa]|senador(?:a)?|dip\.|sen\.)\s++"
    rf"(?P<name>(?!{_TAKES_PARTICLE}\s){_TAKES_WORD}(?:\s++(?:{_TAKES_PARTICLE}\s++){{0,3}}"
    rf"(?!{_TAKES_PARTICLE}\s){_TAKES_WORD}){{1,6}})\s*+\)?\s*+\.?\s*+\)?"
)
# (the verb whole: "Presidencia…" is read by the patterns above)
_TAKES_OPENING = re.compile(r"[(\s–—-]*(?:Preside|PRESIDE|Asume|ASUME|Ocupa|OCUPA)\s")
_PARTICLES = frozenset({"de", "del", "la", "los", "las", "y"})
# The Estado de México's older Diarios name the chair under the heading by title, alone
# on a line ("PRESIDENTE DIPUTADO ARTURO PIÑA GARCÍA."); read only among the heading's
# lines in capitals, before any line of speech, never a signature at the end
_TITLED_WORD = rf"(?!{_CAPITAL_PARTICLE}\s)[{_UP}][{_UP}'-]*+"  # (a full stop ends the name)
_CAPITAL_CHAIR_TITLE = re.compile(
    r"PRESIDENT[EA]\s++(?:DIPUTAD[OA]|DIP\.)\s++"
    rf"(?P<name>{_TITLED_WORD}(?:\s++(?:{_CAPITAL_PARTICLE}\s++){{0,3}}{_TITLED_WORD}){{1,6}})\.?"
)
# three words in lower case: speech, not the heading's capitals ("SESIÓN No. 31")
_SPEECH = re.compile(r"[a-záéíóúñü]+[^\S\n]+[a-záéíóúñü]+[^\S\n]+[a-záéíóúñü]+")


def chair_change_at(lines: list[str], at: int, previous: str | None) -> tuple[str, int] | None:
    """The person a "Presidencia de la diputada …" line at ``lines[at]`` (or the same in
    capitals) says presides from there on, and how many lines it takes; None unless the
    line starts so, follows a finished sentence (``previous``) and holds nothing but the
    name. In capitals it is no section heading: it names who presides, not a part of
    the sitting."""
    start = lines[at].lstrip()
    takes = _TAKES_OPENING.match(start) is not None
    if not takes and not start.startswith(("Presidencia", "PRESIDENCIA")):
        return None
    if previous is not None and previous.strip() and not _SENTENCE_END.search(previous):
        return None  # "…bajo la⏎Presidencia de la diputada…" is a sentence
    if takes:
        pattern = _TAKES_CHAIR
    else:
        pattern = _CHAIR_CHANGE if start.startswith("Presidencia") else _CAPITAL_CHAIR_CHANGE
    for taken in (1, 2, 3):
        match = pattern.fullmatch(" ".join(lines[at : at + taken]).strip())
        if match is not None:
            return _shown(match["name"]), taken
    return None


_FEMININE_CHAIR = re.compile(
    r"\b(?:de\s+la|(?:preside|presidencia)\s+la)\s+(?:vicepresidenta\s+)?(?:c\.\s+)?"
    r"(?:diputada|senadora)\b",
    re.I,
)
_MASCULINE_CHAIR = re.compile(
    r"\b(?:del|(?:preside|presidencia)\s+el)\s+(?:vicepresidente\s+)?(?:c\.\s+)?"
    r"(?:diputado|senador)\b",
    re.I,
)


def chair_gender(line: str) -> str | None:
    """ "f" for a "Presidencia de la diputada …" line, "m" for "… del senador …"."""
    if _FEMININE_CHAIR.search(line):
        return "f"
    return "m" if _MASCULINE_CHAIR.search(line) else None


def _shown(name: str) -> str:
    """A name as shown; one in capitals with its particles in lower case. The line's
    closing full stop ("…CASTILLO JUÁREZ.") is no part of the name."""
    words = name.rstrip(" .").split()
    if not " ".join(words).isupper():
        return display_name(" ".join(words))
    return " ".join(w.lower() if w.lower() in _PARTICLES else w[:1] + w[1:].lower() for w in words)


def heading_chair(text: str) -> str | None:
    """The person presiding, as the transcript's heading names them."""
    found = _heading_chair(text)
    return found[0] if found is not None else None


def heading_chair_body(text: str) -> str | None:
    """The chamber the heading's line names the chair in ("Presidencia de la diputada
    …": ``diputados``, "PRESIDENCIA DE LA SENADORA …": ``senado``, "PRESIDENTA SEÑORA
    MINISTRA: …": ``ministro``), as a change of chair in the record is read; None when
    the line names no chamber or the heading no chair."""
    found = _heading_chair(text)
    return body_of(found[1]) if found is not None else None


def _heading_chair(text: str) -> tuple[str, str] | None:
    """The person presiding as the heading names them, and the line (or lines) that
    names them."""
    head = text[:6000]
    match = _COURT_CHAIR.search(head)
    if match is not None:
        return display_name(" ".join(match["name"].split())), match[0]
    # the first that says who presides: a later one is a change of chair in the record
    match = _CONGRESS_CHAIR.search(head)
    end = match.start() if match else len(head)
    lines = head[:end].splitlines()
    change = _heading_change(lines)
    if change is not None:
        return change[0], " ".join(lines[change[1] : change[1] + change[2]])
    if match is None:
        return _titled_chair(lines) or _board_chair(lines)
    return _shown(match["name"]), match[0]


def _takes_chair(line: str) -> bool:
    return _TAKES_OPENING.match(line) is not None


def _heading_change(lines: list[str]) -> tuple[str, int, int] | None:
    """The chair a line of the heading names (``PRESIDENCIA DE LA SENADORA …``, or
    "Preside el diputado …" before any line of speech: after one, it is a change of
    chair in the record, not who presided the turns before it), its line and how many
    lines it takes."""
    spoken = False
    for at, line in enumerate(lines):
        takes = _takes_chair(line)
        if line.lstrip().startswith("PRESIDENCIA") or (takes and not spoken):
            change = chair_change_at(lines, at, None)
            if change is not None:
                return change[0], at, change[1]
        if not takes and _SPEECH.search(line):
            spoken = True
    return None


def heading_chair_gender(text: str) -> str | None:
    """ "f"/"m" as the line :func:`heading_chair` reads writes the chair ("Presidencia de
    la diputada …", "Preside el diputado …"); None when no such line says it."""
    head = text[:6000]
    match = _CONGRESS_CHAIR.search(head)
    lines = head[: match.start() if match else len(head)].splitlines()
    change = _heading_change(lines)
    if change is not None:
        return chair_gender(" ".join(lines[change[1] : change[1] + change[2]]))
    return chair_gender(match[0]) if match else None


def _titled_chair(lines: list[str]) -> tuple[str, str] | None:
    """The chair a heading's line alone names by title («PRESIDENTE DIPUTADO ARTURO PIÑA
    GARCÍA.»); None once a line reads as speech (three words in lower case): from there
    a line naming the president opens a turn or signs."""
    for line in lines:
        if _SPEECH.search(line):
            return None
        found = _CAPITAL_CHAIR_TITLE.fullmatch(line.strip())
        if found is not None:
            return _shown(found["name"]), line
    return None


# A heading's board listed by role, each name on the next line or after the colon
# ("MESA DIRECTIVA⏎PRESIDENTA:⏎DIP. ANDREA GUADALUPE CEN PECH⏎SECRETARIO:⏎DIP. …", as
# Yucatán's versión estenográfica prints it): read only under «MESA DIRECTIVA», the
# body that presides the sitting; a committee's or the Junta's list names another body.
_BOARD = re.compile(r"MESA\s+DIRECTIVA:?")
_BOARD_ROLE = re.compile(
    r"(?P<role>(?:VICE)?PRESIDENT[EA]S?|SECRETARI[OA]S?|PROSECRETARI[OA]S?)\s*:\s*(?P<rest>.*)"
)
_BOARD_NAME = re.compile(
    r"(?:C\.\s++)?(?:DIPUTAD[OA]|SENADOR(?:A)?|DIP\.|SEN\.)\s++"
    rf"(?P<name>{_TITLED_WORD}(?:\s++(?:{_CAPITAL_PARTICLE}\s++){{0,3}}{_TITLED_WORD}){{1,6}})\.?"
)


def _board_chair(lines: list[str]) -> tuple[str, str] | None:
    """The president a «MESA DIRECTIVA» list under the heading names; None when the list
    names none, is of another body, or comes after a line of speech."""
    for at, line in enumerate(lines):
        if _SPEECH.search(line):
            return None
        if _BOARD.fullmatch(line.strip()):
            return _board_president(lines[at + 1 :])
    return None


def _board_president(lines: list[str]) -> tuple[str, str] | None:
    """The name under the list's «PRESIDENTA:» (or after its colon); the list ends at
    the first line that is neither a role nor a titled name."""
    role = None
    for line in lines:
        text = line.strip()
        listed = _BOARD_ROLE.fullmatch(text)
        if listed is not None:
            role, text = listed["role"], listed["rest"].strip()
            if not text:
                continue
        named = _BOARD_NAME.fullmatch(text)
        if named is None or role is None:
            return None  # the list is over (or never was one)
        if role in ("PRESIDENTE", "PRESIDENTA"):
            return _shown(named["name"]), text
    return None


def court_attendance(text: str) -> list[str]:
    """The names listed under ``ASISTENCIA`` (present and absent) in a court's heading."""
    start = text.find("ASISTENCIA")
    if start < 0:
        return []
    end = text.find("(SE ABRIÓ", start)
    block = text[start : end if end > 0 else start + 3000]
    names = []
    for line in block.splitlines():
        line = line.strip()
        named = re.fullmatch(rf"[{_UP}][{_UP} ]+", line) and not _NOT_NAMES.search(line)
        if named and 2 <= len(line.split()) <= 7:
            names.append(display_name(line))
    return names
