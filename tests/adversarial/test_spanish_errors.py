"""Every refusal of the JSON API says why in Spanish (``mensaje``) beside FastAPI's English
``detail``: a 422 in each of its items, any other 4xx at the top."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.adversarial.service import Api, listing_spec, open_api


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    api = open_api(tmp_path_factory.mktemp("data"), write_rate_per_minute=2)
    api.client.__enter__()
    yield api
    api.client.__exit__(None, None, None)
    api.close()


# (method, path, params or JSON body, with the institution's key, expected status)
REFUSALS = [
    ("GET", "/v1/search", {"limit": "1000"}, False, 422),
    ("GET", "/v1/search", {"limit": "diez"}, False, 422),
    ("GET", "/v1/search", {"sort": "azar"}, False, 422),
    ("GET", "/v1/search", {"date_from": "2024-02-30"}, False, 422),
    ("GET", "/v1/search.atom", {"limit": "0"}, False, 422),
    ("GET", "/v1/export.csv", {"bom": "quizá"}, False, 422),
    ("GET", "/v1/sessions", {"date_to": "ayer"}, False, 422),
    ("GET", "/v1/speeches", {"q": "(" * 2000}, False, 422),
    ("GET", "/v1/speeches", {"procedural": "quizá"}, False, 422),
    ("GET", "/v1/speeches", {"cursor": "AAAA"}, False, 422),
    ("GET", "/v1/people", {}, False, 422),
    ("GET", "/v1/documents/nada", {}, False, 404),
    ("GET", "/v1/documents/nada/text", {}, False, 404),
    ("GET", "/v1/documents/nada/citations", {"limit": "0"}, False, 422),
    ("GET", "/v1/sessions/nada/speeches", {}, False, 404),
    ("GET", "/v1/people/nadie", {}, False, 404),
    ("GET", "/v1/no-existe", {}, False, 404),
    ("DELETE", "/v1/search", {}, False, 405),
    ("GET", "/v1/sources", {}, False, 401),
    ("GET", "/v1/sources/pj-gto-nada", {}, True, 404),
    ("GET", "/v1/sources/pj-gto-nada/runs", {"limit": "x"}, True, 422),
    ("GET", "/v1/alerts", {}, False, 401),
    ("POST", "/v1/alerts", {"delivery": {"webhook": 5}}, True, 422),
    ("POST", "/v1/alerts", {"query": {}, "delivery": {}, "extra": 1}, True, 422),
    ("POST", "/v1/reader-keys", {"email": "x"}, False, 422),
    ("POST", "/v1/sources", {**listing_spec("http://127.0.0.1:9/"), "kind": "otro"}, True, 422),
]


@pytest.mark.parametrize(("method", "path", "given", "keyed", "status"), REFUSALS)
def test_every_refusal_says_why_in_spanish(
    service: Api, method: str, path: str, given: dict, keyed: bool, status: int
) -> None:
    headers = service.headers if keyed else {}
    if method == "GET":
        response = service.client.get(path, params=given, headers=headers)
    elif method == "POST":
        response = service.client.post(path, json=given, headers=headers)
    else:
        response = service.client.request(method, path, headers=headers)
    assert response.status_code == status, response.text[:300]
    answer = response.json()
    if status == 422:
        for problem in answer["detail"]:
            assert problem["msg"] and problem["mensaje"], problem
            assert problem["mensaje"] != problem["msg"]
    else:
        assert answer["detail"] and answer["mensaje"], answer
        assert answer["mensaje"] != answer["detail"]


def test_a_spent_write_budget_says_so_in_spanish(service: Api) -> None:
    for _ in range(5):
        response = service.client.post("/v1/sources/pj-gto-nada/crawl", headers=service.headers)
        if response.status_code == 429:
            break
    assert response.status_code == 429
    assert "Retry-After" in response.headers
    assert "espere" in response.json()["mensaje"].lower()


def test_a_speech_query_error_says_what_the_parser_says(service: Api) -> None:
    response = service.client.get("/v1/speeches", params={"q": '"sin cerrar'})
    [problem] = response.json()["detail"]
    assert problem["mensaje"] == "falta cerrar las comillas de una frase"


def test_the_422_item_names_the_field_and_its_bound_in_spanish(service: Api) -> None:
    response = service.client.get("/v1/search", params={"limit": "1000"})
    [problem] = response.json()["detail"]
    assert "limit" in problem["mensaje"] and "100" in problem["mensaje"]
