"""A webhook's signing secret is sealed under the data folder's key (``.alerts-secret``):
a backup restored without that key delivered nothing ever again. ``abierto backup``
copies the key (owner-only), ``abierto restore`` lays it back before anything could make
a new one, and deliveries after the restore are signed with the secret the receiver was
given. A folder that lost the key while alerts need it never gets a new one (which would
leave every sealed secret unreadable for good): each delivery fails saying so in
Spanish, and new alerts are refused with the reason."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from cli.main import main
from crawlers.alerts.delivery import Deliverer
from crawlers.alerts.webhook import SIGNATURE_HEADER
from indexer.alerts.links import LINKS_FILE
from indexer.library import Library
from tests.alerts.conftest import (
    Receiver,
    Service,
    open_mailing,
    open_service,
    sentencia,
    settings_for,
    webhook_alert,
)
from tests.alerts.test_email import confirm
from tests.alerts.test_webhooks import verify
from tests.services.smtp import Inbox


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Service]:
    yield from open_service(tmp_path / "live")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _backup_and_restore(service: Service, tmp_path: Path) -> Path:
    """``abierto backup`` of the live folder, ``abierto restore`` into a fresh one."""
    copy, restored = tmp_path / "copia", tmp_path / "restored"
    assert main(["--data-dir", str(service.settings.data_dir), "backup", str(copy)]) == 0
    assert main(["--data-dir", str(restored), "restore", str(copy)]) == 0
    return restored


def _signature(receiver: Receiver, index: int) -> str:
    headers = {k.lower(): v for k, v in receiver.requests[index].headers.items()}
    return headers[SIGNATURE_HEADER.lower()]


def _deliver_a_match(folder: Path, number: str) -> Library:
    settings = settings_for(folder)
    library = Library.open(settings, writer=True)
    library.add_document(sentencia(number, "La pensión alimenticia del menor."))
    library.flush()
    Deliverer(settings, library.db).run_once()
    return library


def test_a_restored_backup_signs_deliveries_with_the_secret_the_receiver_has(
    live: Service, receiver: Receiver, tmp_path: Path
) -> None:
    alert = webhook_alert(live, receiver.url, {"q": "pensión"})
    key = (live.settings.data_dir / LINKS_FILE).read_bytes()
    restored = _backup_and_restore(live, tmp_path)

    library = _deliver_a_match(restored, "50/2026")
    try:
        (request,) = receiver.wait_for(1)
        assert verify(alert["secret"], _signature(receiver, 0), request.body)
        assert json.loads(request.body)["alert_id"] == alert["id"]
    finally:
        library.close()
    # the key travels owner-only, in the backup and back in the data folder
    manifest = json.loads((tmp_path / "copia" / "manifest.json").read_text())
    kept = tmp_path / "copia" / manifest["secrets"]["alerts"]["file"]
    assert kept.read_bytes() == key and _mode(kept) == 0o600
    assert (restored / LINKS_FILE).read_bytes() == key
    assert _mode(restored / LINKS_FILE) == 0o600


def test_a_folder_that_lost_its_key_makes_no_new_one_and_says_why_per_delivery(
    live: Service, receiver: Receiver, tmp_path: Path
) -> None:
    alert = webhook_alert(live, receiver.url, {"q": "pensión"})
    restored = _backup_and_restore(live, tmp_path)
    (restored / LINKS_FILE).unlink()  # as a restore by hand of the database alone

    library = _deliver_a_match(restored, "51/2026")
    try:
        assert not (restored / LINKS_FILE).exists()  # no key was made behind its back
        assert receiver.wait_for(1, timeout=1) == []
        settings = settings_for(restored)
        with TestClient(create_app(library, settings)) as client:
            auth = {"Authorization": f"Bearer {live.key}"}
            state = client.get(f"/v1/alerts/{alert['id']}", headers=auth).json()
            [attempt] = state["deliveries"]
            assert attempt["cause"].startswith("falta la clave de las alertas de la carpeta")
            assert "abierto restore la repone" in attempt["cause"]
            assert str(restored) not in attempt["cause"]  # the server's folder: the log's
            asked = {"query": {"q": "amparo"}, "delivery": {"webhook": receiver.url}}
            refused = client.post("/v1/alerts", json=asked, headers=auth)
            assert refused.status_code == 503, refused.text
            assert "falta la clave de alertas" in refused.json()["mensaje"]
        assert not (restored / LINKS_FILE).exists()
    finally:
        library.close()


def test_a_backup_without_the_key_is_restored_saying_deliveries_will_fail(
    live: Service, receiver: Receiver, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    webhook_alert(live, receiver.url, {"q": "pensión"})
    copy = tmp_path / "copia"
    assert main(["--data-dir", str(live.settings.data_dir), "backup", str(copy)]) == 0
    manifest = json.loads((copy / "manifest.json").read_text())
    (copy / manifest.pop("secrets")["alerts"]["file"]).unlink()  # as the old backups
    (copy / "manifest.json").write_text(json.dumps(manifest))
    capsys.readouterr()
    restored = tmp_path / "restored"
    assert main(["--data-dir", str(restored), "restore", str(copy)]) == 0
    assert "falta la clave de las alertas" in capsys.readouterr().err
    assert not (restored / LINKS_FILE).exists()


def test_an_email_alert_whose_folder_lost_its_key_is_told_why_without_the_servers_path(
    tmp_path: Path, smtp_server: Inbox, receiver: Receiver
) -> None:
    """An e-mail's unsubscribe link is signed with the key a webhook's secret is sealed
    under: once the folder lost it, the e-mail's owner reads why the notice could not go
    out (``GET /v1/alerts/{id}``), never the server's data folder."""
    live_root = tmp_path / "live"
    for service in open_mailing(live_root, smtp_server):
        asked = {"query": {"q": "pensión"}, "delivery": {"email": "reportera@example.org"}}
        alert = service.client.post("/v1/alerts", json=asked).json()
        (confirmation,) = smtp_server.wait_for(1)
        confirm(service, confirmation)
        webhook_alert(service, receiver.url, {"q": "amparo"})  # a secret sealed under the key
        restored = _backup_and_restore(service, tmp_path)
    (restored / LINKS_FILE).unlink()

    settings = settings_for(
        restored, smtp_host=smtp_server.host, smtp_port=smtp_server.port, smtp_security="none"
    )
    library = Library.open(settings, writer=True)
    try:
        library.add_document(sentencia("52/2026", "La pensión alimenticia del menor."))
        library.flush()
        Deliverer(settings, library.db).run_once()
        with TestClient(create_app(library, settings)) as client:
            token = {"X-Alert-Token": alert["manage_token"]}
            state = client.get(f"/v1/alerts/{alert['id']}", headers=token).json()
            [attempt] = state["deliveries"]
            assert attempt["cause"].startswith("falta la clave de las alertas de la carpeta")
            assert "darse de baja" in attempt["cause"]
            assert str(restored) not in attempt["cause"]
        assert len(smtp_server.messages) == 1  # only the confirmation went out
    finally:
        library.close()
