"""Is a value read for a field believable for that field? A selector that slipped one
column puts a date into ``expediente`` or a judge's name into ``court``; such a value is
refused (and reported) rather than saved, because a wrong field is worse than none."""

from __future__ import annotations

import datetime as dt
import re

from indexer.analysis import fold_keyword
from indexer.readers.normalise import (
    MONTHS,
    date_conflict,
    int_to_roman,
    missing_day,
    normalise_legislature,
    normalise_session_type,
    parse_date,
    roman_to_int,
    undecided_permanent,
)
from indexer.readers.session_period import normalise_period

_MONTH = "|".join(MONTHS)
_WEEKDAY = r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)"
_DATE_ONLY = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:"
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}(?:[t ][\d:.]+z?)?"
    rf"|\d{{1,2}}\s*(?:de\s+|/|-)\s*(?:{_MONTH})\s*(?:de(?:l)?\s+|/|-)\s*\d{{4}}"
    r")$"
)
_CASE_NUMBER = re.compile(r"\d+\s*[/-]\s*\d{2,4}\b|\b[a-z]{2,}-[a-z]{2,}-\d+|\b\d{3,}\b")
_LETTERS = re.compile(r"[a-zñ]{2,}")
SESSION_TYPES = (
    "ordinaria", "extraordinaria", "solemne", "comision", "permanente", "junta_previa",
    "congreso_general",
)  # fmt: skip
MAX_SHORT_FIELD = 300
# the longest real titles (an initiative naming every article it reforms) run to a few
# hundred characters; a title of pages is a selector that took the text, and would be
# drawn whole in every list of results
MAX_TITLE = 2000
# a congress's order of the day runs to a few hundred items; an item is a paragraph, at
# most a long one (a joint committees' dictamen naming every initiative it answers, their
# authors and the laws they reform)
MAX_AGENDA_ITEMS = 1000
MAX_AGENDA_ITEM = 5000
# any other list (an initiative's authors, a session's videos): the largest chamber has
# 500 members; 100,000 ``dc:creator``s in one feed entry are a hostile or broken feed,
# and were stored and drawn whole on the document's page (megabytes)
MAX_LIST_VALUES = 1000
_MAX_LEGISLATURE = 99


def looks_like_date(value: str) -> bool:
    """The whole value is a date (``18/03/2021``, ``Miércoles 08 de abril de 2026``)."""
    return bool(_DATE_ONLY.match(" ".join(fold_keyword(value).split())))


def _named(value: str) -> str | None:
    """A name (court, chamber, person, matter): words, not a date, not a paragraph."""
    folded = fold_keyword(value)
    if looks_like_date(value):
        return "is a date, not a name"
    if not _LETTERS.search(folded):
        return "has no words"
    if len(value) > MAX_SHORT_FIELD:
        return f"is {len(value)} characters long, a paragraph rather than a name"
    return None


def _expediente(value: str) -> str | None:
    if looks_like_date(value):
        return "is a date, not a case number"
    if not _CASE_NUMBER.search(fold_keyword(value)):
        return "has no case number (such as 123/2024)"
    if len(value) > MAX_SHORT_FIELD:
        return f"is {len(value)} characters long, not a case number"
    return None


def _date(value: str) -> str | None:
    if conflict := date_conflict(value):  # two dates, a range: the first one is a guess
        return conflict
    day = parse_date(value)
    if day is None:
        missing = missing_day(value)
        return f"is a day no calendar has ({missing})" if missing else "is not a date"
    if not dt.date(1800, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=366):
        return f"is a date out of range ({day.isoformat()})"
    return None


def _legislature(value: str) -> str | None:
    roman = normalise_legislature(value) or ""
    number = roman_to_int(roman) if re.fullmatch(r"[LXVI]{1,8}", roman) else None
    if number is None or int_to_roman(number) != roman or number > _MAX_LEGISLATURE:
        return "is not a legislature (such as LXVI or 66 Legislatura)"
    return None


def _session_type(value: str) -> str | None:
    # (a bare «Sesión Permanente» is a real type whose body the document tells: no error)
    if normalise_session_type(value) not in SESSION_TYPES and not undecided_permanent(value):
        return f"is not a type of session ({', '.join(SESSION_TYPES)})"
    return None


def _period(value: str) -> str | None:
    if normalise_period(value) is None:
        return "names no period of sessions (such as Primer periodo ordinario)"
    return None


def _number(value: str) -> str | None:
    if looks_like_date(value):
        return "is a date, not a number"
    if not re.search(r"\d", value):
        return "has no number"
    return None


def _title(value: str) -> str | None:
    if len(value) > MAX_TITLE:
        return f"is {len(value)} characters long, a text rather than a title"
    if looks_like_date(value):
        return "is a date, not a title"
    if not _LETTERS.search(fold_keyword(value)):
        return "has no words"
    return None


def _address(value: str) -> str | None:
    if not re.match(r"^https?://[^/\s]+", value, re.IGNORECASE):  # RFC 3986: any case
        return "is not a web address"
    return None


def _agenda_item(value: str) -> str | None:
    if len(value) > MAX_AGENDA_ITEM:
        return f"has an item {len(value)} characters long, a text rather than an item"
    return None if _LETTERS.search(fold_keyword(value)) else "has no words"


CHECKS = {
    "title": _title,
    "doc_type": _named,
    "committee": _named,
    "status": _named,
    "authors": _named,
    "proceeding": _named,
    "judgment_type": _named,
    "ruling": _named,
    "video_platform": _named,
    "agenda": _agenda_item,
    "video_urls": _address,
    "live_video_urls": _address,
    "stenographic_urls": _address,
    "expediente": _expediente,
    "date": _date,
    "resolution_date": _date,
    "court": _named,
    "ponente": _named,
    "secretario": _named,
    "matter": _named,
    "chamber": _named,
    "congress": _named,
    "institution": _named,
    "legislature": _legislature,
    "session_type": _session_type,
    "period": _period,
    "number": _number,
    "session_number": _number,
}


def implausible(name: str, value: str | list[str] | None) -> str | None:
    """Why ``value`` cannot be the field ``name`` (None: it can, or it is not checked)."""
    check = CHECKS.get(name)
    if check is None or value is None:
        return None
    values = value if isinstance(value, list) else [value]
    if name == "agenda" and len(values) > MAX_AGENDA_ITEMS:
        return f"has {len(values)} items, more than any order of the day"
    if len(values) > MAX_LIST_VALUES:
        return f"has {len(values)} values, more than any document lists"
    for one in values:
        text = " ".join(one.split())
        if text:
            reason = check(text)
            if reason:
                return reason
    return None


def plausible_fields(
    fields: dict[str, str | list[str]],
) -> tuple[dict[str, str | list[str]], list[tuple[str, str, str]]]:
    """The fields kept, and (field, value, reason) for each one refused."""
    kept: dict[str, str | list[str]] = {}
    refused: list[tuple[str, str, str]] = []
    for name, value in fields.items():
        reason = implausible(name, value)
        if reason is None:
            kept[name] = value
        else:
            shown = value if isinstance(value, str) else " | ".join(value[:20])
            refused.append((name, shown, reason))
    return kept, refused
