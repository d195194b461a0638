"""Spanish metadata as published → the controlled values people filter on.

Dates (``07/03/2022``, ``martes 18 de febrero de 2025``, ``siete de marzo de dos mil
veintidós``), matters, session and document types, legislatures, video platforms.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from indexer.analysis import fold_keyword
from indexer.readers.entities import unescaped

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
# as Mexican sites abbreviate, with or without a dot, in any case: "mzo" is March as
# offices and notaries write it ("18-MZO-21", "18 de mzo. de 2021"), "agto" August
MONTH_ABBREVIATIONS = {
    "ene": 1, "feb": 2, "mar": 3, "mzo": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7,
    "ago": 8, "agto": 8, "sep": 9, "sept": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12,
}  # fmt: skip
_UNITS = {
    "un": 1, "uno": 1, "primero": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "veintiun": 21, "veintiuno": 21, "veintidos": 22,
    "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300,
    "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700,
    "ochocientos": 800, "novecientos": 900,
}  # fmt: skip
_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
# 2025-08-13, also as an API writes a day: "2025-08-13T00:00:00", "2025-08-13T06:00:00.000Z"
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:\b|(?=t\d))")
_ISO_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:z|[+-]\d{2}:?\d{2})"
)
MEXICO_CITY = ZoneInfo("America/Mexico_City")
# an ASP.NET service's JSON date (ASMX, WCF, PageMethods): "/Date(1616047200000)/", with
# the server's zone after the milliseconds ("/Date(1616047200000-0600)/"); in its JSON
# text "\\/Date(…)\\/", once decoded "/Date(…)/"
_MS_DATE = re.compile(r"\\?/date\((-?\d{1,15})([+-])?(\d{2})?(\d{2})?\)\\?/")
_COMPACT = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_MONTH_NAMES = "|".join(MONTHS)
# the first of the month as ordinal: "1o.", "1º", "1.º", "1ro.", "1er", "1ero"
_ORDINAL = r"(?:\.?(?:o|ro|er|ero|º|°)\.?)?"
# before the year "de", "del año", a comma or nothing: "18 de febrero, 2025"
_YEAR_JOIN = r"(?:\s+(?:de|del)\s+(?:(?:ano|año)\s+)?|\s*,\s*|\s+)"
_WRITTEN = re.compile(rf"\b(\d{{1,2}})\s*{_ORDINAL}\s+de\s+({_MONTH_NAMES}){_YEAR_JOIN}(\d{{4}})\b")
# the month first, as many sites head a listing's rows: "Febrero 18, 2025", "DICIEMBRE 03
# DE 2024", "sept. 3, 2025" (an abbreviation only before a comma: "mar 3 2025" may be
# the sea's)
_MONTH_FIRST = re.compile(
    rf"\b(?:({_MONTH_NAMES})\s+(\d{{1,2}})\s*{_ORDINAL}{_YEAR_JOIN}"
    rf"|({'|'.join(MONTH_ABBREVIATIONS)})\.?\s+(\d{{1,2}})\s*,\s*)(\d{{4}})\b"
)
# "18 de feb. de 2025": the abbreviation alone after "de" (no "dictamen 2025")
_DE_ABBREVIATED = re.compile(
    rf"\b(\d{{1,2}})\s+de\s+({'|'.join(MONTH_ABBREVIATIONS)})(?:\.|\b)\s*,?\s*(?:de\s+)?(\d{{4}})\b"
)
# "18-FEB-25", "18.mar.21": a two-digit year only where the day and month are joined as
# in a code, by one same mark
_ABBREVIATED_SHORT_YEAR = re.compile(
    rf"\b(\d{{1,2}})([/.-])({'|'.join(MONTH_ABBREVIATIONS)})\2(\d{{2}})\b"
)
# "2025/03/18", year first with slashes (the dashed form is _ISO)
_YEAR_FIRST = re.compile(r"\b(\d{4})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])\b")
_SPELLED_WORDS = r"[a-z]+(?:\s+y\s+[a-z]+)?"
# the day may have its digits in brackets after it, as the Estado de México's and
# Oaxaca's courts write it: "quince (15) de marzo de dos mil veintiuno (2021)"
# (a day in figures may carry its ordinal, the year in words: "1o. de junio de dos mil
# veinte", "1º de…", "1ro. de…")
# The day as an ordinal, as some state courts write it: "vigésimo primero de marzo" is the
# 21st (never the 1st: a day is read from its first word, not from inside an ordinal's).
_DAY_TENS = {"decimo": 10, "vigesimo": 20, "trigesimo": 30}
_DAY_UNITS = {
    "primero": 1, "segundo": 2, "tercero": 3, "cuarto": 4, "quinto": 5, "sexto": 6,
    "septimo": 7, "octavo": 8, "noveno": 9,
}  # fmt: skip
# (nor after any other ordinal's tens: "cuadragésimo primero" is no day)
_NOT_INSIDE_ORDINAL = r"(?<!esimo\s)(?<!decimo\s)"
# the day in figures may have its words in brackets after it, as the Estado de México's
# courts also write it: "21 (veintiuno) de marzo de 2024 (dos mil veinticuatro)"
_SPELLED = re.compile(
    rf"\b{_NOT_INSIDE_ORDINAL}((?:{'|'.join(_DAY_TENS)})(?:\s+[a-z]+)?"
    rf"|{_SPELLED_WORDS}|\d{{1,2}})(?:(?<=\d)\.?(?:o|ro|er|ero|º|°)\.?)?"
    rf"(?:\s*\((\d{{1,2}})\))?(?:(?<=\d)\s*\(({_SPELLED_WORDS})\))?"
    rf"\s+(?:dias\s+)?(?:del\s+mes\s+)?"
    rf"de\s+({_MONTH_NAMES}|[a-z]{{5,11}})"
    rf"\s+(?:de|del)\s+(?:ano\s+)?((?:dos\s+mil|mil\s+novecientos)(?:\s+{_SPELLED_WORDS})?"
    r"|\d{4})\b"
)
_ABBREVIATED = re.compile(
    rf"\b(\d{{1,2}})[\s/.-]*({'|'.join(MONTH_ABBREVIATIONS)})[a-z]*\.?[\s/.,-]*(?:de\s+)?(\d{{4}})\b"
)


def _day_number(words: str, *, slips: bool = False) -> int | None:
    """A day as written: ``21``, ``veintiuno``, ``vigesimo primero`` (21), ``decimo``
    (10); None when a word is no number."""
    first, _, rest = words.partition(" ")
    if first not in _DAY_TENS:
        return _spelled_number(words, slips=slips)
    if not rest:
        return _DAY_TENS[first]
    unit = _DAY_UNITS.get(rest)
    return _DAY_TENS[first] + unit if unit else None


def spelled_number(words: str) -> int | None:
    """``treinta y tres`` → 33; None when a word is not a number (or there are none)."""
    return _spelled_number(words) or None


def _spelled_number(words: str | None, *, slips: bool = False) -> int | None:
    """``dieciocho`` → 18, ``dos mil veinticinco`` → 2025, ``mil novecientos noventa y
    nueve`` → 1999, ``2024`` → 2024; None when a word is not a number."""
    if not words:
        return 0
    if words.isascii() and words.isdigit():  # "²" is a digit to isdigit, no number to int
        return int(words)
    total, pending = 0, 0
    for word in words.split():
        if word == "y":
            continue
        if word == "mil":
            total += (pending or 1) * 1000
            pending = 0
        elif word in _UNITS:
            pending += _UNITS[word]
        elif slips and (mistyped := _mistyped(word, _UNITS, shortest=6)) is not None:
            pending += mistyped
        else:
            return None
    return total + pending


def _mistyped(word: str, words: dict[str, int], shortest: int = 5) -> int | None:
    """The value of the one word of ``words`` that ``word`` misspells by a single letter
    (one wrong, missing, extra, or two swapped: "veinticnico", "agsoto", "setiembe"),
    where every such word has that value; None for a short word (a short number or
    month is another word one letter off: "tres", "tras") or where two values are one
    letter away ("seienta": sesenta or setenta?). A date in words typed by hand carries
    such slips; a guess between two values would be a wrong date."""
    if len(word) < shortest:
        return None
    values = {
        value for known, value in words.items() if len(known) >= shortest and _one_slip(word, known)
    }
    return values.pop() if len(values) == 1 else None


_MONTH_SLOT = re.compile(r"\bde\s+([a-z]{5,11})\s+(?:de|del)\b")


def mistyped_month(folded: str) -> re.Match[str] | None:
    """The first "de <word> de" in ``folded`` (lowercase, accents off) whose word is a
    month misspelt by one letter ("de agsoto de"), as ``_mistyped`` reads one."""
    for match in _MONTH_SLOT.finditer(folded):
        if match[1] not in MONTHS and _mistyped(match[1], MONTHS) is not None:
            return match
    return None


def _one_slip(word: str, known: str) -> bool:
    """Whether ``word`` is ``known`` with one letter wrong, missing or extra, or two
    neighbours swapped (and not ``known`` itself)."""
    if word == known or abs(len(word) - len(known)) > 1:
        return False
    start = 0
    while start < min(len(word), len(known)) and word[start] == known[start]:
        start += 1
    a, b = word[start:], known[start:]
    if len(a) == len(b):
        return a[1:] == b[1:] or (len(a) >= 2 and a[0] == b[1] and a[1] == b[0] and a[2:] == b[2:])
    return a[1:] == b if len(a) > len(b) else a == b[1:]


# Years a Mexican public record can bear: from independence-era archives to a few
# decades ahead (sessions are announced, terms end); the stores hold all of them.
PLAUSIBLE_YEARS = (1800, 2100)


def parse_date(text: str | None) -> dt.date | None:
    """The first date written in ``text``, in any of the forms Mexican sites use."""
    if not text:
        return None
    found = _written_dates(fold_keyword(text))
    return min(found)[1] if found else None


def _written_dates(folded: str) -> list[tuple[int, dt.date, int]]:
    """Every date ``folded`` writes, as (start, day, end); an instant or a compact
    ``20250218`` alone is one date."""
    if _COMPACT.fullmatch(folded):  # 20250218, as in file and page names
        compact: list[tuple[int, dt.date, int]] = []
        _add(compact, 0, int(folded[:4]), int(folded[4:6]), int(folded[6:]), len(folded))
        if compact:
            return compact
    if _ISO_INSTANT.fullmatch(folded.strip()) and (day := _instant_day(folded.strip())):
        return [(0, day, len(folded))]
    if (moment := _MS_DATE.fullmatch(folded.strip())) and (day := _ms_day(moment)):
        return [(0, day, len(folded))]
    candidates: list[tuple[int, dt.date, int]] = []
    for match in _ISO.finditer(folded):
        _add(candidates, match.start(), int(match[1]), int(match[2]), int(match[3]), match.end())
    for match in _YEAR_FIRST.finditer(folded):
        _add(candidates, match.start(), int(match[1]), int(match[2]), int(match[3]), match.end())
    for match in _NUMERIC.finditer(folded):
        year = int(match[3])  # "01/01/0001", an API's "no date", is year 1, not 2001
        year = _century(year) if len(match[3]) == 2 else year
        _add(candidates, match.start(), year, int(match[2]), int(match[1]), match.end())
    for match in _WRITTEN.finditer(folded):
        month = MONTHS[match[2]]
        _add(candidates, match.start(), int(match[3]), month, int(match[1]), match.end())
    for match in _MONTH_FIRST.finditer(folded):
        month = MONTHS[match[1]] if match[1] else MONTH_ABBREVIATIONS[match[3]]
        day = int(match[2] or match[4])
        _add(candidates, match.start(), int(match[5]), month, day, match.end())
    for match in _DE_ABBREVIATED.finditer(folded):
        month = MONTH_ABBREVIATIONS[match[2]]
        _add(candidates, match.start(), int(match[3]), month, int(match[1]), match.end())
    for match in _ABBREVIATED_SHORT_YEAR.finditer(folded):
        month, year = MONTH_ABBREVIATIONS[match[3]], _century(int(match[4]))
        _add(candidates, match.start(), year, month, int(match[1]), match.end())
    for match in _SPELLED.finditer(folded):
        month = MONTHS.get(match[4]) or _mistyped(match[4], MONTHS)
        if month is None:
            continue
        # (a date in words typed by hand may carry one slip: "veinticnico")
        day = _day_number(match[1], slips=True)
        year = _spelled_number(match[5], slips=True)
        if (match[2] and int(match[2]) != day) or (match[3] and _spelled_number(match[3]) != day):
            continue  # the words and the digits disagree: unsure
        if day and year and year >= 1900:
            _add(candidates, match.start(), year, month, day, match.end())
    for match in _ABBREVIATED.finditer(folded):
        month = MONTH_ABBREVIATIONS[match[2]]
        _add(candidates, match.start(), int(match[3]), month, int(match[1]), match.end())
    return candidates


# a day (and its month) written right before a date, joined as a range or a list is
# ("1-5 mar 2021", "del 1 al 5 de marzo", "1 y 5 de marzo", "del 28 de febrero al 5 de
# marzo") or as one more part of the date's own code ("1.5.mar.21", "18/05/03/2021")
_DAY_BEFORE = re.compile(
    rf"\b(\d{{1,2}}{_ORDINAL}(?:[/.]|(?:\s+de\s+(?:{_MONTH_NAMES}))?\s*(?:-|–|—|al|a|y|e|hasta)\s*))$"
)
_PART_AFTER = re.compile(r"^[/.-]\d")  # "18/03/2021/5": one more part joined to the date
_MONTH_WORD = re.compile(rf"\b({_MONTH_NAMES})\b")


def date_conflict(text: str | None) -> str | None:
    """Why ``text``, one value that should be one date (a listing's cell, an API's
    field), cannot be read as one: it writes two different dates, more date parts than
    one date has (a range of days, a day glued before a date's code), or a month name
    the date it writes contradicts; None when it writes one date or none. ``parse_date``
    would take the first date it finds, a guess: the reader leaves such a value empty."""
    folded = fold_keyword(text or "")
    found = sorted(_written_dates(folded))
    days = sorted({day for _, day, _ in found})
    if len(days) > 1:
        said = " and ".join(day.strftime("%d/%m/%Y") for day in days[:3])
        return f"writes more than one date ({said})"
    if not days:
        return None
    at, day, end = found[0]
    if before := _DAY_BEFORE.search(folded[:at]):
        written = folded[before.start() : end].strip()
        return f"writes more date parts than one date has ('{written}': a range or two dates)"
    if _PART_AFTER.match(folded[end:]):
        written = folded[at : end + 4].strip()
        return f"writes more date parts than one date has ('{written}')"
    rest = list(folded)
    for a, _, e in found:
        rest[a:e] = " " * (e - a)
    rest = "".join(rest)
    for month in _MONTH_WORD.findall(rest):
        if MONTHS[month] != day.month:
            return f"names the month {month} that its date ({day:%d/%m/%Y}) contradicts"
    return None


def missing_day(text: str | None) -> str | None:
    """The day ``text`` writes that no calendar has, as ``día/mes/año`` ("31/FEB/2021",
    "30 de febrero de 2024" → "30/02/2024"); None when it writes none such. Why
    ``parse_date`` found no date in a value that is shaped as one."""
    folded = fold_keyword(text or "")
    written: list[tuple[int, int, int]] = []
    for match in _NUMERIC.finditer(folded):
        year = _century(int(match[3])) if len(match[3]) == 2 else int(match[3])
        written.append((year, int(match[2]), int(match[1])))
    for match in _WRITTEN.finditer(folded):
        written.append((int(match[3]), MONTHS[match[2]], int(match[1])))
    for match in _ABBREVIATED_SHORT_YEAR.finditer(folded):
        month = MONTH_ABBREVIATIONS[match[3]]
        written.append((_century(int(match[4])), month, int(match[1])))
    for pattern in (_DE_ABBREVIATED, _ABBREVIATED):
        for match in pattern.finditer(folded):
            written.append((int(match[3]), MONTH_ABBREVIATIONS[match[2]], int(match[1])))
    for year, month, day in written:
        if not PLAUSIBLE_YEARS[0] <= year <= PLAUSIBLE_YEARS[1]:
            continue
        try:
            dt.date(year, month, day)
        except ValueError:
            return f"{day:02d}/{month:02d}/{year}"
    return None


def _ms_day(found: re.Match[str]) -> dt.date | None:
    """The day of an ASP.NET JSON date: milliseconds since 1970 in UTC. Midnight UTC is a
    day written as an instant (a date the server kept as UTC): that day; any other time
    the day in the zone it names, else in Mexico City (a server there serialises its
    local midnight, "18/03/2021 00:00", as 06:00 UTC). None for an offset without its
    minutes or a year no document has."""
    millis, sign, hours, minutes = found.groups()
    if sign and (hours is None or minutes is None):
        return None
    try:
        moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(milliseconds=int(millis))
    except OverflowError:
        return None
    if not PLAUSIBLE_YEARS[0] <= moment.year <= PLAUSIBLE_YEARS[1]:
        return None
    if moment.time() == dt.time(0):
        return moment.date()
    if sign:
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
        if offset > dt.timedelta(hours=14):
            return None
        return moment.astimezone(dt.timezone(offset if sign == "+" else -offset)).date()
    return moment.astimezone(MEXICO_CITY).date()


def _instant_day(value: str) -> dt.date | None:
    """The day of an instant an API wrote with its zone ("2025-08-14T01:30:00Z"): the day
    in Mexico City (19:30 of the 13th). None for midnight, a day written as an instant
    ("2025-08-13T00:00:00Z" is the 13th): the day as written is read then."""
    try:
        moment = dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.time() == dt.time(0) or not PLAUSIBLE_YEARS[0] <= moment.year <= PLAUSIBLE_YEARS[1]:
        return None
    return moment.astimezone(MEXICO_CITY).date()


def _century(year: int) -> int:
    """A two-digit year: this century's unless that is years ahead ("13/08/98" is 1998,
    not 2098; "13/08/25" is 2025)."""
    return 2000 + year if 2000 + year <= dt.date.today().year + _YEARS_AHEAD else 1900 + year


# a date a few years ahead is a term's end or an announced session; more is the last century
_YEARS_AHEAD = 5


def _add(
    found: list[tuple[int, dt.date, int]],
    at: int,
    year: int,
    month: int,
    day: int,
    end: int | None = None,
) -> None:
    """A real calendar day in a plausible year ("7 de marzo de 2300" is a typo, not a date:
    a wrong date is worse than none), with where it was written (``at`` to ``end``)."""
    if not PLAUSIBLE_YEARS[0] <= year <= PLAUSIBLE_YEARS[1]:
        return
    with contextlib.suppress(ValueError):
        found.append((at, dt.date(year, month, day), at if end is None else end))


MATTER_WORDS = {
    "penal": "penal", "civil": "civil", "familiar": "familiar", "mercantil": "mercantil",
    "amparo": "amparo", "administrativ": "administrativa", "laboral": "laboral",
    "trabajo": "laboral", "electoral": "electoral", "constitucional": "constitucional",
    "agrari": "agraria", "fiscal": "fiscal", "tributari": "fiscal",
    # a civil proceeding named by its kind alone (the codes of civil procedure's "juicio
    # especial hipotecario"; a mercantile one says "mercantil", read first)
    "hipotecari": "civil",
}  # fmt: skip


# Matters a value names beside the one it is of: an amparo's matter is the one it names
# ("amparo en materia penal"), a mortgage proceeding's the code it follows ("juicio
# especial hipotecario mercantil")
_SUBORDINATE_MATTERS = {"amparo": "amparo", "hipotecari": "civil"}
# what a listing's or an API's column holds when it has no matter: no value
_NO_MATTER = frozenset(("n/a", "na", "nd", "n/d", "s/d", "sd", "sin dato", "sin datos",
                        "no aplica", "no especificada", "no especificado", "ninguna",
                        "otra", "otras", "otro", "otros", "varias", "-", "--", "null"))  # fmt: skip


def normalise_matter(text: str | None) -> str | None:
    """``Materia Civil``, ``ORDINARIO CIVIL``, ``Familiar`` → the controlled vocabulary;
    None when the value names two matters ("Civil y Familiar", "Penal, Civil": which one
    is this case's is not said) or is a column's placeholder ("N/A", "ND")."""
    if not text:
        return None
    folded = fold_keyword(text)
    named = [(stem, matter) for stem, matter in MATTER_WORDS.items()
             if re.search(rf"\b{stem}", folded)]  # fmt: skip
    if not named:
        return None if " ".join(folded.split()).strip(" .") in _NO_MATTER else folded or None
    # (two stems of one matter are one: "laboral" for "del trabajo" and "laboral")
    own = {m for stem, m in named if _SUBORDINATE_MATTERS.get(stem) != m} or {m for _, m in named}
    return own.pop() if len(own) == 1 else None


# The types of a congress's sessions, each one stored value whatever the page writes
# around it («Sesión Pública Ordinaria», «de la», accents, capitals, plurals), in the
# order they are looked for: the body holding the session first (a «Sesión Solemne de
# Congreso General» is the joint sitting's, as an ordinary session of the Comisión
# Permanente is the recess's), then the Senado's and the Diputados' «Junta Previa», then
# the kinds of sitting. (A committee's session named «extraordinaria» is an extraordinary
# one, as before.)
SESSION_WORDS = {
    r"(?:comision|diputacion) permanente": "permanente",
    r"congreso general": "congreso_general",
    r"juntas? previas?": "junta_previa",
    r"extraordinarias?": "extraordinaria",
    r"solemnes?": "solemne",
    r"comision(?:es)?": "comision",
    r"permanente": "permanente",
    r"ordinarias?": "ordinaria",
}  # fmt: skip
SESSION_TYPE_WORDS = re.compile(
    "|".join(rf"\b(?P<t{n}>{w})\b" for n, w in enumerate(SESSION_WORDS))
)
_SESSION_VALUES = tuple(SESSION_WORDS.values())


# the kinds of sitting a text may name together ("Ordinaria y Solemne", "Junta Previa y
# Sesión Ordinaria"): which is the session's it does not say, and the first in
# SESSION_WORDS' order was stored as if it were
_SITTING_KINDS = frozenset(("ordinaria", "extraordinaria", "solemne", "junta_previa"))


# A bare «permanente» (no «Comisión» or «Diputación» before it) names the recess body
# only as a stored value or a type column's one word («Permanente» beside «Ordinaria»):
# at a chamber a sitting may also be declared permanent («la Cámara se declara en sesión
# permanente», «sesión ordinaria declarada permanente»), and a bare «Sesión Permanente»
# may be either. The text's own evidence decides: a sitting declared permanent is no
# session of the recess (its kind, if named, stands); a bare one otherwise is none.
_RECESS_BODY = re.compile(r"\b(?:comision|diputacion)\s+permanente\b")
_BARE_PERMANENT = re.compile(r"\bpermanentes?\b")
_DECLARED_PERMANENT = re.compile(
    r"\ben\s+sesion\s+permanente\b|\bdeclarad[oa]s?\s+(?:en\s+)?(?:sesion\s+)?permanente\b"
)


def declared_permanent(text: str | None) -> bool:
    """Whether ``text`` says a sitting is declared permanent («se declara en sesión
    permanente»), not a session of the recess body."""
    folded = fold_keyword(text or "")
    return bool(_DECLARED_PERMANENT.search(folded)) and not _RECESS_BODY.search(folded)


def undecided_permanent(text: str | None) -> bool:
    """Whether ``text`` names a bare «Sesión Permanente» that neither names the recess
    body nor a sitting declared permanent: the type is for other evidence to tell (the
    transcript's heading, the row's chamber), none without it."""
    folded = " ".join(fold_keyword((text or "").replace("_", " ")).split())
    return (
        bool(_BARE_PERMANENT.search(folded))
        and not _RECESS_BODY.search(folded)
        and not _DECLARED_PERMANENT.search(folded)
        and folded != "permanente"
    )


def normalise_session_type(text: str | None) -> str | None:
    """«Sesión de Junta Previa», «Junta Previa», «SESIÓN PÚBLICA ORDINARIA VESPERTINA»,
    «Sesión de la Comisión Permanente» → one controlled value each (``junta_previa``,
    ``ordinaria``, ``permanente``…; the sitting is ``sitting_of``'s); None when the text
    names no type the readers know («Sesión», «Reunión de trabajo»), two kinds of
    sitting, or a bare «Sesión Permanente» (see ``undecided_permanent``): a type guessed
    would file the session under another."""
    if not text:
        return None
    found = [
        (_SESSION_VALUES[int(m.lastgroup[1:])], m[0].endswith("s"))  # type: ignore[index]
        # (a stored value, «junta_previa», read again is itself)
        for m in SESSION_TYPE_WORDS.finditer(fold_keyword(text.replace("_", " ")))
    ]
    if declared_permanent(text):
        # a sitting declared permanent: its kind, if named, not the recess body's
        found = [(value, plural) for value, plural in found if value != "permanente"]
    elif undecided_permanent(text):
        return None  # the recess body's, or a sitting declared permanent: not said
    named = [value for value, _ in found]
    # (a plural names a period, «de sesiones ordinarias», not a second kind of sitting)
    if len({value for value, plural in found if value in _SITTING_KINDS and not plural}) > 1:
        return None
    for value in _SESSION_VALUES:  # (the first in SESSION_WORDS' order)
        if value in named:
            return value
    return None


DOC_TYPE_WORDS = {
    "punto de acuerdo": "punto_de_acuerdo", "proposicion": "punto_de_acuerdo",
    "iniciativa": "iniciativa", "dictamen": "dictamen", "gaceta": "gaceta", "acta": "acta",
    "votacion": "votacion", "diario de los debates": "diario_de_debates",
    "diario de debates": "diario_de_debates", "version estenografica": "version_estenografica",
    "orden del dia": "orden_del_dia",
}  # fmt: skip


def normalise_doc_type(text: str | None) -> str | None:
    if not text:
        return None
    folded = fold_keyword(text)
    for words, value in DOC_TYPE_WORDS.items():
        if words in folded:
            return value
    return folded.replace(" ", "_") or None


_ROMAN = re.compile(r"\b([LXVI]{2,8})\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
# two legislatures named together ("LXIV y LXV", "LXV-LXVI", "LXIV, LXV")
_TWO_LEGISLATURES = re.compile(
    r"\b([LXVI]{2,8})(?:\s+LEGISLATURA)?\s*(?:Y|E|,|-|–|/|A)\s*([LXVI]{2,8})\b"
)


def roman_to_int(numeral: str) -> int | None:
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = _ROMAN_VALUES.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None


def int_to_roman(number: int) -> str:
    """66 → ``LXVI`` (legislatures stay below 400)."""
    out = []
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                           (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


_ORDINAL_TENS = {
    "decima": 10, "vigesima": 20, "trigesima": 30, "cuadragesima": 40, "quincuagesima": 50,
    "sexagesima": 60, "septuagesima": 70, "octogesima": 80, "nonagesima": 90,
}  # fmt: skip
_ORDINAL_UNITS = {
    "primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6,
    "septima": 7, "octava": 8, "novena": 9,
}  # fmt: skip
_ORDINAL_WORDS = re.compile(
    rf"\b({'|'.join(_ORDINAL_TENS)})(?:\s+({'|'.join(_ORDINAL_UNITS)}))?\s+legislatura\b"
)
_NUMBERED = re.compile(
    r"\b(\d{1,3})\s*(?:a|ª|°|º)?\.?\s+legislatura\b|\blegislatura\s+(?:no\.\s*)?(\d{1,3})\b"
)
_ROMAN_WITH_L_FOR_I = re.compile(r"\b(?=[LXVIl]*[LXVI])(?=[LXVIl]*l)[LXVIl]{2,8}\b")


def _roman_typos(text: str) -> str:
    """A lowercase ``l`` inside a capital numeral is an ``I`` (``LXlV`` → ``LXIV``)."""
    return _ROMAN_WITH_L_FOR_I.sub(lambda m: m[0].replace("l", "I"), text)


def _valid_roman(numeral: str) -> bool:
    value = roman_to_int(numeral)
    return bool(value) and int_to_roman(value) == numeral  # type: ignore[arg-type]


def _other_legislatures(joined: re.Match[str]) -> bool:
    """Two neighbouring legislatures ("LXIV y LXV"), not a legislature and a year of its
    exercise or a number ("LXVI, II Año")."""
    first, second = (roman_to_int(n) if _valid_roman(n) else None for n in joined.groups())
    return bool(first and second and first != second and min(first, second) > 10
                and abs(first - second) <= 3)  # fmt: skip


def legislature_number(text: str | None) -> int | None:
    """``LXVI``, ``LXVI Legislatura``, ``66 Legislatura``, ``Sexagésima Sexta Legislatura`` → 66."""
    roman = normalise_legislature(text)
    return (
        roman_to_int(roman) if roman and _ROMAN.fullmatch(roman) and _valid_roman(roman) else None
    )


def normalise_legislature(text: str | None) -> str | None:
    """``LXVI Legislatura``, ``Sexagésima Sexta Legislatura``, ``66 Legislatura``,
    ``Legislatura 66``, ``LXlV`` (an ``l`` typed for ``I``) → ``LXVI`` / ``LXIV`` (the form
    used on every Mexican congress site)."""
    if not text:
        return None
    upper = _roman_typos(text).upper()
    if any(_other_legislatures(m) for m in _TWO_LEGISLATURES.finditer(upper)):
        return None  # "LXIV y LXV Legislaturas": which one is this document's is not said
    for match in _ROMAN.finditer(upper):
        if _valid_roman(match[1]):
            return match[1]
    folded = fold_keyword(text)
    spelled = _ORDINAL_WORDS.search(folded)
    if spelled:
        return int_to_roman(_ORDINAL_TENS[spelled[1]] + _ORDINAL_UNITS.get(spelled[2] or "", 0))
    numbered = _NUMBERED.search(folded)
    if numbered and 0 < int(numbered[1] or numbered[2]) < 400:
        return int_to_roman(int(numbered[1] or numbered[2]))
    return text.strip() or None


PLATFORMS = {
    "youtube.com": "youtube", "youtu.be": "youtube", "youtube-nocookie.com": "youtube",
    "facebook.com": "facebook",
    "fb.watch": "facebook", "vimeo.com": "vimeo", "twitch.tv": "twitch", "x.com": "x",
    "twitter.com": "x", "dailymotion.com": "dailymotion",
    # the congresses' own players, as a session's page names them
    "canaldelcongreso.gob.mx": "canal_del_congreso", "senado.gob.mx": "senado",
}  # fmt: skip


def video_platform(url: str, default: str | None = None) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for domain, name in PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return default or host or "desconocida"


# Characters no one sees on a page: controls that are no white space, and format
# characters (zero-width spaces and joiners, the word joiner, the soft hyphen, direction
# marks and overrides, a byte-order mark, tag characters). In a name they only make two
# names that read alike compare apart.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def visible(value: str) -> str:
    """``value`` without the characters no one sees (see ``_INVISIBLE``)."""
    return _INVISIBLE.sub("", value)


# A judge's title before their name, as listings write it: "Mgdo. José Luis Gutiérrez",
# "Mgda. Arcelia García", "Mgdo.Tomás Aguilar" (no space), "Magistrada …", "Lic. …".
_PERSON_TITLE = re.compile(
    r"^(?:(?:mgdo|mgda|magdo|magda|min|mtro|mtra|lic|licda|dr|dra|c|ing)\.\s*"
    r"|(?:magistrad[oa]|ministr[oa]|jueza?|licenciad[oa]|doctora?|maestr[oa])\s+)",
    re.IGNORECASE,
)
# The office a judge or a secretary holds, written between the title and the name or in its
# place ("Ministra Presidenta Norma Piña", "Magistrado Instructor Luis Gómez", "Secretario
# de Estudio y Cuenta Juan Pérez", "Encargado del engrose Ministro Juan Pérez",
# "Secretaria en funciones de Magistrada Ana Ruiz"), and a vote's "(Ponente)" after the
# name: none of them the person's name.
_PERSON_OFFICE = re.compile(
    r"^(?:president[ae]|ponente|instructora?|relatora?|encargad[oa]\s+del\s+engrose"
    r"|secretari[oa](?:\s+(?:de\s+estudio\s+y\s+(?:cuenta|proyecto)|de\s+acuerdos"
    r"|general\s+de\s+acuerdos|proyectista|de\s+tribunal|auxiliar))?"
    r"(?:\s+en\s+funciones\s+de\s+(?:magistrad[oa]|ministr[oa]|jueza?))?)(?:\s+|$)",
    re.IGNORECASE,
)
_OFFICE_AFTER = re.compile(r"\s*\(\s*(?:ponente|president[ae])\s*\)\s*$", re.IGNORECASE)
# what follows a title when the value names an office, not a person ("Juez Primero de lo
# Penal", "Magistrada Presidenta"): kept as written
_NOT_A_NAME = frozenset(
    ("primero", "primera", "segundo", "segunda", "tercero", "tercera", "cuarto", "cuarta",
     "quinto", "quinta", "sexto", "sexta", "septimo", "septima", "octavo", "octava", "noveno",
     "novena", "decimo", "decima", "presidente", "presidenta", "ponente", "de", "del", "en")
)  # fmt: skip


# An outcome is a word or a short phrase ("reponer procedimiento", "se confirma la
# sentencia recurrida"); a longer cell is prose a source put in the wrong column, and as
# a filter and facet value it would be one value per document.
MAX_RULING_CHARS = 120


def normalise_ruling(text: str | None) -> str | None:
    """A sentence's outcome (sentido del fallo) in the source's own words, read as
    lowercase prose (``CONDENATORIO`` → ``condenatorio``, accents kept as written: a
    filter compares without them, the facet shows them): sources write their own
    vocabularies (condenatorio, confirmar, reponer procedimiento…), and a value mapped
    onto another word could be a wrong one. None for a value longer than
    ``MAX_RULING_CHARS`` (none is better than a wrong one)."""
    words = " ".join((text or "").split()).lower()
    if len(words) > MAX_RULING_CHARS:
        return None
    return words or None


def normalise_person(text: str | None) -> str | None:
    """A person's name without the titles and offices before it, so one judge is one
    ponente whether a listing writes "Mgdo. José Luis Gutiérrez Miranda", a caption
    "MINISTRA PRESIDENTA NORMA LUCÍA PIÑA HERNÁNDEZ" or the name alone; a value that is
    only a title, names an office or has no letters after its title (a masked "Ministra
    ****", where the title is all a reader learns) is kept as written."""
    name = clean_text(text)
    if not name:
        return None
    bare = _OFFICE_AFTER.sub("", name)
    while match := _PERSON_TITLE.match(bare) or _PERSON_OFFICE.match(bare):
        bare = bare[match.end() :]
    first = fold_keyword(bare.split()[0]) if bare.split() else ""
    if first in _NOT_A_NAME or not any(c.isalpha() for c in bare):
        return name
    return _name_case(bare) if bare.isupper() else bare


# A legislator's title before their name, as listings and feeds write an initiative's
# authors ("Dip. Laura Garza", "Dip Laura Garza", "Diputada Federal Laura Garza", "Sen.
# Ana Ruiz", "Senadora Ana Ruiz", "C. Juan Pérez", "Dip. Lic. Juan Pérez"): one or more,
# each whole, of one person (a plural, "Diputados integrantes del…", names a group).
_AUTHOR_TITLE = (
    r"(?:(?:dip|sen|c|lic|licda|lcda|dr|dra|mtro|mtra|ing|prof|profa)\.\s*"
    r"|(?:dip|diputad[oa]|senador(?:a)?|legislador(?:a)?|ciudadan[oa])\s+)"
    r"(?:(?:fed\.|federal\b|local\b)\s*)?"
)
_AUTHOR_TITLES = re.compile(rf"^(?:{_AUTHOR_TITLE})+", re.IGNORECASE)
# a second author's in one value ("Dip. Ana Ruiz y Dip. Juan Pérez", "…, Sen. Luis Gómez")
_NEXT_AUTHOR_TITLES = re.compile(rf"(,\s*|\s+[ye]\s+)(?i:{_AUTHOR_TITLE})+(?=[A-ZÁÉÍÓÚÑ])")
_NAME_START = re.compile(r"[A-ZÁÉÍÓÚÑÜ]")


def normalise_author(text: str | None) -> str | None:
    """An author's name without the legislator's title before it ("Dip. Laura Garza
    Treviño" is "Laura Garza Treviño"), so that one deputy is one author however a source
    titles her; none for a value that is only a title ("Dip."); a value whose title is
    followed by no name ("Diputada del PAN", a masked "Dip. ***") is kept as written."""
    value = clean_text(text)
    if not value or _AUTHOR_TITLE_ONLY.fullmatch(value):
        return None
    bare = _AUTHOR_TITLES.sub("", value)
    if bare != value and not bare.strip(" .,;:-"):
        return None  # a title alone ("Dip. ")
    if bare != value and not _NAME_START.match(bare):
        # a title before no name: a group ("Diputados del…"), a masked name ("Dip. ***",
        # the title all a reader learns): as written
        return value
    return _NEXT_AUTHOR_TITLES.sub(r"\1", bare)


# a title written alone, without the space after it ("Dip", "Diputada", "Senadores")
_AUTHOR_TITLE_ONLY = re.compile(
    r"\s*(?:dip|sen|c|diputad[oa]s?|senador(?:a|es|as)?|legislador(?:a|es|as)?"
    r"|ciudadan[oa]s?)\.?\s*",
    re.IGNORECASE,
)


# Words of a name a person writes in lower case between the others ("María de la Luz").
_PARTICLES = frozenset(("de", "del", "la", "las", "los", "y", "e"))
_WORD_START = re.compile(r"(?:^|(?<=[-'’]))\w")


def _name_case(name: str) -> str:
    """An all-capitals name as listings write it ("LORETTA ORTIZ AHLF" → "Loretta Ortiz
    Ahlf", "MARÍA DE LA LUZ" → "María de la Luz"), so a caption's name and a listing's
    are one ponente; accents kept. A name already in mixed case is never changed."""
    words = []
    for i, word in enumerate(name.lower().split()):
        if i and word in _PARTICLES:
            words.append(word)
        else:
            words.append(_WORD_START.sub(lambda m: m[0].upper(), word))
    return " ".join(words)


def clean_text(value: str | None) -> str | None:
    """A short field as it reads: character references escaped once too often read
    (``Sesi&oacute;n``), invisible characters dropped, whitespace collapsed; empty
    becomes None."""
    if value is None:
        return None
    cleaned = " ".join(visible(unescaped(value)).split())
    if not cleaned.isascii():
        # precomposed, as extracted text is: a decomposed «año» (n and a combining tilde,
        # as some listings and Mac-made pages write it) is cut by the analysers at the
        # mark, and no search for «año» or «vergüenza» would find the title
        cleaned = unicodedata.normalize("NFC", cleaned)
    return cleaned or None


def normalise_expediente(text: str | None) -> str | None:
    """Kept here for callers of the first version; see :mod:`indexer.readers.expedientes`."""
    from indexer.readers.expedientes import normalise_expediente as canonical

    return canonical(text)
