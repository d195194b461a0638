"""``/`` and ``/buscar``: one search box, results first, facets with counts, paging.

A query is sorted by relevance and browsing by date unless the person chose an order; the
order is a link beside the results, never a field of the search box, so a phrase typed on
the home page is never sorted by the browsing default."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from api.deps import BadSearch, LibraryDep, build_filters, search_library
from api.index_lag import current_result, uncounted
from api.passages import passage_links
from api.routers.pages.charts import year_bars
from api.routers.pages.common import parser_message, render, whole_number
from api.routers.pages.summaries import without_text
from api.search_params import MAX_FILTER_VALUES, MAX_VALUE_CHARS
from indexer.library import Library
from indexer.models import Sesion
from indexer.query import operator_suggestion
from indexer.query.values import keyword_value
from indexer.stores import FACET_FIELDS, SearchQuery, SearchResult
from indexer.stores.base import cursor_start, encode_cursor

router = APIRouter(include_in_schema=False)

PAGE_FILTERS = (
    "kind",
    "jurisdiction",
    "institution",
    "court",
    "matter",
    "ponente",
    "ruling",
    "redacted",
    "expediente",
    "session_type",
    "congress",
    "legislature",
    "chamber",
    "period",
    "doc_type",
    "source",
)
# The API's default facets, the sentido del fallo: a filter people come to the page for
# («condenatorio», «confirma»), counted only in the sentencias that publish it; and
# whether a document is a redacted public version (the sentences that hide data),
# counted only in the documents whose text the personal-data guard read.
PAGE_FACETS = (*FACET_FIELDS, "ruling", "redacted")
# A facet the store names differently from the page's parameter.
FACET_PARAMS = {"source_id": "source"}
# Every store holds dates in this span (Tantivy counts nanoseconds in 64 bits); a bound
# beyond it bounds nothing, so it is brought to the edge instead of failing the search.
DATE_SPAN = (dt.date(1678, 1, 1), dt.date(2261, 12, 31))
SINGLE_PARAMS = ("q", "sort", "cursor", "date_from", "date_to", "year")  # one value each
PAGE_PARAMS = (*SINGLE_PARAMS, *PAGE_FILTERS)
SORTS = {
    "relevance": "Relevancia",
    "date_desc": "Más recientes",
    "date_asc": "Más antiguos",
    "most_cited": "Más citados",
}
PAGE_SIZE = 20
# every link of the page repeats the search's parameters: a page is drawn only for a
# search of a person's size (the API's bounds, and this many parameters in all)
MAX_PAGE_PARAMS = 200
UNKNOWN_SHOWN = 3


def parse_date(value: str, name: str, errors: list[str]) -> dt.date | None:
    if not value.strip():
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"La fecha «{value[:40]}» ({name}) no es válida: use AAAA-MM-DD.")
        return None
    return min(max(day, DATE_SPAN[0]), DATE_SPAN[1])


def whole_words(fragment: str) -> Markup:
    """A highlight fragment (escaped HTML, only ``<mark>`` as markup) with the half words
    an engine leaves at its edges cut off, and an ellipsis where text was cut."""
    text = fragment.strip()
    head, _, rest = text.partition(" ")
    if rest and head and head[0].isalnum() and head[0].islower() and "<" not in head:
        text = "… " + rest
    body, _, tail = text.rpartition(" ")
    if body and tail and tail[-1].isalnum() and "<" not in tail and len(tail) < 25:
        text = body + " …"
    return Markup(text)


def year_counts(result: SearchResult) -> list[tuple[int, int]]:
    """Results per year, oldest first: the main search's own ``year`` facet (every store
    counts it when asked). An empty facet beside results means none of them has a date:
    no chart, and no searches to find the years (each would find an undated document)."""
    buckets = result.facets.get("year", ())
    years = ((str(b.value), b.count) for b in buckets)
    return sorted((int(v), count) for v, count in years if v.isascii() and v.isdigit())


def _search_with_facets_indexed(library: Library, query: SearchQuery) -> SearchResult:
    """The page's search; a facet the index has no field for yet (an engine index of an
    older mapping, until ``abierto reindex``) is left off the page, the rest answered."""
    try:
        return search_library(library, query)
    except BadSearch as exc:
        if not exc.unindexed_facets:
            raise
        facets = [f for f in query.facets if f not in exc.unindexed_facets]
        return search_library(library, query.model_copy(update={"facets": facets}))


@router.get("/", response_class=HTMLResponse)
@router.get("/buscar", response_class=HTMLResponse)
def search_page(request: Request, library: LibraryDep) -> Any:
    params = request.query_params
    q = params.get("q", "")[:2000]
    errors: list[str] = []
    date_from = parse_date(params.get("date_from", ""), "desde", errors)
    date_to = parse_date(params.get("date_to", ""), "hasta", errors)
    year = params.get("year", "").strip()
    if year:
        number = whole_number(year, 4)
        if number is not None and 1800 <= number <= 2100:
            date_from, date_to = dt.date(number, 1, 1), dt.date(number, 12, 31)
        else:
            errors.append(f"El año «{year[:10]}» no es válido.")
    if date_from and date_to and date_from > date_to:
        errors.append("La fecha «desde» es posterior a la fecha «hasta».")
    for name in SINGLE_PARAMS:
        times = len(params.getlist(name))
        if times > 1:
            errors.append(f"El parámetro «{name}» se dio {times} veces y admite un solo valor.")
    unknown = [name for name in params if name not in PAGE_PARAMS and not name.startswith("utm_")]
    for name in unknown[:UNKNOWN_SHOWN]:
        # said in people's words: the address's parameter names (session_type, doc_type…)
        # are the API's, for programs, and the page's own filters are chosen from a list
        errors.append(
            f"El filtro «{name[:40]}» no existe en esta página: quítelo de la dirección y "
            "elija los filtros y las fechas en «Filtros»."
        )
    browsing = not q.strip()
    chosen = params.get("sort", "")
    sort = chosen if chosen in SORTS else ("date_desc" if browsing else "relevance")
    selected = {name: [v for v in params.getlist(name) if v.strip()] for name in PAGE_FILTERS}
    oversized = _oversized(params, selected)
    if oversized:
        errors.append(oversized)
        selected = {name: [] for name in PAGE_FILTERS}  # nothing of it is repeated in links
    for value in selected["redacted"]:  # any other value would find nothing, silently
        if keyword_value("redacted", value) not in ("si", "no"):
            errors.append(f"«Versión testada» es «sí» o «no», no «{value[:20]}».")
    filters = build_filters({("source_id" if k == "source" else k): v for k, v in selected.items()})
    result: SearchResult | None = None
    left_out = 0  # hits of this page changed since the index's last commit, not shown
    query = SearchQuery(
        q=q,
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        sort=sort,  # type: ignore[arg-type]
        limit=PAGE_SIZE,
        cursor=params.get("cursor") or None,
        facets=list(PAGE_FACETS),
        highlight=not browsing,  # a browsing list is titles and dates: no snippets to cut
    )
    # where this page starts, and the index commit it was read from when its link named one
    offset, commit = cursor_start(query)
    if not errors:
        try:
            found = _search_with_facets_indexed(library, query)
            # the index lags the database until its next commit: the page as it holds it,
            # its counts without what was withheld or deleted since (never told apart)
            less = uncounted(library, query)
            result = current_result(library, found, query, less)
            left_out = sum(hit.id not in less.ids for hit in found.hits) - len(result.hits)
        except BadSearch as exc:
            if exc.field == "cursor":
                errors.append("El enlace de página ya no es válido: repita la búsqueda.")
            elif exc.mensaje and exc.kind != "query_syntax":
                errors.append(f"{exc.mensaje[0].upper()}{exc.mensaje[1:]}")
            else:
                errors.append(parser_message(exc.msg, exc.position, exc.mensaje))
        except ValueError:
            errors.append("El enlace de página ya no es válido: repita la búsqueda.")
    base = [(k, v) for k, v in params.multi_items() if k != "cursor" and v.strip()]
    if oversized:
        base = [("q", q)] if q.strip() else []

    # most links only add a pair (each facet value's): the search's own part written once
    base_link = "/buscar?" + query_string(base) + "&" if base else "/buscar?"
    kept = set(base)

    def link(
        add: tuple[str, str] | None = None,
        remove: tuple[str, str] | None = None,
        drop: tuple[str, ...] = (),
    ) -> str:
        if add and remove is None and not drop and add not in kept and add[0] not in REPLACED:
            return base_link + _pair(*add)
        items = [item for item in base if item != remove and item[0] not in drop]
        if add and add not in items:
            items = [item for item in items if not (add[0] in REPLACED and item[0] == add[0])]
            items.append(add)
        return "/buscar?" + query_string(items) if items else "/buscar"

    def page(cursor: str | None) -> str:
        items = list(base) if cursor is None else [*base, ("cursor", cursor)]
        return "/buscar?" + query_string(items) if items else "/buscar"

    def previous(at: int) -> str:
        """The page before, read from this page's commit (a page that names none: from
        the current one, as the first page is)."""
        if at == 0 and commit is None:
            return page(None)
        return page(encode_cursor(query, at, commit=commit))

    context: dict[str, Any] = {
        "section": "buscar",
        "q": q,
        "sort": sort,
        "sorts": SORTS,
        "browsing": browsing,
        "date_from": "" if year else params.get("date_from", ""),
        "date_to": "" if year else params.get("date_to", ""),
        "year": year,
        "selected": selected,
        "result": result,
        "left_out": left_out,
        "errors": errors,
        "link": link,
        "search_path": link(),
        "exports": _exports(base),
        "whole_words": whole_words,
        "passage_links": passage_links,
    }
    if result is None or result.total == 0:
        suggestion = operator_suggestion(q)
        if suggestion:
            context.update(
                suggestion=suggestion, suggestion_link=link(("q", suggestion), drop=("q",))
            )
    if result is not None:
        shown_to = offset + len(result.hits)
        context.update(
            first=offset + 1,
            last=shown_to,
            # the store's own cursor: it names the commit the next page is read from
            next_link=page(result.next_cursor) if result.next_cursor else None,
            prev_link=previous(max(0, offset - PAGE_SIZE)) if offset > 0 else None,
            facet_order=[
                f
                for f in PAGE_FACETS
                if result.facets.get(f) and FACET_PARAMS.get(f, f) in PAGE_FILTERS
            ],
            facet_param=lambda f: FACET_PARAMS.get(f, f),
            videos=_with_video(library, result),
        )
        years = year_counts(result)
        context.update(years=years, year_chart=year_bars(years, "Resultados por año"))
    return render(request, "search.html", context, 400 if errors else 200)


# parameters a link sets rather than adds to: its value replaces the search's own
REPLACED = ("sort", "year")


@functools.lru_cache(maxsize=1024)
def _pair(name: str, value: str) -> str:
    return urlencode([(name, value)])


def query_string(items: list[tuple[str, str]]) -> str:
    """``urlencode(items)``, each pair encoded once: a page links every facet value with
    the search's own parameters repeated (some 180 links, each quoting them again)."""
    return "&".join(_pair(name, value) for name, value in items)


