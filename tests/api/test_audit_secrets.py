"""The audit log keeps every version of a spec, but not the values of its headers (an
institution's credentials for its own site): a key rotated after a leak must not stay
readable there. The names stay, and the live spec keeps the values the crawler sends."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from config.settings import Settings
from indexer.db.audited_spec import spec_secrets, without_secrets
from indexer.db.registry import Registry
from indexer.db.tables import AuditRow, SourceRow
from indexer.library import Library

SOURCE = "congreso-gto-api-propia"


def _spec(token: str) -> dict[str, object]:
    return {
        "id": SOURCE,
        "kind": "legislativo",
        "jurisdiction": "MX-GUA",
        "shape": "json_api",
        "start_urls": ["http://127.0.0.1:1/busqueda"],
        "json_api": {
            "records": "resultados",
            "link": "/documento/{id}",
            "headers": {"X-Api-Key": token, "Accept-Language": "es-MX"},
            "params": {"api_key": token, "pagina": "{page}", "tamano": 50},
        },
    }


def test_header_values_never_reach_the_audit_log(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, allow_loopback=True)
    library = Library.open(settings)
    try:
        registry = Registry(library.db)
        registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
        _, key = registry.issue_key("congreso-gto")
        client = TestClient(create_app(library, settings))
        auth = {"Authorization": f"Bearer {key}"}
        created = client.post("/v1/sources", json=_spec("clave-vieja-filtrada"), headers=auth)
        assert created.status_code == 201, created.text
        rotated = client.put(f"/v1/sources/{SOURCE}", json=_spec("clave-nueva"), headers=auth)
        assert rotated.status_code == 200, rotated.text
        with library.db.session() as s:
            details = [row.detail for row in s.scalars(select(AuditRow))]
            live = s.get(SourceRow, SOURCE)
            assert live is not None
            sent = live.spec["json_api"]["headers"]
        kept = json.dumps(details)
        assert "clave-vieja-filtrada" not in kept and "clave-nueva" not in kept
        assert "es-MX" not in kept  # every value: which one is a secret is not ours to guess
        versions = [d["spec"]["json_api"]["headers"] for d in details if "spec" in d]
        assert versions == [{"X-Api-Key": "(oculto)", "Accept-Language": "(oculto)"}] * 2
        assert sent == {"X-Api-Key": "clave-nueva", "Accept-Language": "es-MX"}
        # a key sent as a query parameter too; a template is no secret and stays
        params = [d["spec"]["json_api"]["params"] for d in details if "spec" in d]
        assert params == [{"api_key": "(oculto)", "pagina": "{page}", "tamano": "(oculto)"}] * 2
        # the owner reads its own spec with the key masked (tests/api/test_shown_spec_secrets)
        shown = client.get(f"/v1/sources/{SOURCE}", headers=auth).json()["spec"]
        assert shown["json_api"]["headers"] == {"X-Api-Key": "(oculto)", "Accept-Language": "es-MX"}
        assert shown["json_api"]["params"]["api_key"] == "(oculto)"
    finally:
        library.close()


def test_a_forms_posted_values_never_reach_the_audit_log(tmp_path: Path) -> None:
    """A listing that pages by posting a form (``listing.next_form.data``) may post a
    key as any field: its values are hidden as a JSON API's parameters are, and a key
    among them is hidden in the crawl's records too."""
    settings = Settings(data_dir=tmp_path, allow_loopback=True)
    library = Library.open(settings)
    token = "x7Gq2LmP9rTz4KwB"
    spec = {
        "id": "congreso-gto-gaceta-propia", "kind": "legislativo", "jurisdiction": "MX-GUA",
        "start_urls": ["http://127.0.0.1:1/gaceta"],
        "listing": {
            "items": "css:tr", "link": "css:a::attr(href)",
            "next_form": {"form": "css:form", "click": "btnSiguiente",
                          "data": {"acceso": token, "txtPagina": "{page}"}},
        },
    }  # fmt: skip
    try:
        registry = Registry(library.db)
        registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
        _, key = registry.issue_key("congreso-gto")
        client = TestClient(create_app(library, settings))
        created = client.post("/v1/sources", json=spec, headers={"Authorization": f"Bearer {key}"})
        assert created.status_code == 201, created.text
        with library.db.session() as s:
            details = [row.detail for row in s.scalars(select(AuditRow))]
        assert token not in json.dumps(details)
        [kept] = [d["spec"]["listing"]["next_form"]["data"] for d in details if "spec" in d]
        assert kept == {"acceso": "(oculto)", "txtPagina": "{page}"}
        assert without_secrets(f"POST /gaceta acceso={token}", spec_secrets(spec)) == (
            "POST /gaceta acceso=(oculto)"
        )
    finally:
        library.close()
