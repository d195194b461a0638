"""The court and session a VISTOS paragraph gives as its own.

An older SCJN sentence, and many a state court's or circuit court's, names who resolves
and when in the paragraph that opens its reasons: «VISTOS para resolver los autos de la
acción de inconstitucionalidad 45/2018, el Tribunal Pleno de la Suprema Corte de Justicia
de la Nación, en sesión de veintiocho de mayo de dos mil diecinueve, y», «VISTOS, para
resolver, en sesión del día trece de febrero de dos mil veinte, por el Tribunal Pleno…,
los autos del amparo en revisión…». The court counts only as the clause's subject (after
a comma, or after «por» right after the session): a court the paragraph merely names («la
sentencia dictada por la Sala responsable, en sesión de…») is another's, and a session
followed by a verb in the past («…, en sesión de diez de enero, resolvió…») is one the
paragraph tells of. Only the first VISTOS paragraph is read: the document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH_CHARS = 1500  # a VISTOS paragraph's sentence; never the background after it

# «VISTOS», «V I S T O S», «Vistos»; the singular («VISTO», «Visto») only as an opening
# («VISTO para resolver…», «Visto el expediente…»): «Visto lo anterior» closes a reason
_OPENING = (
    r"(?:V[ \t]*I[ \t]*S[ \t]*T[ \t]*O[ \t]*S|Vistos"
    r"|(?:V[ \t]*I[ \t]*S[ \t]*T[ \t]*O|Visto)\b(?=\s*,?\s*(?i:para\s+(?:resolver|dictar)"
    r"|(?:los|las|el|la)\s+(?:autos|expediente|toca|constancias|actuaciones))\b))\b"
)
_VISTOS = re.compile(rf"(?:^|\n)[ \t]*{_OPENING}")
# the paragraph ends at a blank line or the background's heading
_PARAGRAPH_END = re.compile(
    r"\n[ \t]*\n|\bR[ \t]*E[ \t]*S[ \t]*U[ \t]*L[ \t]*T[ \t]*A[ \t]*N[ \t]*D[ \t]*O"
)
_ORDINAL = (
    r"(?:Primer[oa]?|Segund[oa]|Tercer[oa]?|Cuart[oa]|Quint[oa]|Sext[oa]|S[eé]ptim[oa]"
    r"|Octav[oa]|Noven[oa]|D[eé]cim[oa]|Und[eé]cim[oa]|Duod[eé]cim[oa]|Vig[eé]sim[oa]"
    r"|Trig[eé]sim[oa]|Decimo\w+|Vigesimo\w+)"
)
_COURT_HEAD = rf"(?:(?:H\.|Honorable|Alto)\s*)?(?:{_ORDINAL}\s+)*(?:Tribunal|Pleno|Sala|Juzgado)\b"
# A court's name goes on with capitalised words, initials and the words that link them
# ("Pleno del Tribunal Superior de Justicia del Estado de Tlaxcala"); a lower-case word
# other than those (a verb, "responsable") ends it: what follows is no name.
_NAME_WORD = (
    r"(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñ.-]*|de|del|la|las|los|en|y|e|lo|[A-Z](?:\.[A-Z])+\.?)(?![\w])"
)
# between a name's words: spaces, a line's end; taken whole (possessive: a run of spaces
# split two ways between two quantifiers was tried every way, exponential in the words)
_BREAK = r"(?=[ \t\n])[ \t]*+(?:\n[ \t]*+)?"
_COURT = rf"(?-i:(?P<court>{_COURT_HEAD}(?:{_BREAK}{_NAME_WORD}){{0,30}}))"
# its seat, as a circuit court writes it after its name
_SEAT = (
    r"(?:,\s+(?P<seat>con\s+(?:residencia|sede)\s+en\s+[^,;\n]{3,60}"
    r"(?:,\s*(?-i:[A-ZÁÉÍÓÚ])[^,;\n]{2,40})?))?"
)
_KINDS = (
    r"(?:(?:p[uú]blica|privada|remota|ordinaria|extraordinaria|presencial|virtual"
    r"|no\s+presencial|a\s+distancia|solemne)\s+)*"
)
_SESSION = (
    rf"en\s+(?:la\s+|su\s+)?sesi[oó]n\s+{_KINDS}"
    r"(?:de\s+fecha|del\s+d[ií]a|celebrada\s+(?:el|en)(?:\s+d[ií]a)?|verificada\s+el"
    r"|correspondiente\s+al?(?:\s+d[ií]a)?|del?)\s+"
)
_SUBJECT = r"(?:el|la|este|esta)\s+"
# the court, then its session: "…, el Tribunal Pleno…, en sesión de…"
_COURT_THEN_SESSION = re.compile(
    rf"(?:[,;]\s+|(?<=S)\s*[,;]?\s+){_SUBJECT}{_COURT}{_SEAT}\s*,?\s+"
    rf"(?:reunid[oa]\s+)?{_SESSION}(?P<date>(?:[^;\n]|\n(?![ \t]*\n)){{6,140}})",
    re.IGNORECASE,
)
# the session, then the court by "por", the session right after VISTOS: "VISTOS, para
# resolver, en sesión del día trece de…, por el Pleno…" (a session further on may be the
# act's under review: "…contra el acuerdo emitido en sesión de…, por el Pleno del…")
_SESSION_THEN_COURT = re.compile(
    rf"[ \t]*{_OPENING}\s*,?\s*(?:los\s+autos\s*,?\s*)?(?:para\s+resolver\s*,?\s*)?"
    rf"{_SESSION}(?P<date>(?:[^,;\n]|\n(?![ \t]*\n)){{6,100}}?),?\s+por\s+{_SUBJECT}{_COURT}",
    re.IGNORECASE,
)
# after the session's day, before the clause ends, a verb in the past: a session the
# paragraph tells of (no number's or month's word ends so)
_PAST = re.compile(r"\b[^\W\d_]{2,}(?:ó|aron|ieron)(?![\w])")
# A court named whole: its owner or its circuit, region or state written ("Pleno del
# Tribunal Electoral del Estado de Guerrero", "Tribunal Pleno de la Suprema Corte…"); a
# body alone ("este Tribunal Pleno", "la Primera Sala") may be any court's, and a
# council's or an institute's plenary is no court.
_NAMED_WHOLE = re.compile(
    r"\b(?:Naci[oó]n|Federaci[oó]n|Circuito|Regi[oó]n|Estado|Ciudad\s+de\s+M[eé]xico"
    r"|Distrito\s+Federal|Justicia\s+Administrativa)\b"
)
_NO_COURT = re.compile(r"\b(?:Instituto|Consejo|Comisi[oó]n|Congreso|Ayuntamiento|Cabildo)\b")
_TRAILING_LINKS = re.compile(r"(?:\s+(?:de|del|la|las|los|en|y|e|lo))+$")


@dataclass(frozen=True)
class VistosSession:
    """The VISTOS paragraph's span, its court as written (None where its body alone is)
    and where, its session's date as written (from its first word) and where."""

    start: int
    end: int
    court: str | None
    court_at: int
    date_text: str
    date_at: int


