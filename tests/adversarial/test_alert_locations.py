"""A refused alert names where in its body the problem is: ``delivery`` with both a
webhook and an e-mail (or neither), and ``rate`` other than ``inmediata`` for a webhook,
were answered with ``loc: ["query", …]``, a query parameter the request never had, so a
client that shows the error beside the field it names showed it nowhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.adversarial.service import Api, open_api

HOOK = "http://127.0.0.1:9/recibe"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    made = open_api(Path(tmp_path_factory.mktemp("data")), alert_rate_per_minute=1000)
    yield made
    made.close()


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"delivery": {"webhook": HOOK, "email": "ana@ejemplo.mx"}}, ["body", "delivery"]),
        ({"delivery": {}}, ["body", "delivery"]),
        ({"delivery": {"webhook": HOOK}, "rate": "diaria"}, ["body", "rate"]),
        ({"delivery": {"webhook": "ftp://ejemplo.mx/x"}}, ["body", "delivery", "webhook"]),
        ({"query": {"date_from": "ayer"}, "delivery": {"webhook": HOOK}},
         ["body", "query", "date_from"]),
    ],
    ids=["both", "neither", "webhook rate", "webhook scheme", "query date"],
)  # fmt: skip
def test_a_refused_alert_names_the_field_of_its_body(
    api: Api, body: dict[str, Any], loc: list[str]
) -> None:
    response = api.client.post(
        "/v1/alerts", json={"query": {"q": "amparo"}} | body, headers=api.headers
    )
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == loc and problem["mensaje"], problem
