"""``/v1/alerts``: the query is checked exactly as ``/v1/search`` checks it; tenants are
walls; creation is capped and rate-limited."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.db.reader_keys import ReaderKeys
from tests.alerts.conftest import Service, open_service, webhook_alert

HOOK = "http://127.0.0.1:9/hook"


def create(service: Service, query: dict, key: str | None = None, **delivery: str):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return service.client.post(
        "/v1/alerts",
        json={"query": query, "delivery": delivery or {"webhook": HOOK}},
        headers=headers,
    )


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ({"q": "juez:López"}, {"q": "juez:López"}),  # an unknown field in q
        ({"q": '"pensión'}, {"q": '"pensión'}),  # an unclosed quote
        ({"juez": "López"}, {"juez": "López"}),  # an unknown filter
        ({"year": "dos mil"}, {"year": "dos mil"}),
        ({"kind": "tesis"}, {"kind": "tesis"}),
        ({"date_from": "2024-02-01", "date_to": "2024-01-01"},
         {"date_from": "2024-02-01", "date_to": "2024-01-01"}),
    ],
)  # fmt: skip
def test_an_invalid_query_is_the_same_422_as_the_search(
    service: Service, query: dict, params: dict
) -> None:
    searched = service.client.get("/v1/search", params=params)
    alerted = create(service, query, service.key)
    assert searched.status_code == alerted.status_code == 422
    (expected,) = searched.json()["detail"]
    (got,) = alerted.json()["detail"]
    assert got["loc"] == ["body", "query", *expected["loc"][1:]]
    same = ("type",) if expected["type"] == "unknown_parameter" else ("msg", "type", "mensaje")
    for field in (*same, "position"):
        assert got.get(field) == expected.get(field), field
    if expected["type"] == "unknown_parameter":  # the list is of what an alert takes
        assert "«juez» no existe" in got["mensaje"] and "cursor" not in got["mensaje"]


def test_the_query_keeps_the_filters_as_the_search_reads_them(service: Service) -> None:
    alert = webhook_alert(service, HOOK, {"q": "pensión", "matter": ["familiar", "civil"]})
    assert alert["query"]["filters"] == {"matter": ["familiar", "civil"]}
    assert alert["status"] == "activa" and alert["rate"] == "inmediata"
    assert alert["secret"].startswith("whsec_")


def test_a_long_query_and_a_webhook_digest_are_refused(service: Service) -> None:
    answer = create(service, {"q": "pensión " * 200}, service.key)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "query", "q"]
    answer = service.client.post(
        "/v1/alerts",
        json={"query": {"q": "x"}, "delivery": {"webhook": HOOK}, "rate": "diaria"},
        headers={"Authorization": f"Bearer {service.key}"},
    )
    assert answer.status_code == 422
    assert "inmediata" in answer.json()["detail"][0]["mensaje"]


def test_exactly_one_delivery(service: Service) -> None:
    both = create(service, {"q": "x"}, service.key, webhook=HOOK, email="a@example.org")
    assert both.status_code == 422
    none = service.client.post(
        "/v1/alerts",
        json={"query": {"q": "x"}, "delivery": {}},
        headers={"Authorization": f"Bearer {service.key}"},
    )
    assert none.status_code == 422


def test_tenants_are_walls(service: Service) -> None:
    mine = webhook_alert(service, HOOK, {"q": "pensión"})
    theirs = {"Authorization": f"Bearer {service.other_key}"}
    for method in ("get", "delete"):
        answer = getattr(service.client, method)(f"/v1/alerts/{mine['id']}", headers=theirs)
        assert answer.status_code == 404
    assert service.client.get("/v1/alerts", headers=theirs).json() == {"alerts": []}
    listed = service.client.get("/v1/alerts", headers={"Authorization": f"Bearer {service.key}"})
    assert [a["id"] for a in listed.json()["alerts"]] == [mine["id"]]
    assert "secret" not in listed.json()["alerts"][0]  # shown only at creation
    assert service.client.get(f"/v1/alerts/{mine['id']}").status_code == 401
    forged = service.client.get(f"/v1/alerts/{mine['id']}", headers={"X-Alert-Token": "x"})
    assert forged.status_code == 404


def test_a_reader_key_holds_its_own_alerts(service: Service) -> None:
    """A journalist with a reader key (no institution) can have webhook alerts; they are
    that key's alone, and a revoked reader key reaches nothing."""
    keys = ReaderKeys(service.library.db)
    reader_id, reader = keys.issue("Redacción Norte", "datos@norte.example")
    _, other_reader = keys.issue("Otra redacción", "otra@norte.example")
    created = create(service, {"q": "pensión"}, key=reader)
    assert created.status_code == 201, created.text
    alert_id = created.json()["id"]
    own = service.client.get("/v1/alerts", headers={"Authorization": f"Bearer {reader}"})
    assert [a["id"] for a in own.json()["alerts"]] == [alert_id]
    for key in (other_reader, service.key):
        headers = {"Authorization": f"Bearer {key}"}
        assert service.client.get(f"/v1/alerts/{alert_id}", headers=headers).status_code == 404
        assert service.client.get("/v1/alerts", headers=headers).json() == {"alerts": []}
    assert keys.revoke(reader_id)
    gone = service.client.get("/v1/alerts", headers={"Authorization": f"Bearer {reader}"})
    assert gone.status_code == 401


def test_alerts_per_key_are_capped(tmp_path: Path) -> None:
    for service in open_service(tmp_path, alerts_per_owner=2):
        webhook_alert(service, HOOK, {"q": "uno"})
        webhook_alert(service, HOOK, {"q": "dos"})
        answer = create(service, {"q": "tres"}, service.key)
        assert answer.status_code == 403
        assert "como máximo 2 alertas" in answer.json()["mensaje"]
        assert create(service, {"q": "tres"}, service.other_key).status_code == 201


def test_creation_is_rate_limited(tmp_path: Path) -> None:
    for service in open_service(tmp_path, alert_rate_per_minute=2):
        assert create(service, {"q": "uno"}, service.key).status_code == 201
        assert create(service, {"q": "dos"}, service.key).status_code == 201
        answer = create(service, {"q": "tres"}, service.key)
        assert answer.status_code == 429
        assert int(answer.headers["Retry-After"]) > 0
        assert create(service, {"q": "tres"}, service.other_key).status_code == 201


def test_email_alerts_need_a_mail_server(service: Service) -> None:
    answer = create(service, {"q": "pensión"}, email="reportera@example.org")
    assert answer.status_code == 503
    assert "correo" in answer.json()["mensaje"]


def test_a_wide_proximity_phrase_is_an_alert_and_three_are_refused_when_created(
    service: Service,
) -> None:
    """The search answers a wide proximity phrase (the native search matches it by the
    rule); the alert's matcher asks it by the same rule among each batch's documents
    (``indexer.stores.phrase_rule``), so the alert is accepted. Three of them would cost
    every batch too much: refused at once in Spanish, never accepted and then skipped."""
    q = '"amparo pedido amparo pedido amparo pedido amparo"~50'
    assert service.client.get("/v1/search", params={"q": q}).status_code == 200
    assert create(service, {"q": q}, service.key).status_code == 201
    answer = create(service, {"q": " OR ".join([q] * 3)}, service.key)
    assert answer.status_code == 422
    (problem,) = answer.json()["detail"]
    assert problem["loc"] == ["body", "query", "q"]
    assert "proximidad" in problem["mensaje"]
    assert create(service, {"q": '"amparo pedido amparo"~4'}, service.key).status_code == 201
