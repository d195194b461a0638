"""The cap on alerts per key holds when many creations race, on several API processes:
the count and the new alert are one step, so none sees room that another is taking."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from indexer.db.registry import Registry
from tests.alerts.conftest import open_service

CAP = 3
RACERS = 16
ROUNDS = 3  # each a fresh key: a race lost once is enough


def _race(clients: list[TestClient], key: str) -> list[int]:
    auth = {"Authorization": f"Bearer {key}"}
    start = threading.Barrier(RACERS)
    statuses: list[int] = []

    def create(n: int) -> None:
        body = {"query": {"q": f"tema {n}"}, "delivery": {"webhook": "http://127.0.0.1:9/h"}}
        start.wait()
        statuses.append(clients[n % 2].post("/v1/alerts", json=body, headers=auth).status_code)

    racers = [threading.Thread(target=create, args=(n,)) for n in range(RACERS)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
    return sorted(statuses)


def test_racing_creations_never_pass_the_cap(tmp_path: Path) -> None:
    for service in open_service(tmp_path, alerts_per_owner=CAP):
        clients = [TestClient(create_app(service.library, service.settings)) for _ in range(2)]
        registry = Registry(service.library.db)
        for n in range(ROUNDS):
            registry.add_institution(f"medio-{n}", f"Medio {n}", "other", "MX-GUA")
            key = registry.issue_key(f"medio-{n}")[1]
            assert _race(clients, key) == [201] * CAP + [403] * (RACERS - CAP)
            listed = clients[0].get("/v1/alerts", headers={"Authorization": f"Bearer {key}"})
            assert len(listed.json()["alerts"]) == CAP
        for client in clients:
            client.close()
