"""Recognising a congress session from a title or a page: its date, type, legislature
and chamber, as channels title their transmissions (``🔴 EN VIVO | Sesión Ordinaria de la
Cámara de Diputados, martes 18 de febrero de 2025``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from indexer.analysis import fold_keyword
from indexer.readers.courts import normalise_chamber
from indexer.readers.normalise import (
    MONTHS,
    declared_permanent,
    normalise_legislature,
    normalise_session_type,
    parse_date,
)

_SESSION_WORDS = re.compile(
    r"\b(?:sesion|sesiones|pleno|periodo extraordinario|comision permanente|diputacion "
    r"permanente|reunion (?:ordinaria|extraordinaria|de trabajo|de la comision)|"
    r"comparecencia|congreso general)\b"
)
_TYPE_WORDS = re.compile(
    r"\b(?:ordinaria|extraordinaria|solemne|permanente|comision(?:es)? (?:de|unidas)|"
    r"reunion de (?:la )?comision|junta previa)\b"
)
# a joint sitting's own name ("Sesión de Congreso General", "Sesión Solemne del Congreso
# General"), not a title that only mentions the congress
_JOINT_SITTING = re.compile(r"\bsesion\s+(?:\w+\s+)?del?\s+congreso\s+general\b")
# "Periodo Extraordinario de Sesiones - Sesión 2": the period names the sessions' type
_EXTRAORDINARY_PERIOD = re.compile(r"\bperiodo extraordinario\b")
_PERMANENT = re.compile(r"\b(?:comision|diputacion) permanente\b")
_COMMITTEES_SESSION = re.compile(
    r"^\W*comision(?:es)?\b|\b(?:sesion|reunion)(?:\s+\w+){0,2}\s+de\s+(?:la\s+|las\s+)?comision"
)
# the numeral may be quoted, as the Estado de México writes it ("la H. “LXII” Legislatura")
_LEGISLATURE = re.compile(
    r"\b([LXVI]{2,8})[\"“”']?\s+legislatura\b|\blegislatura\s+([LXVI]{2,8})\b|"
    r"\b(\w+(?:\s+\w+)?)\s+legislatura\b",
    re.IGNORECASE,
)
_COMMITTEE = re.compile(
    r"\b((?:comisi[oó]n(?:es unidas)? de|junta de coordinaci[oó]n pol[ií]tica|mesa directiva"
    r"|comit[eé] de)\b[^|,;:()\-–—]*?)(?=\s*(?:[|,;:()\-–—]|$|\bsesi[oó]n\b|\breuni[oó]n\b|\b\d))",
    re.IGNORECASE,
)
_CHAMBER_WORDS = re.compile(
    r"\b(camara de diputados|camara de senadores|senado de la republica|senado|"
    r"comision permanente|diputacion permanente|congreso general|pleno)\b"
)
_NOISE = re.compile(
    r"🔴|🟢|⚫|\b(?:EN VIVO|En vivo|en vivo|EN DIRECTO|En directo|LIVE)\b|"
    r"^\s*(?:PR[OÓ]XIMAMENTE|Pr[oó]ximamente)\b"
)
# a part number at the end; the separators before it are taken by ``_without_part``
# (a pattern starting with them tried again at each character of a run: quadratic)
_PART = re.compile(
    r"(?:\(?\b(?:parte|part)\s+\d+\)?|\(?\b(?:primera|segunda|tercera)\s+parte\)?)\s*$",
    re.IGNORECASE,
)
_PART_SEPARATORS = frozenset("|·•,:–—-")
_BARS = re.compile(r"[\s|·•]+")


_SITTING = re.compile(
    r"\b(vespertina|matutina|nocturna)\b|"
    # (never the units of a session's count: "Trigésima Segunda Sesión Ordinaria" is the
    # 32nd session, no second sitting)
    r"(?<!ima )\b(segunda|tercera|cuarta|quinta|2a|3a|4a|5a)\.?\s+sesion\b|"
    # ("Sesión Ordinaria Segunda Parte" is the same sitting's video, its second part)
    r"\bsesion\s+(?:\w+\s+)?(?:numero\s+)?(segunda|tercera|cuarta|quinta)\b(?!\s+parte\b)"
)
_ORDINAL_SITTINGS = {"2a": "segunda", "3a": "tercera", "4a": "cuarta", "5a": "quinta"}


def sitting_of(text: str | None) -> str | None:
    """What tells this session from another of the same day and type: ``vespertina``,
    ``matutina``, ``segunda`` (sesión)… ; None for the day's only or first sitting."""
    if not text:
        return None
    match = _SITTING.search(fold_keyword(text))
    if not match:
        return None
    word = match[1] or match[2] or match[3]
    return _ORDINAL_SITTINGS.get(word, word)


