"""An alert's search as it is kept: the words and filters of a ``/v1/search``, no page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from indexer.stores import SearchQuery


def saved_query(query: SearchQuery) -> dict[str, Any]:
    """What of a search an alert keeps (sort, page and facets mean nothing to it)."""
    return {
        "q": query.q,
        "filters": {name: list(values) for name, values in query.filters.items()},
        "date_from": query.date_from.isoformat() if query.date_from else None,
        "date_to": query.date_to.isoformat() if query.date_to else None,
    }


def search_of(saved: dict[str, Any], limit: int = 100) -> SearchQuery:
    """The search a kept query stands for."""
    return SearchQuery(
        q=saved.get("q") or "",
        filters=saved.get("filters") or {},
        date_from=_day(saved.get("date_from")),
        date_to=_day(saved.get("date_to")),
        limit=limit,
        facets=[],
        highlight=False,
    )


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
