"""Operators of other search languages glued to a word (``amparo~2``, ``amparo^3``,
``amp?ro``, ``*paro``) or a proximity apart from a phrase (``(amparo)~2``) are a ``422``
saying what to write, on every route that reads the query
language, not an empty answer: read as text they asked for "amparo" right before "2"."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

FOREIGN = {
    "reparación~2": "búsqueda aproximada",
    "reparación~0.8": "búsqueda aproximada",
    "reparación^3": "escriba la palabra sola: reparación",
    "repa?ación": "no son comodines",
    "rep*ración": "no son comodines",
    "daño titulo:amparo~1": "búsqueda aproximada",
    "(daño OR reparación^2)": "no llevan peso",
    # a proximity apart from a phrase searched its number as a word every hit held
    "reparación ~2": "justo después de una frase",
    "(reparación)~2": "justo después de una frase",
    "repara*~2": "búsqueda aproximada",
    # a wildcard before a word was dropped: the word alone, not the words ending so
    "*paración": "antes de una palabra no son comodines",
    "?reparación": "antes de una palabra no son comodines",
}
# what stays text, and still finds the document that holds "reparación"
KEPT = ["reparación~", "¿reparación?", "reparación", "repara*", '"daño moral"~2', "daño 10^3"]


@pytest.mark.parametrize("q", sorted(FOREIGN))
@pytest.mark.parametrize(
    "path", ["/v1/search", "/v1/search.atom", "/v1/export.csv", "/v1/sessions"]
)
def test_a_foreign_operator_is_a_422_in_spanish(api: TestClient, path: str, q: str) -> None:
    response = api.get(path, params={"q": q})
    assert response.status_code == 422, response.text[:300]
    (error,) = response.json()["detail"]
    assert error["type"] == "query_syntax"
    assert FOREIGN[q] in error["mensaje"]
    assert q[error["position"]] in "~^?*"


@pytest.mark.parametrize("q", sorted(FOREIGN))
@pytest.mark.parametrize("page", ["/buscar", "/sesiones"])
def test_the_pages_say_it_too(api: TestClient, page: str, q: str) -> None:
    response = api.get(page, params={"q": q})
    assert response.status_code == 400
    assert FOREIGN[q] in response.text


def test_the_speeches_refuse_it_too(api: TestClient) -> None:
    response = api.get("/v1/speeches", params={"q": "reparación~2"})
    assert response.status_code == 422
    assert "búsqueda aproximada" in response.json()["detail"][0]["mensaje"]


@pytest.mark.parametrize("q", KEPT)
def test_what_other_languages_do_not_claim_stays_a_search(api: TestClient, q: str) -> None:
    response = api.get("/v1/search", params={"q": q.removesuffix(" 10^3")})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["total"] >= 1, q
    assert api.get("/v1/search", params={"q": q}).status_code == 200
