"""Start URLs of a source organised by date: one address per day (week, month, year).

A gazette published as one page per sitting day (the Cámara de Diputados' Gaceta:
``/Gaceta/66/2026/jul/20260706.html``) has no listing of its past issues to follow, so
a crawl that starts from today's page cannot reach them. A spec declares the range and
the step (``start_dates``) and writes the date into its start URLs::

    start_urls: ["https://gaceta.diputados.gob.mx/Gaceta/{legislature}/{date:%Y/%b/%Y%m%d}.html"]
    start_dates: {since: 2018-09-01, step: day, recent: 7}

``{date:…}`` takes ``%Y %y %m %d %j`` and ``%b``, the Spanish month's three letters
(``ene`` … ``dic``, whatever the server's locale); ``{legislature}`` is the number of the
legislature sitting that day, by the jurisdiction's calendar
(``indexer.readers.legislatures``). The expansion is newest first and bounded
(``MAX_START_URLS``): a crawl with a date window (``--since/--until``) reads the range
within it, a crawl without one the last ``recent`` steps. Nothing else is expanded: a
spec is data (no environment, no attribute of a Python object).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from config.spanish_errors import Invalid, shown

MAX_START_URLS = 1500  # dates × templated start URLs, per crawl
MAX_RECENT = 90
EARLIEST = dt.date(1900, 1, 1)
MONTHS_ES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
_PLACEHOLDER = re.compile(r"\{(date|legislature)(?::([^{}]{0,40}))?\}")
_MENTIONED = re.compile(r"\{\s*(?:date|legislature)\b")
_DIRECTIVE = re.compile(r"%(.?)")
_DIRECTIVES = frozenset("Yymdjb")
STEP_NAMES = {"day": "día", "week": "semana", "month": "mes", "year": "año"}


class StartDates(BaseModel):
    """The dates the start URLs' ``{date:…}`` placeholders take."""

    model_config = ConfigDict(extra="forbid")

    since: dt.date = Field(description="The first date the source publishes.")
    until: dt.date | None = Field(None, description="The last one; default: today.")
    step: Literal["day", "week", "month", "year"] = "day"
    recent: int = Field(
        1, ge=1, le=MAX_RECENT, description="Without a date window: the last steps read."
    )

    @model_validator(mode="after")
    def _ordered(self) -> StartDates:
        if self.since < EARLIEST:
            raise Invalid(
                f"since must be {EARLIEST.isoformat()} or later",
                f"since debe ser el {EARLIEST.isoformat()} o posterior",
                where="since",
            )
        if self.until is not None and self.until < self.since:
            raise Invalid(
                "until is before since",
                f"until ({self.until.isoformat()}) es anterior a since ({self.since.isoformat()})",
                where="until",
            )
        return self


def is_dated(url: str) -> bool:
    """The URL takes a date (it has ``{date…}`` or ``{legislature}``)."""
    return bool(_MENTIONED.search(url))


def check_dated_urls(urls: list[str], dates: StartDates | None, calendar_known: bool) -> None:
    """Refuse a template the expansion could not fill, naming the start URL."""
    dated = [n for n, url in enumerate(urls) if is_dated(url)]
    if dates is not None and not dated:
        raise Invalid(
            "start_dates needs a start URL with {date:…} or {legislature}",
            "start_dates necesita una dirección de inicio con {date:…} o {legislature} "
            "(p. ej. https://sitio/gaceta/{date:%Y/%m/%d}.html)",
            where="start_dates",
        )
    for n in dated:
        url = urls[n]
        where = f"start_urls.{n}"
        if dates is None:
            raise Invalid(
                "a start URL with {date:…} or {legislature} needs start_dates",
                f"«{shown(url)}» lleva fechas: declare start_dates (since, step) para saber cuáles",
                where=where,
            )
        if "{" in url.split("//", 1)[1].split("/", 1)[0]:
            raise Invalid(
                "the host of a start URL cannot take a date",
                f"«{shown(url)}»: el servidor de una dirección no puede llevar fechas, "
                "solo su ruta",
                where=where,
            )
        rest = _PLACEHOLDER.sub("", url)
        if "{" in rest or "}" in rest:
            raise Invalid(
                f"{shown(url)!r}: only {{date:…}} and {{legislature}} are filled in",
                f"«{shown(url)}»: solo se sustituyen {{date:…}} (p. ej. "
                "{date:%Y%m%d}) y {legislature}; quite las demás llaves",
                where=where,
            )
        for match in _PLACEHOLDER.finditer(url):
            _check_placeholder(match, url, where, calendar_known)


