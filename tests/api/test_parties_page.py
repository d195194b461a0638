"""A sentence's parties, as its caption names them, on its page: each with its role,
escaped, and said to come from the heading."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia, document_id


def test_the_page_shows_each_party_with_its_role_escaped(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "datos", database_url=None))
    doc = Sentencia(
        id=document_id("pj-nl", "https://ejemplo.gob.mx/amparo-12"),
        title="Amparo en revisión 12/2024",
        institution="Poder Judicial del Estado de Nuevo León",
        jurisdiction="MX-NLE",
        source_id="pj-nl",
        url="https://ejemplo.gob.mx/amparo-12",
        text="AMPARO EN REVISIÓN 12/2024. QUEJOSA: CONSTRUCTORA DEL NORTE, S.A. DE C.V.",
        parties=[
            "quejoso: CONSTRUCTORA DEL NORTE, S.A. DE C.V.",
            "autoridad responsable: <script>alert(1)</script>",
        ],
        field_sources={"parties": "heading"},
    )
    library.add_document(doc)
    library.flush()
    try:
        with TestClient(create_app(library)) as client:
            page = client.get(f"/documentos/{doc.id}")
        assert page.status_code == 200
        assert "<dt>Partes (según el encabezado)</dt>" in page.text
        assert (
            "<dd>quejoso: CONSTRUCTORA DEL NORTE, S.A. DE C.V.; "
            "autoridad responsable: &lt;script&gt;alert(1)&lt;/script&gt;</dd>"
        ) in page.text
        assert "<script>alert(1)" not in page.text
    finally:
        library.close()
