"""A proximity phrase too costly to search (``QueryTooCostly``) is the same 422 on every
route that reads a query: the speeches search and alert creation called it
``query_syntax``, as if the user had mistyped it, while ``/v1/search`` says
``query_too_costly`` with the Spanish advice to shorten it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer.library import Library
from tests.alerts.conftest import Service, open_service
from tests.speeches.test_speech_api import client as speeches  # noqa: F401

# six words within ~20 have more arrangements than the in-memory query kit will try
COSTLY = '"uno dos tres cuatro cinco seis"~20'
ADVICE = "acorte la frase o reduzca la proximidad"


def _too_costly(answer_json: dict, loc: list[str]) -> None:
    (problem,) = answer_json["detail"]
    assert problem["loc"] == loc
    assert problem["type"] == "query_too_costly", problem
    assert ADVICE in problem["mensaje"]


def test_the_speeches_search_calls_it_too_costly(
    speeches: tuple[TestClient, Library],  # noqa: F811
) -> None:
    client, _ = speeches
    # one such phrase is answered (by the rule, as /v1/search answers it:
    # ``tests/stores/test_speech_wide_phrases.py``); three of them pass the question's bound
    assert client.get("/v1/speeches", params={"q": COSTLY}).status_code == 200
    answer = client.get("/v1/speeches", params={"q": " ".join([COSTLY] * 3)})
    assert answer.status_code == 422, answer.text[:300]
    _too_costly(answer.json(), ["query", "q"])


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    yield from open_service(tmp_path)


def test_an_alert_on_it_is_refused_as_too_costly(service: Service) -> None:
    # one such phrase is an alert (matched by the rule among each batch's documents:
    # ``tests/alerts/test_ruled_phrases.py``); three of them pass the question's bound
    costly = " ".join([COSTLY] * 3)
    answer = service.client.post(
        "/v1/alerts",
        json={"query": {"q": costly}, "delivery": {"webhook": "http://127.0.0.1:9/hook"}},
        headers={"Authorization": f"Bearer {service.key}"},
    )
    assert answer.status_code == 422, answer.text[:300]
    _too_costly(answer.json(), ["body", "query", "q"])
