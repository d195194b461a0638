"""A ``SearchQuery`` as one engine search request, and the answer as a ``SearchResult``.

Paging uses ``search_after`` (the sort values of the last hit, with ``id`` as the tie
breaker) inside an opaque cursor bound to the query's fingerprint, so a cursor from
another query, or from the embedded store, is refused like the embedded store refuses it.
The cursor also names the point in time its page was read from (``pits``).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from indexer.analysis import stem_tokens
from indexer.highlight import MatchPlan, plan, shown
from indexer.query import And, Field, Node, Not, Or, Phrase, QueryTooCostly
from indexer.stores.base import (
    FILTER_FIELDS,
    MAX_OFFSET,
    CursorError,
    FacetCount,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from indexer.stores.engine import highlights, pits
from indexer.stores.engine.compile import compile_query, field_clause
from indexer.stores.engine.pits import usable

SortValue = int | float | str | None

# A terms aggregation on several shards adds up each shard's top ``shard_size`` terms, so
# a value just below the cut on some shard is undercounted, or lost from the top. Asking
# each shard for every value it holds (up to this many per field) makes the counts
# exact; the engine's bucket limit (65,535 per search) caps the sum over the facets.
FACET_SHARD_TERMS = 10_000
FACET_SHARD_BUCKETS = 60_000


def encode_cursor(
    query: SearchQuery, after: list[SortValue], seen: int, pit: str | None = None
) -> str:
    """``pit``: the point in time the page was read from (``pits``), its next one too."""
    data: dict[str, Any] = {"a": after, "n": seen, "q": query.fingerprint()}
    if pit is not None:
        data["p"] = pit
    raw = json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(query: SearchQuery) -> tuple[list[SortValue] | None, int, str | None]:
    """The sort values to search after, how many hits came before and the point in time
    they were read from (None, 0, None: first page). An offset cursor
    (``base.encode_cursor``: a page's link to the one before it) is read as the hits to
    skip, with no sort values."""
    if not query.cursor:
        return None, 0, None
    try:
        padded = query.cursor + "=" * (-len(query.cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded))
        if "a" not in data and type(data.get("o")) is int:
            data = {"a": None, "n": data["o"], "q": data["q"]}
        after, seen, owner = data["a"], int(data["n"]), str(data["q"])
        pit = data.get("p")
        if pit is not None and not usable(pit):
            raise TypeError("point in time")
        if after is None and seen > MAX_OFFSET:
            raise ValueError("offset beyond what is paged")
        if after is not None and (
            not isinstance(after, list)
            or not all(isinstance(v, int | float | str) or v is None for v in after)
        ):
            raise TypeError("sort values")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CursorError("cursor is not valid: pass next_cursor exactly as returned") from exc
    if owner != query.fingerprint():
        raise CursorError("cursor belongs to a different query: repeat the same parameters")
    if seen < 0:
        raise CursorError("cursor is not valid: pass next_cursor exactly as returned")
    return after, seen, pit


def _filters(query: SearchQuery) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = []
    for name, values in query.filters.items():
        if name not in FILTER_FIELDS:
            raise ValueError(f"unknown filter field {name!r}")
        wanted = [v for v in values if v.strip()]
        if wanted:
            options = [c for c in (field_clause(name, v) for v in wanted) if c is not None]
            if not options:
                options = [{"match_none": {}}]
            clauses.append({"bool": {"should": options, "minimum_should_match": 1}})
    if query.date_from or query.date_to:
        bounds = {}
        if query.date_from:
            bounds["gte"] = query.date_from.isoformat()
        if query.date_to:
            bounds["lte"] = query.date_to.isoformat()
        clauses.append({"range": {"date": bounds}})
    return clauses


def _sort(query: SearchQuery) -> list[dict[str, Any]]:
    sort = query.effective_sort()
    if sort == "relevance":
        first: dict[str, Any] = {"_score": {"order": "desc"}}
    elif sort == "most_cited":
        first = {"cited_by": {"order": "desc", "missing": 0}}
    else:
        order = "desc" if sort == "date_desc" else "asc"
        first = {"date": {"order": order, "missing": "_last"}}
    return [first, {"id": {"order": "asc"}}]


def build(
    query: SearchQuery,
    tree: Node,
    after: list[SortValue] | None,
    shards: int = 1,
    seen: int = 0,
    work_s: float | None = None,
) -> dict[str, Any]:
    """The request body: compiled words, filters (not scored), sort, page, facets, highlight.
    ``work_s``: the engine's time for the question's matching (its ``timeout``); past it
    the engine stops and answers ``timed_out`` (``too_costly``)."""
    body: dict[str, Any] = {
        "query": {"bool": {"must": [compile_query(tree)], "filter": _filters(query)}},
        "sort": _sort(query),
        "size": query.limit,
        "track_total_hits": True,
        "_source": ["payload"],
    }
    if work_s:
        body["timeout"] = f"{max(1, round(work_s * 1000))}ms"
    if after is not None:
        body["search_after"] = after
    elif seen:
        body["from"] = seen
    facets = [name for name in query.facets if name in FILTER_FIELDS]
    if facets:
        body["aggs"] = {name: {"terms": terms(name, query, shards, facets)} for name in facets}
    if query.highlight:
        body["highlight"] = highlights.request()
        # phrases as spans of their words: the highlighter reads ``text``, not its pairs
        lit = shown(tree)
        words = compile_query(lit, positions=True)
        prefixes = plan(lit).prefixes
        # a prefix searches ``text.fold``; the highlighter reads ``text``: ask it there
        extra = [{"prefix": {"text": {"value": p}}} for p in prefixes]
        body["highlight"]["highlight_query"] = (
            {"bool": {"should": [words, *extra]}} if extra else words
        )
    return body


# what a search the engine stopped at its time says (``too_costly``); a question with a
# phrase is told what the embedded store tells it (``tantivy_native``)
_PHRASE_TOO_COSTLY = (
    "a proximity phrase needs too much work to search here: its words are too frequent or too many",
    "una frase con proximidad de esta búsqueda exige demasiado trabajo (sus palabras son "
    "muy frecuentes o demasiadas): acorte la frase o reduzca la proximidad",
)
_TOO_COSTLY = (
    "the search needs too much work to answer here: use fewer or less common words",
    "la búsqueda exige demasiado trabajo para responderla aquí: use menos palabras o "
    "palabras menos frecuentes",
)


def work_seconds(client: object) -> float | None:
    """The engine's time for a search's matching: a third of the client's wait for an
    answer (None: it has none), so the engine stops a costly question itself, well
    before the client gives up on it and asks it again."""
    waits = getattr(client, "timeout_s", None)
    return waits / 3 if isinstance(waits, int | float) and waits > 0 else None


def too_costly(response: dict[str, Any], tree: Node) -> QueryTooCostly | None:
    """The refusal of a search the engine stopped at its time (``timed_out``): its page,
    total and counts are a part of the answer, never given as the answer. A long phrase
    of common words (``"de la el de la el …"~5``) kept the engine's CPU busy for minutes
    at 100k documents while the API waited, and asked it again twice on its timeout."""
    if not response.get("timed_out"):
        return None
    return QueryTooCostly(*(_PHRASE_TOO_COSTLY if _has_phrase(tree) else _TOO_COSTLY))


def _has_phrase(node: Node) -> bool:
    match node:
        case Phrase(text, slop) | Field(_, text, True, slop):
            return bool(slop) or len(stem_tokens(text)) > 1
        case And(items) | Or(items):
            return any(_has_phrase(item) for item in items)
        case Not(item):
            return _has_phrase(item)
        case _:
            return False


def terms(name: str, query: SearchQuery, shards: int, facets: list[str]) -> dict[str, Any]:
    size = query.facet_size_of(name)
    terms: dict[str, Any] = {"field": name, "size": size}
    if shards > 1:
        depth = min(FACET_SHARD_TERMS, FACET_SHARD_BUCKETS // len(facets))
        terms["shard_size"] = max(size, depth)
    return terms


def _hit(raw: dict[str, Any], query: SearchQuery, match_plan: MatchPlan) -> SearchHit:
    payload = dict(raw["_source"]["payload"])
    if payload.get("date"):
        payload["date"] = dt.date.fromisoformat(payload["date"])
    hit = SearchHit(**payload)
    if query.effective_sort() == "relevance" and raw.get("_score") is not None:
        hit.score = float(raw["_score"])
    if query.highlight:
        hit.highlights = highlights.to_marks(raw.get("highlight", {}).get("text", []), match_plan)
    return hit


def parse(
    response: dict[str, Any],
    query: SearchQuery,
    seen: int,
    match_plan: MatchPlan,
    pit: str | None = None,
) -> SearchResult:
    raw_hits = response["hits"]["hits"]
    total = int(response["hits"]["total"]["value"])
    hits = [_hit(raw, query, match_plan) for raw in raw_hits if not pits.gone(raw)]
    next_seen = seen + len(raw_hits)
    next_cursor = None
    if raw_hits and next_seen < total:
        next_cursor = encode_cursor(query, raw_hits[-1]["sort"], next_seen, pit)
    facets = {
        name: [FacetCount(value=str(b["key"]), count=int(b["doc_count"])) for b in agg["buckets"]]
        for name, agg in response.get("aggregations", {}).items()
    }
    return SearchResult(total=total, hits=hits, facets=facets, next_cursor=next_cursor)