def _oversized(params: Any, selected: dict[str, list[str]]) -> str | None:
    """Why a search is larger than a person's (its page would repeat it in every link),
    or None."""
    for name, values in selected.items():
        if len(values) > MAX_FILTER_VALUES:
            return (
                f"El filtro «{name}» admite como máximo {MAX_FILTER_VALUES} valores, "
                f"no {len(values)}."
            )
        if any(len(value) > MAX_VALUE_CHARS for value in values):
            return (
                f"Un valor del filtro «{name}» es demasiado largo: como máximo "
                f"{MAX_VALUE_CHARS} caracteres."
            )
    if len(params.multi_items()) > MAX_PAGE_PARAMS:
        return f"La búsqueda tiene demasiados parámetros: como máximo {MAX_PAGE_PARAMS}."
    return None


def _exports(base: list[tuple[str, str]]) -> dict[str, str]:
    """This search as an Atom feed and a CSV file (the API's own parameters). The page's
    CSV begins with a byte-order mark: a spreadsheet (Excel) opened on it reads UTF-8,
    not «daÃ±o»; the API's own default stays without one."""
    items = [(k, v) for k, v in base if k in ("q", "date_from", "date_to", *PAGE_FILTERS)]
    year = next((v for k, v in base if k == "year"), "")
    if whole_number(year, 4) is not None:
        items += [("date_from", f"{year}-01-01"), ("date_to", f"{year}-12-31")]
    query = urlencode(items)
    spreadsheet = urlencode([*items, ("bom", "1")])
    return {"atom": f"/v1/search.atom?{query}", "csv": f"/v1/export.csv?{spreadsheet}"}


def _with_video(library: Library, result: SearchResult) -> set[str]:
    ids = [hit.id for hit in result.hits if hit.kind == "sesion"]
    if not ids:
        return set()
    docs = without_text(library, ids)
    return {i for i, doc in docs.items() if isinstance(doc, Sesion) and doc.video_urls}
