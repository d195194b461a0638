"""``ＯＲ``, ``ＡＮＤ`` and ``ＮＯＴ`` in full-width Latin (what a Japanese, Chinese or
Korean input method types) are the operators ``OR``, ``AND`` and ``NOT``, on the search
API and on /buscar: read as words (the query is read in NFC, which keeps them), the
analysers folded them to "or", "and", "not", so ``sesión ＯＲ transparencia`` asked for
documents holding "sesión", "or" and "transparencia" and found none of the documents
``sesión OR transparencia`` finds. Lower case full-width (``ｏｒ``) stays a word, as ``or``
does."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

PAIRS = {
    "sesión ＯＲ transparencia": "sesión OR transparencia",
    "sesión ＡＮＤ transparencia": "sesión AND transparencia",
    "sesión ＮＯＴ transparencia": "sesión NOT transparencia",
    "transparencia ＮＯＴ sesión": "transparencia NOT sesión",
}


def _ids(api: TestClient, q: str) -> set[str]:
    response = api.get("/v1/search", params={"q": q, "limit": 100})
    assert response.status_code == 200, response.text[:300]
    return {hit["id"] for hit in response.json()["hits"]}


@pytest.mark.parametrize("typed", sorted(PAIRS))
def test_full_width_operators_search_as_the_operators(api: TestClient, typed: str) -> None:
    assert _ids(api, typed) == _ids(api, PAIRS[typed])


def test_each_asks_something_else_than_the_words(api: TestClient) -> None:
    either = _ids(api, "sesión OR transparencia")
    assert either - _ids(api, "sesión transparencia"), "the library answers both alike"
    assert _ids(api, "sesión ＯＲ transparencia") == either
    assert _ids(api, "sesión NOT transparencia") - _ids(api, "sesión transparencia")


@pytest.mark.parametrize("typed", sorted(PAIRS))
def test_buscar_reads_them_too(api: TestClient, typed: str) -> None:
    page = api.get("/buscar", params={"q": typed})
    plain = api.get("/buscar", params={"q": PAIRS[typed]})
    assert page.status_code == plain.status_code == 200
    links = set(re.findall(r'href="(/d/[^"?#]+)', page.text))
    assert links == set(re.findall(r'href="(/d/[^"?#]+)', plain.text)) and links


def test_a_lone_full_width_operator_is_a_spanish_422(api: TestClient) -> None:
    response = api.get("/v1/search", params={"q": "sesión ＡＮＤ"})
    assert response.status_code == 422
    assert "necesita una palabra después" in response.json()["detail"][0]["mensaje"]
