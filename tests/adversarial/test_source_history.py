"""A source id keeps its history after the source is deleted: its crawl runs (with their
errors' example addresses), its audit log (keys, client addresses) and the documents it
published, whose ids derive from it. The namespace of an institution added later
(``congreso-gto`` beside ``congreso``) used to take a deleted source's id: the newcomer
registered ``congreso-gto-boletin`` again, read the first institution's runs and audit log,
and its crawls rewrote that institution's documents as its own. A name keeps the owner
who first registered it, on SQLite and PostgreSQL alike, and names a catalogue source or
``abierto index`` published under are no institution's."""

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
from indexer.models import Legislativo, document_id
from tests.adversarial.service import gaceta_spec, open_registry

OLD_NAME = "Congreso de Prueba"
NEW_NAME = "Congreso del Estado de Guanajuato"
SOURCE = "congreso-gto-boletin"
PRIVATE = "https://intranet.congreso.example/borrador-no-publicado"


def spec(source_id: str = SOURCE) -> dict[str, Any]:
    return gaceta_spec(source_id)


@dataclass
class Service:
    api: TestClient
    library: Library
    registry: Registry
    old: dict[str, str]


def _key(registry: Registry, institution: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {registry.issue_key(institution)[1]}"}


@pytest.fixture
def service(tmp_path: Path, database_url: str) -> Iterator[Service]:
    """``congreso`` registered ``congreso-gto-boletin``, crawled it (one run, whose error
    names a private address) and deleted it."""
    settings, library, registry = open_registry(tmp_path, database_url)
    registry.add_institution("congreso", OLD_NAME, "congress", "MX-GUA")
    old = _key(registry, "congreso")
    api = TestClient(create_app(library, settings), raise_server_exceptions=False)
    assert api.post("/v1/sources", json=spec(), headers=old).status_code == 201
    run = library.db.start_run(SOURCE)
    errors = {"http_error": {"count": 1, "examples": [PRIVATE]}}
    library.db.finish_run(run, "failed", {"pages": 1}, errors, "404 en " + PRIVATE)
    assert api.delete(f"/v1/sources/{SOURCE}", headers=old).status_code == 204
    yield Service(api, library, registry, old)
    library.close()


def test_an_institution_whose_namespace_holds_anothers_old_source_is_refused(
    service: Service,
) -> None:
    with pytest.raises(Conflict, match=SOURCE):
        service.registry.add_institution("congreso-gto", NEW_NAME, "congress", "MX-GUA")


def test_a_newcomer_cannot_take_the_old_id_nor_read_its_history(service: Service) -> None:
    """As a database holding the newcomer already (added before this check) would."""
    with service.library.db.session() as s, s.begin():
        now = dt.datetime.now(dt.UTC)
        s.add(InstitutionRow(id="congreso-gto", name=NEW_NAME, kind="congress",
                             jurisdiction="MX-GUA", created_at=now))  # fmt: skip
    new = _key(service.registry, "congreso-gto")
    taken = service.api.post("/v1/sources", json=spec(), headers=new)
    assert taken.status_code == 422, taken.text
    assert [p["loc"] for p in taken.json()["detail"]] == [["body", "id"]]
    for path in ("", "/runs", "/audit"):
        seen = service.api.get(f"/v1/sources/{SOURCE}{path}", headers=new)
        assert seen.status_code == 404, seen.text
        assert PRIVATE not in seen.text
    preview = service.api.post("/v1/sources/preview", json=spec(), headers=new)
    assert preview.status_code == 422, preview.text
    # its own names are its own
    mine = service.api.post("/v1/sources", json=spec("congreso-gto-diario"), headers=new)
    assert mine.status_code == 201, mine.text


def test_the_first_owner_registers_its_old_id_again_and_sees_its_runs(service: Service) -> None:
    again = service.api.post("/v1/sources", json=spec(), headers=service.old)
    assert again.status_code == 201, again.text
    runs = service.api.get(f"/v1/sources/{SOURCE}/runs", headers=service.old)
    assert PRIVATE in runs.text


def test_names_the_operator_published_under_are_no_institutions(service: Service) -> None:
    """``abierto index`` publishes under the source ``local``; a catalogue source removed
    from the folder leaves its runs. An institution named so cannot register them."""
    url = "file:///srv/archivo/dictamen.txt"
    service.library.add_document(
        Legislativo(
            id=document_id("local", url), title="Dictamen del archivo", institution="Archivo",
            jurisdiction="MX", source_id="local", url=url, text="Texto del archivo local.",
        )
    )  # fmt: skip
    service.library.flush()
    service.library.db.start_run("congreso-catalogo")
    service.registry.add_institution("local", "Archivo Local", "other", "MX-GUA")
    local = _key(service.registry, "local")
    for source_id, key in (("local", local), ("congreso-catalogo", service.old)):
        taken = service.api.post("/v1/sources", json=spec(source_id), headers=key)
        assert taken.status_code == 422, taken.text