# A sitting that ran over several days (declared permanent, or past midnight) is dated
# by the day it began, which titles write first and without its year: "Sesión permanente
# iniciada el 30 de abril y concluida el 2 de mayo de 2025", "Sesión del 29 al 30 de
# abril de 2025", "…del 31 de diciembre de 2024 al 2 de enero de 2025" (that one with it).
_MONTH = "|".join(MONTHS)
_BEGUN = re.compile(
    # (the days between listed after the first: "de los días 14, 15 y 16 de marzo")
    rf"\b(\d{{1,2}})(?:,\s*\d{{1,2}}){{0,2}}(?:\s+de\s+({_MONTH}))?(?:\s+de\s+(\d{{4}}))?"
    r"\s*(?:y\s+(?:concluid|terminad|clausurad|finalizad|continuad|reanudad)[ao]"
    r"\s+el|al|a|y|hasta\s+el|-|–|—)\s*"
    r"(?:(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)\s+)?"
    rf"(\d{{1,2}})\s+de\s+({_MONTH})(?:\s+de|,|\s+del)?\s+(\d{{4}})\b"
)
# a day written without its month opens a span only after the words that open one
# (or after a weekday, "martes 17 y miércoles 18 de junio", or a comma that ends the
# title's words, "…de la Cámara de Diputados, 17 y 18 de junio de 2025")
_DAYS_OPENING = re.compile(
    r"(?:\b(?:del|el|los\s+dias|dias|entre\s+el|entre"
    r"|lunes|martes|miercoles|jueves|viernes|sabado|domingo)\s+|[^\W\d],\s*)$"
)
SPANNED_DAYS = 3  # a sitting declared permanent runs a few days, never a week


def _session_date(text: str) -> dt.date | None:
    """The day the session began: the first of a span of days its title gives (see
    :data:`_BEGUN`), else the first date it writes."""
    found = parse_date(text)
    span = _BEGUN.search(fold_keyword(text))
    if found is None or span is None:
        return found
    folded = fold_keyword(text)
    if parse_date(folded[span.end() :]) is not None:
        return found  # a period's span of days, and the session's own date after it
    if not span[2] and not _DAYS_OPENING.search(folded, 0, span.start()):
        return found  # "Sesión 2 - 5 de junio": a number, no day
    end_month, end_year = MONTHS[span[5]], int(span[6])
    month = MONTHS[span[2]] if span[2] else end_month
    year = int(span[3]) if span[3] else end_year - (1 if month > end_month else 0)
    try:
        begun, ended = (
            dt.date(year, month, int(span[1])),
            dt.date(end_year, end_month, int(span[4])),
        )
    except ValueError:
        return found
    if not dt.timedelta(0) < ended - begun <= dt.timedelta(days=SPANNED_DAYS):
        return found  # no span of one sitting's days: the first date written, as ever
    return begun if found in (begun, ended) else found


@dataclass(frozen=True)
class SessionInfo:
    """What a title or page says about the session it belongs to."""

    is_session: bool
    date: dt.date | None = None
    session_type: str | None = None
    legislature: str | None = None
    chamber: str | None = None
    sitting: str | None = None


def recognise_session(text: str | None, default_date: dt.date | None = None) -> SessionInfo:
    """The session in ``text``; ``default_date`` (e.g. a video's publication day) stands in
    when the text carries no date."""
    if not text:
        return SessionInfo(False, default_date)
    folded = fold_keyword(text)
    return SessionInfo(
        is_session=bool(_SESSION_WORDS.search(folded)),
        date=_session_date(text) or default_date,
        session_type=_session_type(folded),
        legislature=_legislature(text),
        chamber=_chamber(text, folded),
        sitting=sitting_of(text),
    )


def dated_by_label(info: SessionInfo, label: str | None) -> SessionInfo:
    """The session a video belongs to when its own label dates it another day than the
    block it is listed in: a page's block of the day's session may link the previous
    session's video too («Ver la sesión del 28 de abril de 2025»). That video is the
    day its label writes, of the type, sitting and chamber the label names (none when it
    names none: the block's are another session's); ``info`` when the label dates it the
    block's day or not at all."""
    if not label:
        return info
    own = recognise_session(label)
    if own.date is None or info.date is None or own.date == info.date:
        return info
    return SessionInfo(
        info.is_session,
        own.date,
        own.session_type,
        own.legislature or info.legislature,  # (a legislature sits for three years)
        own.chamber,
        own.sitting,
    )


