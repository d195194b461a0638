"""A search with words exported whole, though the store pages only ``MAX_OFFSET`` deep:
the date range is cut into windows that each hold at most ``WINDOW`` matches (halving a
window until it does, by the store's own count), read one after another in date order;
undated matches come last (found by paging the whole search, so only when it has at most
``REACH`` matches). A single day with more matches than a window holds is read
as far as the store reaches and the export says it is incomplete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from api.deps import search_library
from api.export import rows as export_rows
from api.export.rows import from_store
from indexer.library import AnyDocument, Library
from indexer.stores import SearchQuery
from indexer.stores.base import FIRST_DAY, LAST_DAY, MAX_OFFSET, Searching

WINDOW = MAX_OFFSET
# undated matches are found by paging the whole search: only within the store's reach
REACH = MAX_OFFSET
DAY = dt.timedelta(days=1)


@dataclass
class Plan:
    """One part of an export: its windows, where the next part starts, and whether every
    match is reached."""

    windows: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    next_start: dt.date | None = None
    complete: bool = True
    undated: bool = False


def count(index: Searching, query: SearchQuery, start: dt.date, end: dt.date) -> int:
    window = {"date_from": start, "date_to": end, "cursor": None}
    return search_library(index, _counting(query).model_copy(update=window)).total


def _counting(query: SearchQuery) -> SearchQuery:
    update = {"limit": 1, "facets": [], "highlight": False, "cursor": None}
    return query.model_copy(update=update)


def plan(index: Searching, query: SearchQuery, start: dt.date) -> Plan:
    """Windows from ``start`` holding at most ``PART_DOCUMENTS`` matches (or one window),
    counted on ``index`` (the snapshot ``documents`` then reads)."""
    rows = export_rows.PART_DOCUMENTS
    end = query.date_to or LAST_DAY
    part = Plan()
    taken = 0
    pending = [(start, end)] if start <= end else []
    while pending:
        first, last = pending.pop()
        found = count(index, query, first, last)
        if found == 0:
            continue
        if found > WINDOW and first < last:
            middle = first + (last - first) // 2
            pending += [(middle + DAY, last), (first, middle)]
            continue
        if part.windows and taken + found > rows:
            part.next_start = first
            return part
        part.complete = part.complete and found <= WINDOW
        part.windows.append((first, last))
        taken += found
    if query.date_from is None and query.date_to is None:
        everything = search_library(index, _counting(query)).total
        dated = count(index, query, FIRST_DAY, LAST_DAY)
        part.undated = everything > dated
        part.complete = part.complete and (not part.undated or everything <= REACH)
    return part


def documents(
    library: Library, index: Searching, query: SearchQuery, part: Plan, began: dt.datetime
) -> Iterator[AnyDocument]:
    """The part's documents from ``index`` (the snapshot its plan was counted on), each
    once: a document whose date changed between two reads of the index (a store that
    cannot pin it) would otherwise be in two windows. ``began``: a moment before the
    snapshot was taken (``rows.from_store``)."""
    given: set[str] = set()
    for doc in _read(library, index, query, part, began):
        if doc.id not in given:
            given.add(doc.id)
            yield doc


def _read(
    library: Library, index: Searching, query: SearchQuery, part: Plan, began: dt.datetime
) -> Iterator[AnyDocument]:
    for first, last in part.windows:
        window = {"date_from": first, "date_to": last, "sort": "date_asc", "cursor": None}
        yield from from_store(library, index, query.model_copy(update=window), query, began)
    if part.undated:
        every = query.model_copy(update={"sort": "date_asc", "cursor": None})
        undated = from_store(library, index, every, query, began)
        yield from (doc for doc in undated if doc.date is None)
