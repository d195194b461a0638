"""``/sesiones``: the citizens' finder — a congress, a month on a calendar (or dates and a
session type, and words) and each session with its video; ``/sesiones/{congreso}``: one
congress's sessions by month."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import BadSearch, LibraryDep
from api.index_lag import current_result
from api.routers.pages.charts import MonthTable, month_table, monthly_rows
from api.routers.pages.common import (
    MONTHS,
    month_words,
    parser_message,
    render,
    whole_number,
)
from api.routers.pages.discussion import session_summaries
from api.routers.pages.live_first import live_first
from api.routers.pages.search import parse_date
from api.routers.pages.summaries import without_text
from api.routers.pages.videos import embed_url
from config.spanish_errors import shown
from indexer.library import Library
from indexer.models import SESSION_TYPES, Sesion
from indexer.query.values import keyword_key
from indexer.readers.normalise import int_to_roman, legislature_number
from indexer.readers.session_period import normalise_period
from indexer.stores import SearchHit, SearchQuery
from indexer.stores.base import decode_cursor, encode_cursor

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
YEAR_PAGES = 5  # at most 500 sessions read to draw a year's calendar
FIRST_YEAR, LAST_YEAR = 1801, 2199  # the years a session's date may hold
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "congreso"


def congress_slugs(names: list[tuple[str, int]]) -> dict[str, str]:
    """Each congress's page address, one per name: names that read the same as an address
    ("Congreso del Estado de Jalisco" and a page's "Congreso del Estado de Jalisco.") share
    no page. The one with the most sessions keeps the plain address, the others are
    numbered; the last in name order once took the page and hid the congress's own."""
    taken: dict[str, str] = {}
    for name, _ in sorted(names, key=lambda pair: (-pair[1], pair[0])):
        base = candidate = slug(name)
        number = 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken[candidate] = name
    return {name: address for address, name in taken.items()}


def congresses(library: Library) -> list[tuple[str, int]]:
    query = SearchQuery(
        filters={"kind": ["sesion"]}, limit=1, facets=["congress"], facet_size=200, highlight=False
    )
    # not counting the sessions withheld since the index's last commit (``api.index_lag``)
    buckets = current_result(library, library.search(query), query).facets.get("congress", [])
    return sorted(((b.value, b.count) for b in buckets), key=lambda pair: pair[0])


def periods(library: Library, congress: str | None) -> list[str]:
    """The legislative periods the library's sessions (of one congress, or all) are
    placed in, as stored («Primer periodo ordinario, segundo año de ejercicio»)."""
    filters: dict[str, list[str]] = {"kind": ["sesion"]}
    if congress:
        filters["congress"] = [congress]
    query = SearchQuery(
        filters=filters, limit=1, facets=["period"], facet_size=200, highlight=False
    )
    buckets = current_result(library, library.search(query), query).facets.get("period", [])
    return sorted((b.value for b in buckets), key=keyword_key)


def asked_period(text: str, known: list[str], errors: list[str]) -> str:
    """The period a citizen chose or typed, as the library stores it: the same label
    whatever its capitals and accents, or written as a heading writes it («Primer Periodo
    Ordinario de Sesiones del Segundo Año de Ejercicio»), read by the heading's reader;
    "" when none was asked, or one no session is placed in (said in ``errors``)."""
    text = " ".join(text.split())[:200]
    if not text:
        return ""
    stored = {keyword_key(label): label for label in known}
    read = normalise_period(text)
    found = stored.get(keyword_key(text)) or (read and stored.get(keyword_key(read)))
    if not found:
        errors.append(
            f"La biblioteca no tiene sesiones del periodo «{shown(text)}»: elija uno de la lista."
        )
        return ""
    return found


def year_hits(library: Library, congress: str | None, year: int) -> list[SearchHit]:
    """The sessions of one year (of one congress, or all), for its calendar and chart;
    one withheld for personal data since the index's last commit is not counted in its
    month (``api.index_lag``)."""
    filters: dict[str, list[str]] = {"kind": ["sesion"]}
    if congress:
        filters["congress"] = [congress]
    query = SearchQuery(
        filters=filters,
        date_from=dt.date(year, 1, 1),
        date_to=dt.date(year, 12, 31),
        sort="date_asc",
        limit=100,
        facets=[],
        highlight=False,
    )
    hits: list[SearchHit] = []
    for _ in range(YEAR_PAGES):
        result = library.search(query)
        hits += current_result(library, result).hits
        if not result.next_cursor:
            break
        query = query.model_copy(update={"cursor": result.next_cursor})
    return hits


def newest_year(library: Library, congress: str | None) -> int:
    filters: dict[str, list[str]] = {"kind": ["sesion"]}
    if congress:
        filters["congress"] = [congress]
    query = SearchQuery(filters=filters, sort="date_desc", limit=1, facets=[], highlight=False)
    hits = library.search(query).hits
    return hits[0].date.year if hits and hits[0].date else dt.date.today().year


def calendar(hits: list[SearchHit], year: int, link: Any, chosen: str) -> list[dict[str, Any]]:
    counts = Counter(hit.date.month for hit in hits if hit.date)
    months = []
    for month in range(1, 13):
        key = f"{year}-{month:02d}"
        months.append(
            {
                "name": MONTHS[month - 1],
                "count": counts.get(month, 0),
                "href": link(key) if counts.get(month) else None,
                "current": key == chosen,
            }
        )
    return months


def chart(hits: list[SearchHit], year: int) -> tuple[Any, MonthTable]:
    """Sessions per month and congress in ``year``: the picture and its table."""
    rows: dict[str, Counter[tuple[int, int]]] = {}
    for hit in hits:
        if hit.date:
            name = str(hit.fields.get("congress") or hit.institution)
            rows.setdefault(name, Counter())[(hit.date.year, hit.date.month)] += 1
    months = [(year, month) for month in range(1, 13)]
    series = [(name, dict(counts)) for name, counts in sorted(rows.items())]
    table = month_table(series, months)
    table.stopped = []  # a congress in recess is not a source that stopped
    table.rows.reverse()  # January first, as the calendar
    return monthly_rows(series, months, f"Sesiones por mes en {year}"), table


FINDER_PARAMS = (
    "congreso", "mes", "desde", "hasta", "tipo", "periodo", "legislatura", "q", "anio", "cursor"
)  # fmt: skip
UNKNOWN_SHOWN = 3


def unknown_params(params: Any, known: tuple[str, ...], errors: list[str]) -> None:
    """A parameter the page does not read is said (the first few), never ignored as if
    the sessions shown were filtered by it; so is one given twice (each takes one value:
    the last would be shown as if it were the only one)."""
    unknown = [name for name in params if name not in known and not name.startswith("utm_")]
    for name in unknown[:UNKNOWN_SHOWN]:
        errors.append(f"El parámetro «{name[:40]}» no existe; esta página lee: {', '.join(known)}.")
    for name in known:
        times = len(params.getlist(name))
        if times > 1:
            errors.append(f"El parámetro «{name}» se dio {times} veces y admite un solo valor.")


def asked_legislature(text: str, errors: list[str]) -> str:
    """The legislature a citizen typed ("LXVI", "lxvi", "66", "LXVI Legislatura",
    "Sexagésima Sexta Legislatura") as sessions store it ("LXVI"); "" when none was
    asked, or when it is no legislature (said in ``errors``)."""
    text = text.strip()[:60]
    if not text:
        return ""
    # isdecimal, not isdigit: «²» or «①» are digits int() refuses (a 500)
    number = int(text) if text.isdecimal() and len(text) <= 3 else legislature_number(text)
    if not number or not 0 < number < 400:
        errors.append(
            f"«{text[:30]}» no es una legislatura: escríbala en romanos (LXVI) o con su "
            "número (66)."
        )
        return ""
    return int_to_roman(number)


def asked_year(text: str, errors: list[str]) -> int | None:
    """The year a page is asked for (``anio``); one it cannot show is said, in
    ``errors``, instead of another year's sessions shown in its place."""
    text = text.strip()
    if not text:
        return None
    # at most four digits read: ``int`` refuses a decimal of 4,300 digits (a 500)
    year = whole_number(text, 4)
    if year is not None and FIRST_YEAR <= year <= LAST_YEAR:
        return year
    errors.append(
        f"El año «{text[:20]}» no es válido: escriba un año de cuatro cifras entre "
        f"{FIRST_YEAR} y {LAST_YEAR}."
    )
    return None


@router.get("/sesiones", response_class=HTMLResponse)
def sessions_page(request: Request, library: LibraryDep) -> Any:
    params = request.query_params
    errors: list[str] = []
    unknown_params(params, FINDER_PARAMS, errors)
    all_congresses = congresses(library)
    slugs = congress_slugs(all_congresses)
    congress = params.get("congreso", "").strip() or None
    if congress is not None:
        known = {keyword_key(name): name for name, _ in all_congresses}
        asked, congress = congress, known.get(keyword_key(congress))
        if congress is None:
            errors.append(
                f"La biblioteca no tiene sesiones del congreso «{shown(asked)}»: elija uno de "
                "la lista."
            )
    month = params.get("mes", "").strip()
    date_from = parse_date(params.get("desde", ""), "desde", errors)
    date_to = parse_date(params.get("hasta", ""), "hasta", errors)
    session_type = params.get("tipo", "").strip()
    legislature = asked_legislature(params.get("legislatura", ""), errors)
    known_periods = periods(library, congress)
    period = asked_period(params.get("periodo", ""), known_periods, errors)
    q = params.get("q", "")[:500]
    if session_type and session_type not in SESSION_TYPES:
        errors.append("Elija un tipo de sesión de la lista.")
        session_type = ""
    year: int | None = None
    if month:
        match = _MONTH.fullmatch(month)
        if (
            match
            and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR
            and 1 <= int(match.group(2)) <= 12
        ):
            year, number = int(match.group(1)), int(match.group(2))
            date_from = dt.date(year, number, 1)
            following = dt.date(year + number // 12, number % 12 + 1, 1)
            date_to = following - dt.timedelta(days=1)
        else:
            errors.append(
                f"El mes «{month[:20]}» no es válido: use AAAA-MM, de un año entre "
                f"{FIRST_YEAR} y {LAST_YEAR}."
            )
            month = ""
    if date_from and date_to and date_from > date_to:
        errors.append("La fecha «desde» es posterior a la fecha «hasta».")
    if year is None:
        year = asked_year(params.get("anio", ""), errors)
    year = year or (date_from.year if date_from else newest_year(library, congress))
    base = _kept_params(
        params.multi_items(),
        {
            "congreso": congress or "",
            "tipo": session_type,
            "periodo": period,
            "legislatura": legislature,
            "q": q,
        },
    )

    def month_link(key: str) -> str:
        items = [(k, v) for k, v in base if k not in ("mes", "desde", "hasta", "anio")]
        return "/sesiones?" + urlencode([*items, ("mes", key)]) + "#lista"

    def year_link(other: int) -> str:
        items = [(k, v) for k, v in base if k not in ("mes", "desde", "hasta", "anio")]
        return "/sesiones?" + urlencode([*items, ("anio", str(other))])

    hits_of_year = year_hits(library, congress, year)
    filters: dict[str, list[str]] = {"kind": ["sesion"]}
    if congress:
        filters["congress"] = [congress]
    if session_type:
        filters["session_type"] = [session_type]
    if legislature:
        filters["legislature"] = [legislature]
    if period:
        filters["period"] = [period]
    query = SearchQuery(
        q=q,
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        sort="date_desc",
        limit=PAGE_SIZE,
        cursor=params.get("cursor") or None,
        facets=[],
        highlight=False,
    )
    sessions: list[Sesion] = []
    ahead: list[Sesion] = []
    total = offset = 0
    next_link = prev_link = None
    if not errors:
        try:
            offset = decode_cursor(query)
            found = live_first(library, query, offset)
            total, sessions = found.total, found.page
            ahead = found.first if offset == 0 else []

            def page(at: int) -> str:
                items = list(base) + ([("cursor", encode_cursor(query, at))] if at else [])
                return "/sesiones?" + urlencode(items) + "#lista"

            if found.has_next:
                next_link = page(offset + len(sessions))
            if offset:
                prev_link = page(max(0, offset - PAGE_SIZE))
        except BadSearch as exc:
            errors.append(
                parser_message(exc.msg, exc.position, exc.mensaje)
                if exc.field == "q"
                else "El enlace de página ya no es válido: repita la búsqueda."
            )
        except ValueError:
            errors.append("El enlace de página ya no es válido: repita la búsqueda.")
    picture, table = chart(hits_of_year, year)
    context = {
        "section": "sesiones",
        "congresses": [(name, count, slugs[name]) for name, count in all_congresses],
        "congress": congress,
        "month": month,
        "month_title": month_words(year, int(month[5:])) if month else None,
        "desde": params.get("desde", "") if not month else "",
        "hasta": params.get("hasta", "") if not month else "",
        "tipo": session_type,
        "legislatura": legislature,
        "periodo": period,
        "periods": known_periods,
        "types": SESSION_TYPES,
        "q": q,
        "year": year,
        "calendar": calendar(hits_of_year, year, month_link, month),
        "prev_year": year_link(year - 1),
        "next_year": year_link(year + 1),
        "chart": picture,
        "table": table,
        "sessions": sessions,
        "ahead": ahead,
        "summaries": session_summaries(library, [d.id for d in ahead + sessions]),
        "total": total,
        "first": offset + 1,
        "last": offset + len(sessions),
        "next_link": next_link,
        "prev_link": prev_link,
        "errors": errors,
        "embed": embed_url,
        "here": "/sesiones?" + urlencode(base) if base else "/sesiones",
    }
    return render(request, "sessions.html", context, 400 if errors else 200)


@router.get("/sesiones/{congress_slug}", response_class=HTMLResponse)
def congress_page(request: Request, congress_slug: str, library: LibraryDep) -> Any:
    """One congress's sessions of a year, month by month."""
    names = {address: name for name, address in congress_slugs(congresses(library)).items()}
    congress = names.get(congress_slug)
    if congress is None:
        raise HTTPException(404, f"no congress {shown(congress_slug)!r}")
    errors: list[str] = []
    unknown_params(request.query_params, ("anio",), errors)
    year = asked_year(request.query_params.get("anio", ""), errors)
    year = year or newest_year(library, congress)
    hits = list(reversed(year_hits(library, congress, year)))
    docs = without_text(library, [hit.id for hit in hits])
    by_month: dict[int, list[Sesion]] = {}
    for hit in hits:
        doc = docs.get(hit.id)
        if isinstance(doc, Sesion) and doc.date:
            by_month.setdefault(doc.date.month, []).append(doc)
    path = f"/sesiones/{quote(congress_slug)}"
    picture, table = chart(hits, year)
    context = {
        "section": "sesiones",
        "congress": congress,
        "year": year,
        "months": [(month_words(year, m), by_month[m]) for m in sorted(by_month, reverse=True)],
        "prev_year": f"{path}?anio={year - 1}",
        "next_year": f"{path}?anio={year + 1}",
        "chart": picture,
        "table": table,
        "finder": "/sesiones?" + urlencode({"congreso": congress}),
        "here": f"{path}?anio={year}",
        "embed": embed_url,
        "summaries": session_summaries(
            library, [doc.id for _, docs in by_month.items() for doc in docs]
        ),
    }
    context["errors"] = errors
    return render(request, "congress.html", context, 400 if errors else 200)


def _kept_params(items: list[tuple[str, str]], read: dict[str, str]) -> list[tuple[str, str]]:
    """What the page's links carry on: the finder's own parameters, each as it was read
    (a congress by its name, at most 500 characters of words), none it refused or does
    not know: a 10 KB value is not repeated in every month's link."""
    kept: list[tuple[str, str]] = []
    taken: set[str] = set()
    for name, value in items:
        if name not in FINDER_PARAMS or name == "cursor" or name in taken:
            continue
        if name in read:
            taken.add(name)
            value = read[name]
        if value.strip():
            kept.append((name, value))
    return kept
