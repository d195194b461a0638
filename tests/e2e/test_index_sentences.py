"""``abierto index`` of a sentence's PDF: its metadata comes from its own heading, and its
signatures are kept out of the searchable text (and so of snippets) but served whole."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli.local import index_paths
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sentencia
from indexer.stores import SearchQuery
from tests.e2e.helpers import client_for
from tests.shapes.harness import FIXTURES

PDF = FIXTURES / "html_listing" / "legado-latin1" / "docs" / "sentencia 123-2022.pdf"


def test_a_sentence_indexed_from_disk_reads_its_heading(tmp_path: Path) -> None:
    shutil.copy(PDF, tmp_path / "sentencia.pdf")
    data = tmp_path / "data"
    library = Library.open(Settings(data_dir=data))
    counts = index_paths(
        library, [tmp_path / "sentencia.pdf"], kind="sentencia",
        institution="Tribunal Superior de Justicia del Estado de Zacatecas", jurisdiction="MX-ZAC",
    )  # fmt: skip
    assert counts["new"] == 1
    [doc] = list(library.db.iter_documents())
    assert isinstance(doc, Sentencia)
    assert doc.court == "Juzgado Segundo de lo Civil del Distrito Judicial de la Capital"
    assert (doc.expediente, doc.expediente_normalised) == ("0123/2022", "123/2022")
    assert (doc.matter, doc.proceeding) == ("civil", "juicio ordinario civil")
    assert doc.judgment_type == "sentencia definitiva"
    assert str(doc.resolution_date) == str(doc.date) == "2023-03-15"
    assert "EVIDENCIA CRIPTOGRÁFICA" not in doc.text and "No. serie" in doc.signature_text
    found = library.search(SearchQuery(q="serie certificado ocsp"))
    assert found.total == 0  # the evidence page is not searchable
    assert library.search(SearchQuery(q='"prescripción positiva"')).total == 1
    library.close()
    with client_for(data) as api:
        text = api.get(f"/v1/documents/{doc.id}/text").text
    assert text.startswith("PODER JUDICIAL") and text.rstrip().endswith(doc.signature_text[-40:])
