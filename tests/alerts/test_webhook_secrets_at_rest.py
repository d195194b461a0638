"""Whoever reads a dump or a backup of the database must not be able to sign deliveries
as Estado Abierto. A webhook's signing secret was kept in the alerts table as it was
shown, so one SELECT gave every receiver's key. Now it is sealed under a key of the data
folder (on SQLite and PostgreSQL alike); receivers keep verifying with the secret they
were given, webhooks made before are sealed on open, and a secret that does not open is a
failed delivery that says why, never a delivery signed with an empty key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from crawlers.alerts.delivery import Deliverer
from crawlers.alerts.webhook import SIGNATURE_HEADER
from indexer.alerts.links import LINKS_FILE
from indexer.library import Library
from tests.alerts.conftest import Receiver, Service, open_service, sentencia, webhook_alert
from tests.alerts.test_webhooks import verify


@pytest.fixture
def on_database(tmp_path: Path, database_url: str) -> Iterator[Service]:
    yield from open_service(tmp_path, database_url=database_url)


def _stored(service: Service) -> list[str]:
    """Every value of every alert row, as a dump would show it."""
    with service.library.db.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM alerts")).all()
    return [str(value) for row in rows for value in row]


def _set_secret(service: Service, alert_id: str, value: str) -> None:
    with service.library.db.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE alerts SET secret = :s WHERE id = :i"), {"s": value, "i": alert_id}
        )


def _stored_secret(service: Service, alert_id: str) -> str:
    with service.library.db.engine.connect() as connection:
        query = sa.text("SELECT secret FROM alerts WHERE id = :i")
        return connection.execute(query, {"i": alert_id}).scalar_one()


def _match(service: Service, number: str) -> None:
    service.library.add_document(sentencia(number, "La pensión alimenticia del menor."))
    service.library.flush()


def _header(receiver: Receiver, index: int) -> str:
    headers = {k.lower(): v for k, v in receiver.requests[index].headers.items()}
    return headers[SIGNATURE_HEADER.lower()]


def test_the_database_holds_no_secret_and_deliveries_verify_with_the_one_shown(
    on_database: Service, receiver: Receiver
) -> None:
    service = on_database
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    secret = alert["secret"]
    assert secret.startswith("whsec_")
    assert not any(secret in value or secret[6:] in value for value in _stored(service))
    key = {"Authorization": f"Bearer {service.key}"}
    assert "secret" not in service.client.get(f"/v1/alerts/{alert['id']}", headers=key).text
    assert secret not in service.client.get("/v1/alerts", headers=key).text
    _match(service, "40/2026")
    Deliverer(service.settings, service.library.db).run_once()
    (request,) = receiver.wait_for(1)
    assert verify(secret, _header(receiver, 0), request.body)


def test_a_webhook_kept_plain_by_the_old_code_is_sealed_on_open_and_still_signs(
    on_database: Service, receiver: Receiver
) -> None:
    service = on_database
    alert = webhook_alert(service, receiver.url, {"q": "pensión"})
    old = "whsec_" + "v" * 43  # what the old code stored and showed
    _set_secret(service, alert["id"], old)
    Library.open(service.settings).close()  # a restart of the new code
    assert not any(old in value or old[6:] in value for value in _stored(service))
    _match(service, "41/2026")
    Deliverer(service.settings, service.library.db).run_once()
    (request,) = receiver.wait_for(1)
    assert verify(old, _header(receiver, 0), request.body)


def test_a_sealed_secret_copied_to_another_alert_or_without_its_folder_signs_nothing(
    on_database: Service, receiver: Receiver
) -> None:
    service = on_database
    first = webhook_alert(service, receiver.url, {"q": "pensión"})
    second = webhook_alert(service, receiver.url, {"q": "pensión"})
    _set_secret(service, second["id"], _stored_secret(service, first["id"]))
    _match(service, "42/2026")
    Deliverer(service.settings, service.library.db).run_once()
    receiver.wait_for(1, timeout=2)
    assert len(receiver.requests) == 1
    assert verify(first["secret"], _header(receiver, 0), receiver.requests[0].body)
    key = {"Authorization": f"Bearer {service.key}"}
    page = service.client.get(f"/v1/alerts/{second['id']}", headers=key).json()
    assert "no se puede leer con la clave de esta carpeta" in str(page)
    # the database restored without its folder: nothing goes out signed with an empty key
    (service.settings.data_dir / LINKS_FILE).unlink()
    _match(service, "43/2026")
    Deliverer(service.settings, service.library.db).run_once()
    receiver.wait_for(2, timeout=2)
    assert len(receiver.requests) == 1
