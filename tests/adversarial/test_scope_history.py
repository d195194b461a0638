"""An identity scope keeps its history's owner, as a source id does
(``test_source_history``): the documents of a scope have ids derived from it, whichever
source wrote them. A scope an institution registered (``congreso-gto-versiones``, inside
``congreso``'s namespace while no ``congreso-gto`` existed) used to pass to the
institution added later whose id begins it, as soon as no live source held it (deleted,
or its spec given another scope): the newcomer registered it as its own, and the first
owner was refused its own scope («debe empezar por el id de su institución»), on SQLite
and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.db.registry import Conflict, Registry
from indexer.db.tables import InstitutionRow
from indexer.library import Library
from tests.adversarial.service import gaceta_spec, open_registry

SCOPE = "congreso-gto-versiones"
NEW_NAME = "Congreso del Estado de Guanajuato"


def scoped(source_id: str, scope: str = SCOPE) -> dict[str, Any]:
    return gaceta_spec(source_id, identity={"scope": scope, "key": ["number"]})


@dataclass
class Service:
    api: TestClient
    library: Library
    registry: Registry
    old: dict[str, str]


def _key(registry: Registry, institution: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {registry.issue_key(institution)[1]}"}


@pytest.fixture(params=["deleted", "rescoped"])
def service(request: pytest.FixtureRequest, tmp_path: Path, database_url: str) -> Iterator[Service]:
    """``congreso`` registered ``congreso-diario`` under the scope ``congreso-gto-versiones``
    (at registration, or by a later ``PUT``), then deleted it or gave it another scope."""
    settings, library, registry = open_registry(tmp_path, database_url)
    registry.add_institution("congreso", "Congreso de Prueba", "congress", "MX-GUA")
    old = _key(registry, "congreso")
    api = TestClient(create_app(library, settings), raise_server_exceptions=False)
    if request.param == "deleted":
        made = api.post("/v1/sources", json=scoped("congreso-diario"), headers=old)
        assert made.status_code == 201, made.text
        assert api.delete("/v1/sources/congreso-diario", headers=old).status_code == 204
    else:
        made = api.post("/v1/sources", json=gaceta_spec("congreso-diario"), headers=old)
        assert made.status_code == 201, made.text
        for scope in (SCOPE, "congreso-actas"):
            put = api.put(
                "/v1/sources/congreso-diario", json=scoped("congreso-diario", scope), headers=old
            )
            assert put.status_code == 200, put.text
    yield Service(api, library, registry, old)
    library.close()


def test_an_institution_whose_namespace_holds_anothers_old_scope_is_refused(
    service: Service,
) -> None:
    with pytest.raises(Conflict, match=SCOPE):
        service.registry.add_institution("congreso-gto", NEW_NAME, "congress", "MX-GUA")
    assert service.registry.get_institution("congreso-gto") is None
    # a name beside it, not inside, is free
    service.registry.add_institution("congreso-gto-ses", "Otro", "congress", "MX-GUA")


def test_a_newcomer_cannot_take_the_old_scope_and_its_first_owner_keeps_it(
    service: Service,
) -> None:
    """As a database holding the newcomer already (added before this check) would."""
    with service.library.db.session() as s, s.begin():
        now = dt.datetime.now(dt.UTC)
        s.add(InstitutionRow(id="congreso-gto", name=NEW_NAME, kind="congress",
                             jurisdiction="MX-GUA", created_at=now))  # fmt: skip
    assert service.registry.namespace_owner(SCOPE) == "congreso"
    new = _key(service.registry, "congreso-gto")
    for path in ("/v1/sources", "/v1/sources/preview"):
        taken = service.api.post(path, json=scoped("congreso-gto-diario"), headers=new)
        assert taken.status_code == 422, taken.text
        [problem] = taken.json()["detail"]
        assert problem["loc"] == ["body", "identity", "scope"]
        assert "debe empezar por el id de su institución" in problem["mensaje"]
    # its own scopes are its own
    mine = service.api.post(
        "/v1/sources", json=scoped("congreso-gto-diario", "congreso-gto-diario"), headers=new
    )
    assert mine.status_code == 201, mine.text
    # and the first owner registers its scope again
    again = service.api.post("/v1/sources", json=scoped("congreso-gaceta"), headers=service.old)
    assert again.status_code == 201, again.text
