"""Reader keys are self-service and each holder may keep ``alerts_per_owner`` alerts, each
a search run at every indexing batch: one person with many keys made the matching cost of
every indexing grow without bound. The service keeps at most ``alerts_total`` alerts,
every owner's together: past it a new one is a 409 with a Spanish ``mensaje``, counted in
the transaction that adds it; an alert that ends makes room again."""

from __future__ import annotations

from pathlib import Path

from tests.alerts.conftest import open_service
from tests.alerts.test_api import create


def test_alerts_past_the_service_total_are_refused(tmp_path: Path) -> None:
    for service in open_service(tmp_path, alerts_per_owner=50, alerts_total=3):
        made = [create(service, {"q": f"tema {n}"}, service.key) for n in range(2)]
        assert [answer.status_code for answer in made] == [201, 201]
        assert create(service, {"q": "tema 3"}, service.other_key).status_code == 201
        answer = create(service, {"q": "tema 4"}, service.other_key)
        assert answer.status_code == 409, answer.text
        mensaje = answer.json()["mensaje"]
        assert "máximo de alertas" in mensaje and "3" in mensaje, mensaje
        assert create(service, {"q": "tema 5"}, service.key).status_code == 409
        # deleting one makes room again
        alert_id = made[0].json()["id"]
        auth = {"Authorization": f"Bearer {service.key}"}
        assert service.client.delete(f"/v1/alerts/{alert_id}", headers=auth).status_code < 300
        assert create(service, {"q": "tema 6"}, service.other_key).status_code == 201
