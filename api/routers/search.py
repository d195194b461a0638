"""``GET /v1/search``: full-text search with filters, facets, sort and cursor paging."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from api.deps import (
    LibraryDep,
    build_filters,
    check_dates,
    page_url,
    parse_facets,
    permalink,
    run_search,
)
from api.schemas import Hit, SearchResponse, ValidationErrorResponse
from indexer.models import Kind
from indexer.stores import SearchQuery

router = APIRouter(prefix="/v1", tags=["search"])

Many = Annotated[list[str] | None, Query()]
Sort = Literal["relevance", "date_desc", "date_asc"]
Q_HELP = (
    'Words (accents and plurals do not matter), "exact phrases", AND / OR / NOT, -word, '
    'prefix*, field:value (matter:penal, court:"Sala Penal"). Empty: every document.'
)


@router.get(
    "/search",
    response_model=SearchResponse,
    responses={422: {"model": ValidationErrorResponse, "description": "Malformed parameter"}},
    summary="Search sentences, sessions and legislative records",
)
def search(
    request: Request,
    library: LibraryDep,
    q: Annotated[str, Query(description=Q_HELP)] = "",
    kind: Annotated[list[Kind] | None, Query(description="sentencia, sesion, legislativo")] = None,
    jurisdiction: Annotated[
        list[str] | None, Query(description="ISO 3166-2:MX, e.g. MX-GUA")
    ] = None,
    institution: Many = None,
    court: Many = None,
    matter: Many = None,
    session_type: Many = None,
    congress: Many = None,
    legislature: Many = None,
    chamber: Many = None,
    doc_type: Many = None,
    expediente: Many = None,
    source: Many = None,
    date_from: Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    sort: Sort = "relevance",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    facets: Annotated[
        list[str] | None,
        Query(description="Fields to count (comma list or repeated); default a standard set; none"),
    ] = None,
) -> SearchResponse:
    """Each filter may be repeated (values of one filter are ORed; filters are ANDed).
    Highlights are HTML-escaped text with the matches wrapped in ``<mark>``."""
    check_dates(date_from, date_to)
    filters = build_filters(
        {
            "kind": list(kind) if kind else None,
            "jurisdiction": jurisdiction,
            "institution": institution,
            "court": court,
            "matter": matter,
            "session_type": session_type,
            "congress": congress,
            "legislature": legislature,
            "chamber": chamber,
            "doc_type": doc_type,
            "expediente": expediente,
            "source": source,
        }
    )
    query = SearchQuery(
        q=q,
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        limit=limit,
        cursor=cursor or None,
        facets=parse_facets(facets),
    )
    result = run_search(library, query)
    return SearchResponse(
        total=result.total,
        hits=[Hit(**hit.model_dump(), permalink=permalink(hit.id)) for hit in result.hits],
        facets=result.facets,
        next_cursor=result.next_cursor,
        next_url=page_url(request, result.next_cursor),
    )
