"""``GET /v1/search`` as a user sees it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def search(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_phrase_is_highlighted_and_exact(client: TestClient, ids: dict[str, str]) -> None:
    body = search(client, q='"daño moral"')
    assert [hit["id"] for hit in body["hits"]] == [ids["s1"]]  # s3 has both words, apart
    hit = body["hits"][0]
    assert "<mark>daño moral</mark>" in " ".join(hit["highlights"])
    assert hit["permalink"] == f"/v1/documents/{ids['s1']}"


def test_plural_without_accent_finds_accented_singular(
    client: TestClient, ids: dict[str, str]
) -> None:
    body = search(client, q="decisiones")
    assert [hit["id"] for hit in body["hits"]] == [ids["s1"]]
    assert "<mark>decisión</mark>" in body["hits"][0]["highlights"][0]


def test_filter_and_facet_counts(client: TestClient, ids: dict[str, str]) -> None:
    body = search(client, jurisdiction="mx-gua")  # filters ignore case
    assert body["total"] == 5
    assert {hit["id"] for hit in body["hits"]} == {ids[k] for k in ("s2", "s3", "v1", "v2", "l1")}
    kinds = {f["value"]: f["count"] for f in body["facets"]["kind"]}
    assert kinds == {"sentencia": 2, "sesion": 2, "legislativo": 1}
    matters = {f["value"]: f["count"] for f in body["facets"]["matter"]}
    assert matters == {"penal": 1, "civil": 1}


def test_repeated_filter_values_are_ored(client: TestClient) -> None:
    body = search(client, kind=["sentencia", "legislativo"], facets="kind")
    assert body["total"] == 7
    assert set(body["facets"]) == {"kind"}


def test_facets_none_and_unknown(client: TestClient) -> None:
    assert search(client, facets="none")["facets"] == {}
    response = client.get("/v1/search", params={"facets": "matter,color"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "facets"]


def test_date_range_is_inclusive(client: TestClient, ids: dict[str, str]) -> None:
    body = search(client, date_from="2024-02-01", date_to="2024-02-29")
    assert {hit["id"] for hit in body["hits"]} == {ids["v1"], ids["v3"], ids["l3"]}
    body = search(client, date_from="2024-02-08", date_to="2024-02-08")
    assert {hit["id"] for hit in body["hits"]} == {ids["v1"], ids["l3"]}


def test_reversed_dates_are_422(client: TestClient) -> None:
    response = client.get("/v1/search", params={"date_from": "2024-03-01", "date_to": "2024-01-01"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "date_from"]


def test_sort_by_date(client: TestClient, ids: dict[str, str]) -> None:
    newest = [hit["date"] for hit in search(client, sort="date_desc", limit=100)["hits"]]
    assert newest == sorted(newest, reverse=True)
    assert search(client, sort="date_desc", limit=1)["hits"][0]["id"] == ids["v2"]
    assert search(client, sort="date_asc", limit=1)["hits"][0]["id"] == ids["s4"]


@pytest.mark.parametrize("sort", ["relevance", "date_desc", "date_asc"])
def test_cursor_pages_return_every_hit_once(
    client: TestClient, ids: dict[str, str], sort: str
) -> None:
    seen: list[str] = []
    params: dict[str, Any] = {"sort": sort, "limit": 3, "facets": "none"}
    for _ in range(10):
        body = search(client, **params)
        assert body["total"] == 10
        seen += [hit["id"] for hit in body["hits"]]
        if body["next_cursor"] is None:
            assert body["next_url"] is None
            break
        assert f"cursor={body['next_cursor']}" in body["next_url"]
        params["cursor"] = body["next_cursor"]
    assert sorted(seen) == sorted(ids.values())


def test_cursor_of_another_query_is_422(client: TestClient) -> None:
    cursor = search(client, limit=2)["next_cursor"]
    response = client.get("/v1/search", params={"q": "sesión", "limit": 2, "cursor": cursor})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


def test_malformed_query_is_a_precise_422(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": 'amparo "daño moral'})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "q"]
    assert error["type"] == "query_syntax"
    assert error["position"] == 7
    assert "quote" in error["msg"]


HOSTILE = [
    '"',
    '"unbalanced',
    "AND",
    "OR OR",
    "NOT",
    "-",
    "(",
    ")",
    "((amparo)",
    "NEAR(a b)",
    "title:",
    "matter:",
    "*",
    "a*",
    "x" * 10_000,
    "amparo\x00penal",
    "\x00",
    "🦜⚖️",
    "%",
    "%00",
    "' OR 1=1 --",
    "[a-z]*",
    ".*",
    "ab(*",
    "title:*",
    "^~{}\\",
    "<script>alert(1)</script>",
    "(" * 450 + "a" + ")" * 450,
    "(-" * 300 + "a" + ")" * 300,
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_500(client: TestClient, q: str) -> None:
    response = client.get("/v1/search", params={"q": q})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", "q"]
        assert error["type"] == "query_syntax"
        assert isinstance(error["position"], int)
    assert client.get("/v1/sessions", params={"q": q}).status_code in (200, 422)
    assert client.get("/", params={"q": q}).status_code in (200, 400)


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "💥"},
        {"cursor": "x" * 10_000},
        {"cursor": "eyJvIjogLTEsICJxIjogIiJ9"},
        {"cursor": "W10"},
        {"limit": 0},
        {"limit": 1000},
        {"limit": "diez"},
        {"sort": "random"},
        {"kind": "tesis"},
        {"date_from": "2024-13-45"},
        {"date_to": "\x00"},
        {"matter": "\x00"},
        {"court": "x" * 10_000},
        {"facets": "\x00"},
        {"source": "%"},
    ],
)
def test_hostile_parameters_never_500(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/v1/search", params=params)
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert all("loc" in e and "msg" in e for e in response.json()["detail"])


def test_markup_in_text_is_escaped_in_highlights(client: TestClient, ids: dict[str, str]) -> None:
    body = search(client, q="transparencia derechos")
    [hit] = body["hits"]
    assert hit["id"] == ids["s4"]
    joined = " ".join(hit["highlights"])
    assert "<script>" not in joined
    assert "&lt;script&gt;" in joined
    assert "<mark>transparencia</mark>" in joined
