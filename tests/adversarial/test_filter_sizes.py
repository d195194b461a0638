"""Filter values are bounded: a URL of thousands of values (or one huge value) is a clear
4xx, never a page that grows with the square of what was asked (each value's "quitar
filtro" link repeats all the others: 1,000 values once made a 15 MB page)."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from api.search_params import MAX_FILTER_VALUES, MAX_VALUE_CHARS


def _many(path: str, name: str, count: int, value: str = "c") -> httpx.URL:
    query = "&".join(f"{name}={value}{n}" for n in range(count))
    return httpx.URL(f"http://testserver{path}?{query}")


API = ["/v1/search", "/v1/search.atom", "/v1/export.csv", "/v1/export.jsonl"]


@pytest.mark.parametrize("path", API)
def test_too_many_values_of_one_filter_are_a_422_naming_it(api: TestClient, path: str) -> None:
    response = api.get(_many(path, "court", MAX_FILTER_VALUES + 1))
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["query", "court"]
    assert str(MAX_FILTER_VALUES) in problem["mensaje"]


@pytest.mark.parametrize("path", API)
def test_a_huge_value_is_a_422_naming_its_filter(api: TestClient, path: str) -> None:
    response = api.get(path, params={"source": "x" * (MAX_VALUE_CHARS + 1)})
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["query", "source"]
    assert str(MAX_VALUE_CHARS) in problem["mensaje"]


def test_as_many_values_as_allowed_still_search(api: TestClient) -> None:
    response = api.get(_many("/v1/search", "court", MAX_FILTER_VALUES))
    assert response.status_code == 200, response.text[:300]


@pytest.mark.parametrize("count", [MAX_FILTER_VALUES + 1, 1000])
def test_the_results_page_says_so_and_stays_small(api: TestClient, count: int) -> None:
    response = api.get(_many("/buscar", "court", count), headers={"Accept": "text/html"})
    assert response.status_code == 400
    assert f"como máximo {MAX_FILTER_VALUES}" in response.text
    assert len(response.content) < 200_000


def test_the_results_page_refuses_a_huge_value(api: TestClient) -> None:
    response = api.get("/buscar", params={"matter": "x" * 5000}, headers={"Accept": "text/html"})
    assert response.status_code == 400
    assert f"como máximo {MAX_VALUE_CHARS} caracteres" in response.text
    assert len(response.content) < 200_000
