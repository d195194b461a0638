"""Property tests: whatever is typed, the query parser raises only its documented error,
and ``/v1/search`` and ``/v1/sessions`` answer 200 or a 4xx, never a 5xx."""

from __future__ import annotations

import base64

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.query import QUERY_FIELDS, QuerySyntaxError, parse_query
from indexer.query.parser import MAX_QUERY_CHARS

# Pieces of the query language and of what breaks it, so examples reach deep paths.
PIECES = [
    "AND", "OR", "NOT", "and", "-", "(", ")", '"', "*", ":", " ", "  ", "\t", "\x00", "^",
    "~", "\\", "daño", "moral", "amparo", "penal", "revisión", "a", "é", "ñ", "👍", "%",
    "%zz", "NEAR(", "1234/2023", "Sala Penal", *[f"{name}:" for name in QUERY_FIELDS],
]  # fmt: skip
query_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=120).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
    st.integers(1, 600).map(lambda n: "(" * n + "a" + ")" * n),
    st.integers(1, 600).map(lambda n: "NOT " * n + "a"),
    st.integers(1, 200).map(lambda n: " OR ".join(["a"] * n)),
)


@given(query_texts)
@settings(max_examples=400, deadline=None)
def test_the_parser_raises_only_its_documented_error(text: str) -> None:
    try:
        parse_query(text)
    except QuerySyntaxError as exc:
        assert 0 <= exc.position <= max(len(text), MAX_QUERY_CHARS)
        assert exc.message


dates = st.one_of(
    st.dates().map(str),
    st.text(max_size=20),
    st.sampled_from(["9999-12-31", "0001-01-01", "1600-01-01", "2262-04-12", "2024-02-30",
                     "-1", "1e400", "2024-1-1"]),
)  # fmt: skip
cursors = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=60).map(lambda b: base64.urlsafe_b64encode(b).decode()),
    st.sampled_from(["eyJvIjogSW5maW5pdHksICJxIjogIngifQ", "e30", "W10", "bnVsbA", "="]),
)
sorts = st.sampled_from(["relevance", "date_desc", "date_asc", "otro", ""])


@given(
    path=st.sampled_from(["/v1/search", "/v1/sessions"]),
    q=query_texts,
    cursor=st.none() | cursors,
    date_from=st.none() | dates,
    date_to=st.none() | dates,
    sort=st.none() | sorts,
    limit=st.none() | st.sampled_from(["1", "100", "0", "101", "-5", "x", "1e3"]),
)
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_search_never_answers_a_server_error(
    api: TestClient,
    path: str,
    q: str,
    cursor: str | None,
    date_from: str | None,
    date_to: str | None,
    sort: str | None,
    limit: str | None,
) -> None:
    params = {"q": q, "cursor": cursor, "date_from": date_from, "date_to": date_to,
              "sort": sort, "limit": limit}  # fmt: skip
    response = api.get(path, params={k: v for k, v in params.items() if v is not None})
    assert response.status_code < 500, (params, response.text[:300])
    if response.status_code == 422:
        assert response.json()["detail"][0]["loc"][0] == "query"
