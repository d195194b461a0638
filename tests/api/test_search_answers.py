"""``GET /v1/search``'s bytes are the documented answer of the store's result, exactly.

Each question is asked over HTTP and, independently, of the library itself with the
``SearchQuery`` written out by hand; the expected body is that result put through the
validating response model (``SearchResponse``) with each hit's permalink, the next page's
address and the suggestion added as the API documents them. However the route builds
its answer, a client must get these bytes: same keys in the same order, same numbers,
same escapes, compressed or not.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient

from api.passages import passage_links
from api.schemas import SearchResponse
from indexer.library import Library
from indexer.stores import FACET_FIELDS, SearchQuery

Params = list[tuple[str, str]]

# questions with no hits whose lower-case operators may have been meant as operators
SUGGESTIONS = {
    "amparo or revisión": "amparo OR revisión",
    "palabrainexistente and nada": "palabrainexistente AND nada",
}
SPANISH_SUGGESTION = "¿Quiso decir «{}»? En mayúsculas, OR, AND y NOT son operadores."

# (what a client sends, the same question written for the store)
QUESTIONS: list[tuple[Params, SearchQuery]] = [
    ([("q", "amparo")], SearchQuery(q="amparo")),
    ([("q", '"daño moral"')], SearchQuery(q='"daño moral"')),
    ([("q", "decisiones")], SearchQuery(q="decisiones")),
    ([("q", "robo OR fraude -pensión")], SearchQuery(q="robo OR fraude -pensión")),
    ([("q", "constitu*")], SearchQuery(q="constitu*")),
    ([("q", "moral"), ("limit", "1")], SearchQuery(q="moral", limit=1)),
    ([], SearchQuery(sort="date_desc")),
    ([("limit", "3")], SearchQuery(sort="date_desc", limit=3)),
    (
        [("jurisdiction", "MX-GUA"), ("kind", "sentencia")],
        SearchQuery(filters={"jurisdiction": ["MX-GUA"], "kind": ["sentencia"]}, sort="date_desc"),
    ),
    (
        [("q", "sesión"), ("sort", "date_asc"), ("facets", "matter,kind")],
        SearchQuery(q="sesión", sort="date_asc", facets=["matter", "kind"]),
    ),
    (
        [("q", "daño"), ("facets", "none"), ("date_from", "2021-01-01")],
        SearchQuery(q="daño", facets=[], date_from=dt.date(2021, 1, 1)),
    ),
    (
        [("facets", ",".join(reversed(FACET_FIELDS))), ("source", "pj-gto")],
        SearchQuery(
            facets=list(reversed(FACET_FIELDS)), filters={"source_id": ["pj-gto"]}, sort="date_desc"
        ),
    ),
    ([("q", "amparo or revisión")], SearchQuery(q="amparo or revisión")),
    ([("q", "palabrainexistente and nada")], SearchQuery(q="palabrainexistente and nada")),
    ([("q", "<script>")], SearchQuery(q="<script>")),
]


def expected(library: Library, params: Params, query: SearchQuery) -> bytes:
    """The documented answer to ``query``, built from the store's result."""
    result = library.search(query)
    next_url = None
    if result.next_cursor is not None:
        kept = [(name, value) for name, value in params if name != "cursor"]
        next_url = "/v1/search?" + urlencode([*kept, ("cursor", result.next_cursor)])
    suggestion = SUGGESTIONS.get(query.q) if result.total == 0 else None
    hits = [
        {
            **hit.model_dump(),
            "permalink": f"/v1/documents/{quote(hit.id, safe='')}",
            "passages": passage_links(hit.id, query.q, hit.highlights),
        }
        for hit in result.hits
    ]
    answer = SearchResponse.model_validate(
        {
            "total": result.total,
            "hits": hits,
            "facets": {
                name: [c.model_dump() for c in counts] for name, counts in result.facets.items()
            },
            "next_cursor": result.next_cursor,
            "next_url": next_url,
            "suggestion": suggestion,
            "sugerencia": SPANISH_SUGGESTION.format(suggestion) if suggestion else None,
        }
    )
    return answer.model_dump_json().encode()


@pytest.mark.parametrize("gzip", [False, True])
@pytest.mark.parametrize(("params", "query"), QUESTIONS, ids=[urlencode(p) for p, _ in QUESTIONS])
def test_answer_is_the_documented_bytes(
    client: TestClient, library: Library, params: Params, query: SearchQuery, gzip: bool
) -> None:
    headers = {"Accept-Encoding": "gzip" if gzip else "identity"}
    response = client.get("/v1/search", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.content == expected(library, params, query)


def test_questions_cover_what_an_answer_can_hold(client: TestClient, library: Library) -> None:
    """The set above meets every part of an answer: a next page, a suggestion, a score,
    highlights, no hits, and facets in the order asked."""
    bodies: list[dict[str, Any]] = [
        json.loads(expected(library, params, query)) for params, query in QUESTIONS
    ]
    assert any(body["next_url"] for body in bodies)
    assert any(body["sugerencia"] for body in bodies)
    assert any(body["total"] == 0 for body in bodies)
    hits = [hit for body in bodies for hit in body["hits"]]
    assert any(hit["score"] is not None for hit in hits)
    assert any(hit["score"] is None for hit in hits)
    assert any("<mark>" in " ".join(hit["highlights"]) for hit in hits)
    assert any(list(body["facets"]) == ["matter", "kind"] for body in bodies)


def test_following_page_is_the_documented_bytes(client: TestClient, library: Library) -> None:
    """The next page, asked with the address the first one gave."""
    first = client.get("/v1/search", params=[("q", "moral"), ("limit", "1")]).json()
    second = client.get(first["next_url"])
    assert second.status_code == 200
    params = [("q", "moral"), ("limit", "1"), ("cursor", first["next_cursor"])]
    query = SearchQuery(q="moral", limit=1, cursor=first["next_cursor"])
    assert second.content == expected(library, params, query)