def _paragraph(text: str) -> tuple[int, int] | None:
    found = _VISTOS.search(text)
    if found is None:
        return None
    start = found.start() + (text[found.start()] == "\n")
    stop = min(len(text), start + PARAGRAPH_CHARS)
    end = _PARAGRAPH_END.search(text, start + 6, stop)
    return start, end.start() if end else stop


def _court_name(written: str) -> str:
    return _TRAILING_LINKS.sub("", " ".join(written.split()))


def vistos_session(text: str) -> VistosSession | None:
    """The first VISTOS paragraph's own session and court; None where it states none."""
    span = _paragraph(text)
    if span is None:
        return None
    start, end = span
    for pattern in (_COURT_THEN_SESSION, _SESSION_THEN_COURT):
        found = (
            pattern.finditer(text, start, end)
            if pattern is _COURT_THEN_SESSION
            else filter(None, [pattern.match(text, start, end)])
        )
        for match in found:
            date = match["date"]
            # (its day's clause and the next: "…, en sesión de diez de marzo…, dictó…")
            if pattern is _COURT_THEN_SESSION and _PAST.search(",".join(date.split(",", 2)[:2])):
                continue
            court = _court_name(match["court"])
            if _NO_COURT.search(court):
                continue
            seat = match.groupdict().get("seat")
            if seat:  # kept as a circuit court's name is kept elsewhere: with its seat
                court = f"{court}, {' '.join(seat.split())}"
            # (a court's body alone gives its session's day, not which court it is)
            return VistosSession(
                start,
                end,
                court if _NAMED_WHOLE.search(court) else None,
                match.start("court"),
                date,
                match.start("date"),
            )
    return None
