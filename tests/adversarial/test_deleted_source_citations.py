"""A registered institution's judgments stay its own after it deletes their source. A
citation names a sentence only of its issuer's level: a federal institution registered
on the service that is not the judiciary publishes no «amparo en revisión», so a sentence
copying a federal expediente is never linked from one. That was read from the source's
row: once the institution deleted the source (its documents stay published), they read
as the operator's catalogue's, the federal judiciary's, and a citation of the amparo
linked to the copy beside the Suprema Corte's own sentence. Real API (register and
delete with the institution's key), SQLite library and index."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from indexer.models import Sentencia
from indexer.readers.expedientes import normalise_expediente

SCJN = "Suprema Corte de Justicia de la Nación"
TFJA = "Tribunal Federal de Justicia Administrativa"
SOURCE = "tfja-copias"


def _sentencia(name: str, text: str, expediente: str | None = None, **extra: object) -> Sentencia:
    fields: dict[str, object] = {
        "institution": SCJN, "jurisdiction": "MX", "source_id": "scjn-sentencias",
    } | extra  # fmt: skip
    return Sentencia(
        id=name, title=f"Sentencia {name}", date=dt.date(2024, 9, 1), text=text,
        url=f"https://ejemplo.gob.mx/{name}", expediente=expediente,
        expediente_normalised=normalise_expediente(expediente) if expediente else None,
        **fields,
    )  # fmt: skip


def _cites(http: TestClient, doc_id: str) -> dict[str, list[str]]:
    answer = http.get(f"/v1/documents/{doc_id}/citations")
    assert answer.status_code == 200, answer.text
    items = answer.json()["cites"]["items"]
    return {item["key"]: sorted(d["id"] for d in item["documents"]) for item in items}


def test_a_deleted_sources_judgments_are_still_its_institutions(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None, allow_loopback=True)
    library = Library.open(settings, writer=True)
    registry = Registry(library.db)
    registry.add_institution("tfja", TFJA, "court", "MX")
    key = {"Authorization": f"Bearer {registry.issue_key('tfja')[1]}"}
    spec = {
        "id": SOURCE, "kind": "sentencia", "jurisdiction": "MX",
        "start_urls": ["http://127.0.0.1:9/sentencias"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
    }  # fmt: skip
    try:
        with TestClient(create_app(library, settings)) as http:
            created = http.post("/v1/sources", json=spec, headers=key)
            assert created.status_code == 201, created.text
            # what its crawl published: the SCJN's expediente, no court
            library.add_document(_sentencia("scjn-ar", "AMPARO EN REVISIÓN 101/2024. Se revoca.",
                                            "Amparo en Revisión 101/2024"))  # fmt: skip
            library.add_document(
                _sentencia("copia-ar", "Copia: amparo en revisión 101/2024.",
                           "Amparo en Revisión 101/2024", institution=TFJA, source_id=SOURCE)
            )  # fmt: skip
            library.add_document(_sentencia("antes", "Conforme al amparo en revisión 101/2024."))
            library.flush()
            assert _cites(http, "antes") == {"AR 101/2024": ["scjn-ar"]}

            gone = http.delete(f"/v1/sources/{SOURCE}", headers=key)
            assert gone.status_code == 204, gone.text
            library.add_document(_sentencia("despues", "Según el amparo en revisión 101/2024."))
            library.flush()
            assert _cites(http, "despues") == {"AR 101/2024": ["scjn-ar"]}
            assert _cites(http, "antes") == {"AR 101/2024": ["scjn-ar"]}
    finally:
        library.close()