# how a transcript names its session at its head: "VERSIÓN TAQUIGRÁFICA DE LA SESIÓN
# PÚBLICA ORDINARIA DEL PLENO…" (SCJN), "Versión estenográfica de la sesión solemne…",
# a state congress's minutes ("ACTA NÚMERO 089 DE LA SESIÓN ORDINARIA DE LA SEPTUAGÉSIMA
# SÉPTIMA LEGISLATURA…": numbered, never "el acta de la sesión anterior" an agenda reads)
# or its Diario's title line ("Sesión Extraordinaria número 12 celebrada el…", "SESIÓN
# DELIBERANTE DE LA DIPUTACIÓN PERMANENTE…"); only
# those phrases: a type named elsewhere (a menu, an agenda) is not this session's
_HEADING_OPENING = re.compile(
    r"\bversion\s+(?:taquigrafica|estenografica)\s+de\s+la\s+sesion\s+"
    r"|^[^\S\n]*acta\s+(?:numero|num\.|no\.)\s*\d{1,4}\s+de\s+la\s+sesion\s+"
    # ("SESIÓN PÚBLICA ORDINARIA CELEBRADA…", "SESIÓN ORDINARIA NÚMERO 45, CELEBRADA…")
    # (the number in figures or words, "SESIÓN ORDINARIA NÚMERO TREINTA Y DOS, CELEBRADA…",
    # or alone to the line's end: "Sesión Ordinaria No. 32")
    r"|^[^\S\n]*(?:(?:(?:decim|vigesim|trigesim|cuadragesim|quincuagesim|sexagesim|septuagesim"
    r"|octogesim|nonagesim|centesim)a[^\S\n]+)?(?:primera|segunda|tercera|cuarta|quinta|sexta"
    r"|septima|octava|novena|decima|undecima|duodecima|vigesima|trigesima|cuadragesima)[^\S\n]+"
    r"(?=sesion\s+(?:publica\s+)?(?:ordinaria|extraordinaria|solemne)\b)"
    r"|(?=sesion\s+(?:publica\s+)?(?:(?:ordinaria|extraordinaria|solemne)\s+"
    r"(?:(?:vespertina|matutina|nocturna)\s+)?"
    r"(?:(?:(?:numero|num\.|no\.)\s*(?:\d{1,4}|[a-z]+(?:\s+[a-z]+){0,4}?),?\s+)?"
    r"(?:celebrada|del\s+dia|de\s+fecha)\b"
    r"|(?:numero|num\.|no\.)[^\S\n]*(?:\d{1,4}|[a-z]+(?:[^\S\n]+[a-z]+){0,4})[^\S\n]*$)"
    r"|(?:deliberante\s+|publica\s+)?de\s+la\s+(?:comision|diputacion)\s+permanente\b)))sesion\s+",
    re.MULTILINE,
)
_HEADING_KIND = re.compile(
    r"(?:publica\s+|privada\s+|deliberante\s+)?(?:(?:no\s+)?presencial\s+|remota\s+)?"
    r"(ordinaria|extraordinaria|solemne)\b"
)
# the session of the recess's permanent body, whatever its own type ("sesión de la
# Comisión Permanente", "SESIÓN DELIBERANTE DE LA DIPUTACIÓN PERMANENTE")
_HEADING_PERMANENT = re.compile(
    r"(?:[a-z]+\s+){0,2}de\s+la\s+(?:comision|diputacion)\s+permanente\b"
)
HEADING_CHARS = 3000


def session_type_in_heading(text: str | None) -> str | None:
    """The type a transcript's heading gives its session ("sesión pública ordinaria");
    None when its first lines name none: a type read anywhere else (a case that cites
    an extraordinary session, a committee in an agenda) would be a wrong value."""
    if not text:
        return None
    # folded line by line: a minute's or a title line's opening is read at a line's start
    head = "\n".join(fold_keyword(line) for line in text[:HEADING_CHARS].splitlines())
    for opening in _HEADING_OPENING.finditer(head):
        if _HEADING_PERMANENT.match(head, opening.end()):
            return "permanente"
        found = _HEADING_KIND.match(head, opening.end())
        if found:
            return normalise_session_type(found[1])
    return None


_HEADING_SITTING = re.compile(r"\s+(vespertina|matutina|nocturna)\b")


