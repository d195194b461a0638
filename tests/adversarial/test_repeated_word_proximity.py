"""Proximity phrases of one word twice, many in one question: ``"de de"~50 OR "la la"~50
OR …``. The embedded store asks each as the 51 exact phrases of its arrangements
(``indexer.query.arrangements``), outside the counted work of its native sloppy phrases:
at 100k documents one of a common word took 2 s of CPU, 32 of them in one question
(about 500 characters, far within the length limit) 22 s and 480 MB, and the engine
ran them until its time was up. The parser now counts the exact phrases a question asks
this way and refuses past two of the widest (``MAX_QUESTION_ARRANGEMENTS``): the same
422 ``query_too_costly`` on every store and every route that reads a query, and an alert
(which would run it against every new document) is refused at creation."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from indexer.query import QueryTooCostly, parse_query
from indexer.query.arrangements import MAX_QUESTION_ARRANGEMENTS, asked_arrangements
from indexer.stores import SearchQuery, Store
from indexer.stores.tantivy_store import TantivyStore
from tests.alerts.conftest import Service, open_service, webhook_alert
from tests.alerts.conftest import sentencia as alert_sentencia
from tests.engine.fixtures import MakeStore
from tests.stores.corpus import sentencia

WORDS = ["de", "la", "el", "que", "en", "los", "se", "por", "del", "las", "con", "su"]
# twelve phrases of 51 arrangements each: 612 exact phrases, six times the most a
# question may ask (the widest phrase twice)
COSTLY = " OR ".join(f'"{word} {word}"~50' for word in WORDS)
ADVICE = "reduzca la proximidad"
# the widest such phrase twice, and phrases that repeat no word: answered
ANSWERED = ['"de de"~50 OR "la la"~50', " OR ".join(f'"{w} daño"~50' for w in WORDS)]


def test_the_question_is_far_beyond_what_a_question_may_ask() -> None:
    assert len(COSTLY) < 400
    with pytest.raises(QueryTooCostly):
        parse_query(COSTLY)
    asked = sum(asked_arrangements(parse_query(f'"{w} {w}"~50')) for w in WORDS)
    assert asked == 51 * len(WORDS) > 5 * MAX_QUESTION_ARRANGEMENTS
    for q in ANSWERED:
        assert asked_arrangements(parse_query(q)) <= MAX_QUESTION_ARRANGEMENTS


def _stores(tmp_path: Path, make_engine_store: MakeStore) -> list[Store]:
    stores: list[Store] = [TantivyStore(tmp_path / "index"), make_engine_store("opensearch")]
    doc = sentencia(1, "daño de la de la casa", "Sala Civil", "civil", dt.date(2023, 1, 1))
    for store in stores:
        assert store.upsert([doc]).indexed == 1
    return stores


def test_every_store_refuses_it_and_answers_the_rest_alike(
    tmp_path: Path, make_engine_store: MakeStore
) -> None:
    for store in _stores(tmp_path, make_engine_store):
        with pytest.raises(QueryTooCostly) as refused:
            store.search(SearchQuery(q=COSTLY))
        assert ADVICE in refused.value.mensaje
        for q in ANSWERED:
            assert store.search(SearchQuery(q=q)).total == 1, (store, q)
        # the arrangements asked inside a NOT, or through a field, count the same
        with pytest.raises(QueryTooCostly):
            store.search(SearchQuery(q="daño -(" + COSTLY.replace('"de', 'texto:"de') + ")"))


ROUTES = ["/v1/search", "/v1/sessions", "/v1/search.atom", "/v1/export.csv", "/buscar"]


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_says_it_is_too_costly(api: TestClient, path: str) -> None:
    answer = api.get(path, params={"q": COSTLY})
    if path == "/buscar":  # the page of results says it, as for any question it cannot ask
        assert answer.status_code == 400, answer.text[:300]
        assert ADVICE in answer.text
        return
    assert answer.status_code == 422, answer.text[:300]
    (problem,) = answer.json()["detail"]
    assert problem["type"] == "query_too_costly", problem
    assert ADVICE in problem["mensaje"]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    yield from open_service(tmp_path)


def test_an_alert_on_it_is_refused(service: Service) -> None:
    """Stored, it would be asked again of every batch of new documents."""
    answer = service.client.post(
        "/v1/alerts",
        json={"query": {"q": COSTLY}, "delivery": {"webhook": "http://127.0.0.1:9/hook"}},
        headers={"Authorization": f"Bearer {service.key}"},
    )
    assert answer.status_code == 422, answer.text[:300]
    (problem,) = answer.json()["detail"]
    assert problem["type"] == "query_too_costly", problem
    assert ADVICE in problem["mensaje"]


def test_an_alert_stored_before_is_read_once(
    service: Service, caplog: pytest.LogCaptureFixture
) -> None:
    """An alert saved with the question before this parser refused it: the matcher
    skipped it, but read, parsed and logged it again for every batch of new documents
    (a standing cost, and a warning per batch for as long as the alert lives)."""
    alert = webhook_alert(service, "http://127.0.0.1:9/hook", {"q": "pensión"})
    with service.library.db.engine.begin() as connection:
        connection.execute(
            sa.text("update alerts set query = :query where id = :id"),
            {"query": json.dumps({"q": COSTLY}), "id": alert["id"]},
        )
    caplog.set_level(logging.WARNING, logger="indexer.alerts.matching")
    for n in range(1, 4):
        service.library.add_document(alert_sentencia(f"{n}/2026", "pensión de la de la"))
        service.library.flush()
    warned = [r for r in caplog.records if "no longer compiles" in r.getMessage()]
    assert len(warned) == 1, [r.getMessage()[:80] for r in warned]
