"""The finder's sessions with live and announced ones first across every page, not only
within one: they are set apart ("En vivo y próximamente", on the first page) and left out
of the paged list, whose pages stay the same whichever page one arrives from.

The store knows no video state, so the sessions that can be live or announced are read
from the head of the list: those dated from a week before today (or before the newest
session, if the library is older) onwards. In date order they are exactly the list's
first ``len(head)`` entries, so the paged list is the head without them, then the
store's own order from there on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from api.deps import search_library
from api.index_lag import uncounted, without_uncounted
from api.routers.pages.summaries import without_text
from indexer.library import Library
from indexer.models import Sesion
from indexer.stores import SearchQuery
from indexer.stores.base import encode_cursor

RECENT_DAYS = 7
HEAD_PAGES = 5  # at most 500 sessions in the head (a week of every congress)


@dataclass
class SessionList:
    first: list[Sesion]  # live, then announced (soonest first)
    page: list[Sesion]  # the page of the list without them
    total: int  # sessions in the list without them
    has_next: bool


def _state(doc: Sesion) -> str | None:
    states = {video.state for video in doc.video_urls}
    return "live" if "live" in states else "upcoming" if "upcoming" in states else None


def head_start(library: Library, today: dt.date) -> dt.date:
    """From when a session may still be live or announced."""
    newest = SearchQuery(
        filters={"kind": ["sesion"]}, sort="date_desc", limit=1, facets=[], highlight=False
    )
    hits = library.search(newest).hits
    latest = hits[0].date if hits and hits[0].date else today
    return min(today, latest) - dt.timedelta(days=RECENT_DAYS)


def _head_ids(library: Library, query: SearchQuery, start: dt.date) -> list[str]:
    if query.date_to is not None and query.date_to < start:
        return []
    head = query.model_copy(
        update={
            "date_from": max(query.date_from or start, start),
            "cursor": None,
            "limit": 100,
            "sort": "date_desc",
        }
    )
    ids: list[str] = []
    for _ in range(HEAD_PAGES):
        result = search_library(library, head)
        ids += [hit.id for hit in result.hits]
        if not result.next_cursor:
            break
        head = head.model_copy(update={"cursor": result.next_cursor})
    return ids


def live_first(
    library: Library, query: SearchQuery, offset: int, today: dt.date | None = None
) -> SessionList:
    """The page at ``offset`` (of the list without live and announced sessions) of
    ``query`` (sorted newest first), and those sessions apart."""
    size = query.limit
    head = _head_ids(library, query, head_start(library, today or dt.date.today()))
    head_docs = without_text(library, head)
    ahead = [d for i in head if isinstance(d := head_docs.get(i), Sesion) and _state(d)]
    ahead_ids = {d.id for d in ahead}
    rest_head = [i for i in head if i not in ahead_ids]
    ids = rest_head[offset : offset + size]
    tail = query.model_copy(update={"cursor": None, "sort": "date_desc"})
    at = len(head) + max(0, offset - len(rest_head))
    if at:
        tail = tail.model_copy(update={"cursor": encode_cursor(tail, at)})
    result = search_library(library, tail)
    # not counting, nor listing, the sessions withheld or deleted since the index's last
    # commit, nor those masked since that the question no longer finds (``api.index_lag``)
    less = uncounted(library, tail)
    result = without_uncounted(result, less)
    ids += [hit.id for hit in result.hits][: size - len(ids)]
    docs = {**head_docs, **without_text(library, [i for i in ids if i not in head_docs])}
    page = [d for i in ids if isinstance(d := docs.get(i), Sesion) and i not in less.ids]
    ahead = [d for d in ahead if d.id not in less.ids]
    total = max(0, result.total - len(ahead))
    live = [d for d in ahead if _state(d) == "live"]
    announced = sorted(
        (d for d in ahead if _state(d) == "upcoming"), key=lambda d: d.date or dt.date.max
    )
    return SessionList(live + announced, page, total, offset + len(ids) < total)
