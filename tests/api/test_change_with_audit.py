"""A change to a source and its audit entry are one write: when the entry cannot be
written (a disk that fills between the two, a database that refuses), the change is not
kept either. The audit log is what tells whose a name is; a source kept without its
``create`` entry, while the caller was told it failed, is a half-written registry.

The entry's failure is real: a SQLite trigger refuses every insert into the log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.api.test_sources import Service, make_service, spec

SITE = "http://127.0.0.1:9"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    made = make_service(tmp_path)
    yield made
    made.library.close()


def _refuse_audit_entries(service: Service) -> None:
    with service.library.db.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'the audit log takes no entry'); END"
            )
        )


def test_a_change_whose_audit_entry_fails_is_not_kept(service: Service) -> None:
    client = TestClient(service.client.app, raise_server_exceptions=False)
    kept = spec(SITE, id="congreso-gto-gaceta-propia")
    assert client.post("/v1/sources", json=kept, headers=service.congreso).status_code == 201
    _refuse_audit_entries(service)

    fresh = spec(SITE, id="congreso-gto-otra")
    assert client.post("/v1/sources", json=fresh, headers=service.congreso).status_code == 500
    changed = kept | {"schedule": {"every_hours": 48}}
    path = f"/v1/sources/{kept['id']}"
    assert client.put(path, json=changed, headers=service.congreso).status_code == 500
    assert client.post(f"{path}/pause", headers=service.congreso).status_code == 500
    assert client.delete(path, headers=service.congreso).status_code == 500

    [source] = client.get("/v1/sources", headers=service.congreso).json()["sources"]
    assert source["id"] == kept["id"]
    assert source["every_hours"] == 12
    assert source["paused"] is False
