"""The search parameters, read once for every answer of a search (JSON and Atom): the
same names, the same checks, the same 422s.

A parameter the API does not know (``?year=`` before it existed, ``?juez=``) is refused
with the list of the valid ones: silently ignoring it would answer another question.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import Query, Request

from api.deps import build_filters, check_dates, invalid, parse_facets
from api.query_pairs import query_pairs
from indexer.models import KINDS
from indexer.query import FILTER_PARAMS
from indexer.query.values import keyword_value
from indexer.stores import SearchQuery

Many = Annotated[list[str] | None, Query()]
Sort = Literal["relevance", "date_desc", "date_asc", "most_cited"]
PAGING_PARAMS = ("q", "sort", "limit", "cursor", "facets", "date_from", "date_to")
Q_HELP = (
    'Words (accents and plurals do not matter), "exact phrases", "words near"~5, '
    'AND / OR / NOT, -word, prefix*, field:value (matter:penal, ponente:"María López", '
    'expediente:"Toca 133/2021"). Empty: every document, newest first. '
    "See GET /v1/search/syntax."
)
_YEAR = re.compile(r"\d{4}")


def valid_params() -> list[str]:
    return [*PAGING_PARAMS, *FILTER_PARAMS]


def check_known(request: Request, extra: tuple[str, ...] = ()) -> None:
    """422 for a query parameter this search does not understand."""
    names = dict.fromkeys(name for name, _ in query_pairs(request.scope))
    check_names(list(names), [*valid_params(), *extra])


def check_names(names: list[str], valid: list[str]) -> None:
    """422 naming the first of ``names`` that is not ``valid``, and listing the valid ones
    (the parameters of a search, or the keys of an alert's query)."""
    known = set(valid)
    for name in names:
        if name not in known:
            choices = ", ".join(valid)
            raise invalid(
                name[:50],
                f"unknown parameter {name[:50]!r}; valid parameters: {choices}",
                "unknown_parameter",
                mensaje=f"el parámetro «{name[:50]}» no existe; parámetros válidos: {choices}",
            )


def route_params(request: Request) -> tuple[str, ...]:
    """Query parameters the answering route declares itself (an export's ``fields``)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    return tuple(p.alias for p in dependant.query_params) if dependant is not None else ()


# A search names a few values per filter, each a name or a case number; thousands (or a
# value of pages) only make every answer and page that repeats them grow.
MAX_FILTER_VALUES = 50
MAX_VALUE_CHARS = 500
_PARAM_OF = {field: param for param, field in FILTER_PARAMS.items()}


def check_sizes(filters: dict[str, list[str]]) -> None:
    """At most ``MAX_FILTER_VALUES`` values of one filter, each of ``MAX_VALUE_CHARS``."""
    for field, values in filters.items():
        name = _PARAM_OF.get(field, field)
        if len(values) > MAX_FILTER_VALUES:
            raise invalid(
                name,
                f"{name}: at most {MAX_FILTER_VALUES} values, not {len(values)}",
                "too_many_values",
                mensaje=f"{name}: se admiten como máximo {MAX_FILTER_VALUES} valores, "
                f"no {len(values)}",
            )
        if any(len(value) > MAX_VALUE_CHARS for value in values):
            raise invalid(
                name,
                f"{name}: a value has at most {MAX_VALUE_CHARS} characters",
                "value_too_long",
                mensaje=f"{name}: cada valor admite como máximo {MAX_VALUE_CHARS} caracteres",
            )


def check_values(filters: dict[str, list[str]]) -> None:
    check_sizes(filters)
    for value in filters.get("year", []):
        if not _YEAR.fullmatch(value.strip()):
            raise invalid(
                "year",
                f"year must be a year of four digits, like 2023, not {value[:20]!r}",
                "year",
                mensaje=f"el año debe tener cuatro cifras, como 2023, no «{value[:20]}»",
            )
    for value in filters.get("kind", []):
        if keyword_value("kind", value) not in KINDS:
            raise invalid(
                "kind",
                f"unknown kind {value[:40]!r}; choose from: {', '.join(KINDS)}",
                "kind",
                mensaje=f"no hay documentos de tipo «{value[:40]}»; elija entre: "
                "sentencia, sesión, documento legislativo",
            )
    for value in filters.get("redacted", []):
        # only two answers: any other value would find nothing, silently
        if keyword_value("redacted", value) not in ("si", "no"):
            raise invalid(
                "redacted",
                f"redacted is «sí» or «no», not {value[:20]!r}",
                "redacted",
                mensaje=f"testada es «sí» o «no», no «{value[:20]}»",
            )


async def search_query(
    request: Request,
    q: Annotated[str, Query(description=Q_HELP)] = "",
    kind: Annotated[
        list[str] | None,
        Query(description="sentencia, sesion, legislativo (or as pages show them: Sesión)"),
    ] = None,
    jurisdiction: Annotated[
        list[str] | None, Query(description="ISO 3166-2:MX (MX-GUA) or the name (Guanajuato)")
    ] = None,
    institution: Many = None,
    court: Annotated[
        list[str] | None,
        Query(description="Court, by some of its words: the stored values holding them all"),
    ] = None,
    matter: Many = None,
    ponente: Annotated[
        list[str] | None,
        Query(description="Ponente, by some of its words (Pérez Dayán): values holding them all"),
    ] = None,
    ruling: Annotated[
        list[str] | None,
        Query(
            description="Sentido del fallo, como lo publica la fuente (condenatorio, "
            "confirmar) o como lo dicen los resolutivos (sobreseer, amparar, no amparar); "
            "cualquier forma de un mismo sentido lo encuentra (sobresee, sobreseimiento, "
            "se concede el amparo). Cada valor y lo que significa: GET /v1/search/syntax, "
            "«sentidos»; la página /ayuda#sentidos."
        ),
    ] = None,
    redacted: Annotated[
        list[str] | None,
        Query(
            description="Redacted public version: «sí» (its publisher hid data in it: «XXXXX», "
            "«[ELIMINADO]», a black box), «no» (its text was read and hides none); a document "
            "whose text was not read is neither"
        ),
    ] = None,
    expediente: Annotated[
        list[str] | None,
        Query(description='Case number in any written form: "Toca No. 133/2021", "0133/2021"'),
    ] = None,
    session_type: Many = None,
    period: Annotated[
        list[str] | None,
        Query(description="A session's legislative period: «Primer periodo ordinario…»"),
    ] = None,
    congress: Many = None,
    legislature: Many = None,
    chamber: Many = None,
    doc_type: Annotated[
        list[str] | None, Query(description="punto_de_acuerdo or as displayed: punto de acuerdo")
    ] = None,
    year: Annotated[list[str] | None, Query(description="Year of the act's date: 2023")] = None,
    source: Many = None,
    cita: Annotated[
        list[str] | None,
        Query(
            description='Documents citing this: "AR 1234/2023", "CPEUM art. 14", '
            '"registro 2023456", written any way a text writes it'
        ),
    ] = None,
    date_from: Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    sort: Annotated[
        Sort | None,
        Query(
            description="Default: relevance, or date_desc when q is empty; most_cited: "
            "documents cited by most others first"
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    facets: Annotated[
        list[str] | None,
        Query(
            description="Fields to count (comma list or repeated); default a standard set; "
            "none. Each gives its 20 commonest values; year gives every year"
        ),
    ] = None,
) -> SearchQuery:
    """Each filter may be repeated (values of one filter are ORed; filters are ANDed).
    Asynchronous for no waiting: it only reads the request, and a plain function would
    be sent to the thread pool and back, which cost more than the reading."""
    check_known(request, route_params(request))
    check_dates(date_from, date_to)
    filters = build_filters(
        {
            "kind": kind,
            "jurisdiction": jurisdiction,
            "institution": institution,
            "court": court,
            "matter": matter,
            "ponente": ponente,
            "ruling": ruling,
            "redacted": redacted,
            "expediente": expediente,
            "session_type": session_type,
            "period": period,
            "congress": congress,
            "legislature": legislature,
            "chamber": chamber,
            "doc_type": doc_type,
            "year": year,
            "source": source,
            "cita": cita,
        }
    )
    check_values(filters)
    return SearchQuery(
        q=q,
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        sort=sort or ("relevance" if q.strip() else "date_desc"),
        limit=limit,
        cursor=cursor or None,
        facets=parse_facets(facets),
    )