def _check_placeholder(match: re.Match[str], url: str, where: str, calendar_known: bool) -> None:
    name, fmt = match[1], match[2]
    if name == "legislature":
        if fmt is not None:
            raise Invalid(
                "{legislature} takes no format",
                "{legislature} no lleva formato: se escribe tal cual y da el número (p. ej. 66)",
                where=where,
            )
        if not calendar_known:
            raise Invalid(
                "{legislature}: the calendar of this jurisdiction's legislatures is unknown",
                "{legislature}: no se conoce el calendario de las legislaturas de esta "
                "jurisdicción; escriba el número en la dirección",
                where=where,
            )
        return
    if not fmt or "%" not in fmt:
        raise Invalid(
            "{date} needs a format such as {date:%Y%m%d}",
            "{date} necesita un formato, p. ej. {date:%Y%m%d} o {date:%Y/%b/%d}",
            where=where,
        )
    bad = [d for d in _DIRECTIVE.findall(fmt) if d not in _DIRECTIVES]
    if bad:
        raise Invalid(
            f"{shown(match[0])!r}: only %Y %y %m %d %j %b are allowed",
            f"«{shown(match[0])}»: el formato de la fecha admite solo %Y (año), %y (año "
            "de dos cifras), %m (mes), %d (día), %j (día del año) y %b (mes abreviado en "
            "español: ene, feb…)",
            where=where,
        )


@dataclass(frozen=True)
class Expansion:
    """The addresses a crawl starts from, newest first; how many dates were left out by
    the bound (the oldest), and the dates no legislature is sure for (a template with
    ``{legislature}`` gives them no address)."""

    urls: list[str]
    dated: set[str]
    left_out: int
    first: dt.date | None
    last: dt.date | None
    unsure: list[dt.date] = field(default_factory=list)  # no {legislature} known: not read


def expand(
    urls: list[str],
    dates: StartDates | None,
    legislature: object,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> Expansion:
    """Every start URL, the dated ones once per date of the range (within the window
    ``since``..``until`` when given, else the last ``recent`` steps); ``legislature`` is a
    function from a date to the number sitting that day, or None (that date is skipped)."""
    plain = [url for url in urls if not is_dated(url)]
    templates = [url for url in urls if is_dated(url)]
    if dates is None or not templates:
        return Expansion(list(urls), set(), 0, None, None)
    today = today or dt.date.today()
    end = min(d for d in (dates.until, until, today) if d is not None)
    start = max(dates.since, since) if since else None
    budget = MAX_START_URLS // len(templates)
    chosen: list[dt.date] = []
    left_out = 0
    for day in _backwards(dates.since, end, dates.step):
        if start is None and len(chosen) >= dates.recent:
            break
        if start is not None and day < start:
            break
        if len(chosen) >= budget:
            left_out += 1
            continue
        chosen.append(day)
    dated: list[str] = []
    unfilled: list[dt.date] = []
    for day in chosen:
        for template in templates:
            filled = fill(template, day, legislature)
            if filled is None:
                unfilled.append(day)
            else:
                dated.append(filled)
    expanded = list(dict.fromkeys(dated))
    return Expansion(
        plain + expanded,
        set(expanded),
        left_out,
        chosen[-1] if chosen else None,
        chosen[0] if chosen else None,
        sorted(set(unfilled)),
    )


def _backwards(first: dt.date, end: dt.date, step: str) -> Iterator[dt.date]:
    """The dates of the range from ``end`` back to ``first``, on the step's grid (days
    from ``first``, months and years on their first day)."""
    if end < first:
        return
    if step in ("day", "week"):
        width = 1 if step == "day" else 7
        day = first + dt.timedelta(days=(end - first).days // width * width)
        while day >= first:
            yield day
            day -= dt.timedelta(days=width)
        return
    if step == "month":
        day = end.replace(day=1)
        while day >= first.replace(day=1):
            yield max(day, first)
            day = (day - dt.timedelta(days=1)).replace(day=1)
        return
    for year in range(end.year, first.year - 1, -1):
        yield max(dt.date(year, 1, 1), first)


def fill(template: str, day: dt.date, legislature: object) -> str | None:
    """The template with ``day`` written in; None when ``{legislature}`` has no value
    on that day (outside the calendar, or its unsure days)."""
    number = None
    if "{legislature}" in template:
        number = legislature(day) if callable(legislature) else None
        if number is None:
            return None

    def one(match: re.Match[str]) -> str:
        if match[1] == "legislature":
            return str(number)
        fmt = (match[2] or "").replace("%b", MONTHS_ES[day.month - 1])
        return _DIRECTIVE.sub(lambda d: day.strftime("%" + d[1]), fmt)

    return _PLACEHOLDER.sub(one, template)
