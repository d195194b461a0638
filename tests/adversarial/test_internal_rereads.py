"""A file whose reading failed because of our own code (cause ``internal``) is read
again when its bytes come back: once the bug is fixed the sentence gets its text,
instead of the stored failure being reused for ever. A file at fault stays refused."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from config.settings import Settings
from indexer.db import FileRow
from indexer.extract import EXTRACTOR_VERSION
from indexer.library import Library
from tests.adversarial.hostile import text_pdf


def _stored_failure(library: Library, data: bytes, error: str) -> str:
    sha256 = library.archive.put(data)
    assert sha256 == hashlib.sha256(data).hexdigest()
    library.db.save_file(
        FileRow(
            sha256=sha256,
            size=len(data),
            content_type="application/pdf",
            first_url="https://tribunal.gob.mx/antes.pdf",
            pages=None,
            text=None,
            method=None,
            error=error,
            archived_at=dt.datetime.now(dt.UTC),
            ocr_pages=None,
            extractor=EXTRACTOR_VERSION,  # (an older one's failure is read again anyway)
        )
    )
    return sha256


def test_a_reading_our_bug_spoiled_is_read_again(tmp_path: Path, database_url: str) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    try:
        data = text_pdf(["Sentencia del amparo en revision leida otra vez"])
        sha256 = _stored_failure(library, data, "internal: TypeError: a bug of ours")
        archived = library.add_file(data, "https://tribunal.gob.mx/despues.pdf")
        assert archived.error is None
        assert archived.text and "leida otra vez" in archived.text
        stored = library.db.get_file(sha256)
        assert stored is not None and stored.error is None
        assert stored.text and "leida otra vez" in stored.text
        assert stored.first_url == "https://tribunal.gob.mx/antes.pdf"
    finally:
        library.close()


def test_a_file_at_fault_keeps_its_stored_failure(tmp_path: Path, database_url: str) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    try:
        data = text_pdf(["Texto que no se vuelve a leer"])
        _stored_failure(library, data, "malformed: PdfiumError: Failed to load page.")
        archived = library.add_file(data, "https://tribunal.gob.mx/despues.pdf")
        assert archived.reused
        assert archived.error == "malformed: PdfiumError: Failed to load page."
    finally:
        library.close()
