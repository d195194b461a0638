"""``GET /v1/sessions``: the video finder — congress sessions and where to watch them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from api.deps import LibraryDep, build_filters, check_dates, page_url, permalink, run_search
from api.index_lag import published, uncounted
from api.schemas import SessionItem, SessionsResponse, ValidationErrorResponse
from indexer.models import Sesion
from indexer.stores import SearchHit, SearchQuery

router = APIRouter(prefix="/v1", tags=["sessions"])

AGENDA_ITEMS = 5
Many = Annotated[list[str] | None, Query()]


@router.get(
    "/sessions",
    response_model=SessionsResponse,
    responses={422: {"model": ValidationErrorResponse, "description": "Malformed parameter"}},
    summary="Find congress sessions and their video transmissions",
)
def sessions(
    request: Request,
    library: LibraryDep,
    congress: Many = None,
    legislature: Many = None,
    chamber: Many = None,
    session_type: Many = None,
    period: Annotated[
        list[str] | None,
        Query(
            description="Legislative period as shown: «Primer periodo ordinario, segundo año "
            "de ejercicio» (case and accents do not matter)"
        ),
    ] = None,
    jurisdiction: Many = None,
    date_from: Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[dt.date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    q: Annotated[str, Query(description="Words in the title, agenda or transcript")] = "",
    sort: Literal["date_desc", "date_asc", "relevance"] = "date_desc",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
) -> SessionsResponse:
    """Sessions newest first, each with its agenda's first items and its video links."""
    check_dates(date_from, date_to)
    filters = build_filters(
        {
            "congress": congress,
            "legislature": legislature,
            "chamber": chamber,
            "session_type": session_type,
            "period": period,
            "jurisdiction": jurisdiction,
        }
    )
    query = SearchQuery(
        q=q,
        filters={"kind": ["sesion"], **filters},
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        limit=limit,
        cursor=cursor or None,
        facets=[],
        highlight=False,
    )
    result = run_search(library, query)
    docs = library.db.get_documents([hit.id for hit in result.hits])
    # not counting, nor listing, the sessions withheld or deleted since the index's last
    # commit, nor those masked since that the question no longer finds (``api.index_lag``)
    less = uncounted(library, query)
    items = []
    for hit in result.hits:
        doc = docs.get(hit.id)
        if (doc is not None and not published(doc)) or hit.id in less.ids:
            continue
        items.append(_item(doc) if isinstance(doc, Sesion) else _from_hit(hit))
    total = max(0, result.total - len(less.ids))
    return SessionsResponse(
        total=total,
        sessions=items,
        next_cursor=result.next_cursor,
        next_url=page_url(request, result.next_cursor),
    )


def _item(doc: Sesion) -> SessionItem:
    return SessionItem(
        id=doc.id,
        title=doc.title,
        date=doc.date,
        institution=doc.institution,
        jurisdiction=doc.jurisdiction,
        congress=doc.congress,
        legislature=doc.legislature,
        chamber=doc.chamber,
        session_type=doc.session_type,
        sitting=doc.sitting,
        session_number=doc.session_number,
        period=doc.period,
        agenda=doc.agenda[:AGENDA_ITEMS],
        agenda_total=len(doc.agenda),
        videos=doc.video_urls,
        stenographic_urls=doc.stenographic_urls,
        url=doc.url,
        permalink=permalink(doc.id),
        speeches_url=f"/v1/sessions/{doc.id}/speeches",
    )


def _from_hit(hit: SearchHit) -> SessionItem:
    """A session the index knows but the database no longer has: summary fields only."""

    def text(name: str) -> str | None:
        value = hit.fields.get(name)
        return value if isinstance(value, str) else None

    return SessionItem(
        id=hit.id,
        title=hit.title,
        date=hit.date,
        institution=hit.institution,
        jurisdiction=hit.jurisdiction,
        congress=text("congress"),
        legislature=text("legislature"),
        chamber=text("chamber"),
        session_type=text("session_type"),
        period=text("period"),
        url=hit.url,
        permalink=permalink(hit.id),
    )
