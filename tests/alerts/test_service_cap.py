"""Reader keys are self-service and each holder may keep ``alerts_per_owner`` alerts, each
a search run at every indexing batch: one person with many keys made the matching cost of
every indexing grow without bound. The service keeps at most ``alerts_total`` self-service
alerts (reader keys', e-mail addresses'), every such owner's together: past it a new one
is a 409 with a Spanish ``mensaje``, counted in the transaction that adds it; an alert that
ends makes room again. An institution's alerts are bounded by its own cap alone: whoever
fills the total with reader keys refuses no institution its alert."""

from __future__ import annotations

from pathlib import Path

from indexer.db.reader_keys import ReaderKeys
from tests.alerts.conftest import open_service
from tests.alerts.test_api import create


def test_alerts_past_the_service_total_are_refused(tmp_path: Path) -> None:
    for service in open_service(tmp_path, alerts_per_owner=50, alerts_total=3):
        keys = ReaderKeys(service.library.db)
        _, reader = keys.issue("Redacción Norte", "datos@norte.example")
        _, other = keys.issue("Otra redacción", "otra@norte.example")
        made = [create(service, {"q": f"tema {n}"}, reader) for n in range(2)]
        assert [answer.status_code for answer in made] == [201, 201]
        assert create(service, {"q": "tema 3"}, other).status_code == 201
        answer = create(service, {"q": "tema 4"}, other)
        assert answer.status_code == 409, answer.text
        mensaje = answer.json()["mensaje"]
        assert "máximo de alertas" in mensaje and "3" in mensaje, mensaje
        assert create(service, {"q": "tema 5"}, reader).status_code == 409
        # deleting one makes room again
        alert_id = made[0].json()["id"]
        auth = {"Authorization": f"Bearer {reader}"}
        assert service.client.delete(f"/v1/alerts/{alert_id}", headers=auth).status_code < 300
        assert create(service, {"q": "tema 6"}, other).status_code == 201


def test_reader_keys_filling_the_service_refuse_no_institution(tmp_path: Path) -> None:
    """Anyone may ask for reader keys (one an e-mail confirmation away, a few an hour per
    client address: an IPv6 /48 holds 65,536 /64s); filling the service's total with their
    webhook alerts used to answer every institution's next alert a 409 until the operator
    stepped in. The institution's alert is made, lists as its own, and takes no room from
    the readers' total."""
    for service in open_service(tmp_path, alerts_per_owner=2, alerts_total=4):
        keys = ReaderKeys(service.library.db)
        readers = [keys.issue(f"Lector {n}", f"lector{n}@correo.example")[1] for n in range(2)]
        for n, reader in enumerate(readers):
            for m in range(2):
                assert create(service, {"q": f"tema {n} {m}"}, reader).status_code == 201
        third = keys.issue("Lector 3", "lector3@correo.example")[1]
        assert create(service, {"q": "tema"}, third).status_code == 409  # the total holds
        made = create(service, {"q": "amparo directo"}, service.key)
        assert made.status_code == 201, made.text
        auth = {"Authorization": f"Bearer {service.key}"}
        listed = service.client.get("/v1/alerts", headers=auth).json()["alerts"]
        assert [alert["id"] for alert in listed] == [made.json()["id"]]
        assert create(service, {"q": "otro"}, service.other_key).status_code == 201
        # the institution's own cap still holds
        assert create(service, {"q": "tercera"}, service.key).status_code == 201
        assert create(service, {"q": "cuarta"}, service.key).status_code == 403
        # and the institutions' three alerts take no room from the readers: one reader's
        # alert ended, a new reader's is made
        first = service.client.get("/v1/alerts", headers={"Authorization": f"Bearer {readers[0]}"})
        alert_id = first.json()["alerts"][0]["id"]
        gone = service.client.delete(
            f"/v1/alerts/{alert_id}", headers={"Authorization": f"Bearer {readers[0]}"}
        )
        assert gone.status_code == 204
        assert create(service, {"q": "tema"}, third).status_code == 201
