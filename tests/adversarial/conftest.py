"""Shared fixtures of the adversarial suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import FileRef
from tests.api.conftest import PDF_BYTES, _docs


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The API over a small real library (SQLite + Tantivy); server errors come back as
    responses, so a test sees a 500 instead of an exception."""
    library = Library.open(Settings(data_dir=tmp_path_factory.mktemp("data")))
    pdf = FileRef(url="https://ejemplo.gob.mx/a.pdf", sha256=library.archive.put(PDF_BYTES),
                  content_type="application/pdf", size=len(PDF_BYTES))  # fmt: skip
    for doc in _docs(pdf, pdf):
        library.add_document(doc)
    library.flush()
    with TestClient(create_app(library), raise_server_exceptions=False) as client:
        yield client
    library.close()
