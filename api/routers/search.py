"""``GET /v1/search``: full-text search with filters, facets, sort and cursor paging;
``GET /v1/search/syntax``: the query language, explained in Spanish with examples."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic_core import to_json

from api.answer_cache import HIT_IDS
from api.deps import PARAM_OF, LibraryDep, page_url, permalink, run_search_plain, suggestion_text
from api.index_lag import current_result
from api.json_bytes import json_bytes
from api.passages import passage_links
from api.query_syntax import SYNTAX
from api.schemas import Hit, SearchResponse, ValidationErrorResponse
from api.search_params import search_query
from api.search_route import SearchRoute
from indexer.query import operator_suggestion
from indexer.stores import SearchHit, SearchQuery, SearchResult
from indexer.stores.plain import PlainResult

router = APIRouter(prefix="/v1", tags=["search"])


def search(
    request: Request,
    library: LibraryDep,
    query: Annotated[SearchQuery, Depends(search_query)],
) -> Response:
    """Each filter may be repeated (values of one filter are ORed; filters are ANDed).
    Highlights are HTML-escaped text with the matches wrapped in ``<mark>``. An unknown
    parameter, field or facet is a 422 that lists the valid ones."""
    # the index lags the database until its next commit: its page as the database holds
    # it, its counts without what was withheld or deleted since
    result = current_result(library, run_search_plain(library, query), query)
    # the answer cache replays it only while these documents are as the index holds them
    request.scope.setdefault("state", {})[HIT_IDS] = [
        hit["id"] if isinstance(hit, dict) else hit.id for hit in result.hits
    ]
    suggestion = operator_suggestion(query.q) if result.total == 0 else None
    body = answer_json(result, page_url(request, result.next_cursor), suggestion, query.q)
    return Response(body, media_type="application/json")


router.add_api_route(
    "/search",
    search,
    methods=["GET"],
    response_model=SearchResponse,
    responses={422: {"model": ValidationErrorResponse, "description": "Malformed parameter"}},
    summary="Search sentences, sessions and legislative records",
    route_class_override=SearchRoute,
)


# a hit's keys in the order ``Hit`` documents them: the store's (a ``SearchHit``'s
# fields, which its ``__dict__`` holds in that order, nothing else), then its permalink
# and its snippets' links to their paragraphs
HIT_FIELDS = tuple(name for name in Hit.model_fields if name not in ("permalink", "passages"))
if tuple(SearchHit.model_fields) != HIT_FIELDS or SearchHit.model_config.get("extra"):
    raise TypeError("a search hit's keys are SearchHit's fields, in Hit's order")


def answer_json(
    result: SearchResult | PlainResult,
    next_url: str | None,
    suggestion: str | None,
    q: str | None = None,
) -> bytes:
    """``SearchResponse`` as JSON, written in one call of a JSON writer: the
    store's hits and counts are validated already (or are plain data the index wrote),
    so they are neither validated nor copied into response models again (that cost more
    than writing them)."""
    if isinstance(result, PlainResult):
        hits = result.hits  # the caller's own: each hit takes its permalink last
        for hit in hits:
            hit["permalink"] = permalink(hit["id"])
            hit["passages"] = passage_links(hit["id"], q, hit["highlights"])
        facets: dict[str, Any] = result.facets
    else:
        hits = [
            {
                **hit.__dict__,
                "permalink": permalink(hit.id),
                "passages": passage_links(hit.id, q, hit.highlights),
            }
            for hit in result.hits
        ]
        facets = result.facets
    answer = {
        "total": result.total,
        "hits": hits,
        "facets": facets_by_param(facets),
        "next_cursor": result.next_cursor,
        "next_url": next_url,
        "suggestion": suggestion,
        "sugerencia": suggestion_text(suggestion),
    }
    # plain data by the faster writer; an engine's models by pydantic's, which knows them
    return json_bytes(answer) if isinstance(result, PlainResult) else to_json(answer)


def facets_by_param(facets: dict[str, Any]) -> dict[str, Any]:
    """Each facet under the parameter that filters by it, as ``facets=`` names it
    (``source``), and under the store's name too where that differs (``source_id``: what
    answers said before, kept for the clients that read it)."""
    named = {}
    for field, counts in facets.items():
        param = PARAM_OF.get(field, field)
        named[param] = counts
        if param != field:
            named[field] = counts
    return named


@router.get("/search/syntax", summary="The query language, with examples (in Spanish)")
def syntax() -> dict[str, Any]:
    """Every operator of ``q``, every field and filter, with examples that work."""
    return SYNTAX