def sitting_in_heading(text: str | None) -> str | None:
    """The sitting the heading's own phrase names right after the session's type
    («SESIÓN PÚBLICA ORDINARIA VESPERTINA CELEBRADA…»): what tells the Diario from the
    day's other session; None when it names none there."""
    if not text:
        return None
    head = "\n".join(fold_keyword(line) for line in text[:HEADING_CHARS].splitlines())
    for opening in _HEADING_OPENING.finditer(head):
        found = _HEADING_KIND.match(head, opening.end())
        if found:
            sitting = _HEADING_SITTING.match(head, found.end())
            return sitting[1] if sitting else None
    return None


def _session_type(folded: str) -> str | None:
    """The session's own type: the Comisión Permanente's, a committee's when the session
    is the committee's ("Comisión de Justicia - Reunión ordinaria", "reunión ordinaria de
    la Comisión…"), the Congreso General's when the session is its joint sitting, else the
    first type named ("Sesión ordinaria del Senado | dictámenes de la Comisión de Justicia"
    is an ordinary session, not a committee's)."""
    if _PERMANENT.search(folded):
        return "permanente"
    if _COMMITTEES_SESSION.search(folded):
        return "comision"
    if _JOINT_SITTING.search(folded):
        return "congreso_general"
    found = _TYPE_WORDS.search(folded)
    if found is not None and found[0] == "permanente":
        # a bare «permanente» (see ``undecided_permanent``): a sitting declared permanent
        # is of the kind the title names, if any; else the title does not say
        if not declared_permanent(folded):
            return None
        found = next((m for m in _TYPE_WORDS.finditer(folded) if m[0] != "permanente"), None)
    if found is None and _EXTRAORDINARY_PERIOD.search(folded):
        return "extraordinaria"  # a session of an extraordinary period is one
    return normalise_session_type(found[0]) if found else None


def _legislature(text: str) -> str | None:
    for match in _LEGISLATURE.finditer(text):
        found = normalise_legislature(match[0])
        if found and re.fullmatch(r"[LXVI]{2,8}", found):
            return found
    return None


def _chamber(text: str, folded: str) -> str | None:
    """The body holding the session: a committee when the session is the committee's (or
    no chamber is named), not one the title only mentions."""
    committee = _COMMITTEE.search(text)
    match = _CHAMBER_WORDS.search(folded)
    if committee and (
        match is None
        or _COMMITTEES_SESSION.search(folded)
        or _held_by_chamber(text[: committee.start()], committee[1])
    ):
        return normalise_chamber(committee[1])
    return normalise_chamber(match[1]) if match else None


def _held_by_chamber(before: str, body: str) -> bool:
    """Whether a body's name names its chamber and no chamber comes before it: the session
    of the "Junta de Coordinación Política de la Cámara de Diputados" is the Junta's."""
    return bool(_CHAMBER_WORDS.search(fold_keyword(body))) and not _CHAMBER_WORDS.search(
        fold_keyword(before)
    )


def clean_title(title: str) -> str:
    """A session's title from a transmission's: without live or announcement markers,
    part numbers (``| Parte 2``) and dangling separators."""
    cleaned = _without_part(_NOISE.sub(" ", title))
    # a stretch of spaces and bars holding a bar becomes one bar (each stretch read once)
    cleaned = _BARS.sub(lambda m: " | " if m[0].strip() else m[0], cleaned)
    return " ".join(cleaned.split()).strip(" |-–—:·•") or " ".join(title.split())


def _without_part(title: str) -> str:
    """``title`` without its closing part number and the separators before it."""
    found = _PART.search(title)
    if found is None:
        return title
    start = found.start()
    while start and (title[start - 1] in _PART_SEPARATORS or title[start - 1].isspace()):
        start -= 1
    return title[:start] + title[found.end() :]


PERMANENT_BODIES = frozenset(("Comisión Permanente", "Diputación Permanente"))


def names_recess_body(text: str | None) -> bool:
    """Whether ``text`` is the permanent body's name itself ("Comisión Permanente", as a
    sessions table writes the type of its sessions), not a type ("Ordinaria")."""
    return bool(_PERMANENT.fullmatch(" ".join(fold_keyword(text or "").split())))


def recess_body(
    chamber: str | None, named: tuple[str | None, ...], jurisdiction: str
) -> str | None:
    """The body holding a session of the recess (type ``permanente``): neither chamber
    alone, whichever publishes it, so a chamber given for the publisher (a spec's
    constant) gives way. The body its row or title names, else the federal congress's
    Comisión Permanente (the Constitution's only one); a state's own name for its
    permanent body is not guessed (none rather than a wrong one)."""
    if chamber in PERMANENT_BODIES:
        return chamber
    for text in named:
        found = _PERMANENT.search(fold_keyword(text or ""))
        if found:
            return normalise_chamber(found[0])
    return "Comisión Permanente" if jurisdiction == "MX" else None
