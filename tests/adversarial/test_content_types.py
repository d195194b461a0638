"""A Content-Type is whatever a server sends: a long or odd one is read for its media
type and charset only, so the file and its document are kept on every database (the
column holds 128 characters; PostgreSQL refused the row and the document was lost)."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from tests.adversarial.hostile import text_pdf

LONG = "application/pdf; name=" + "x" * 300 + "; charset=utf-8"


@pytest.mark.parametrize(
    ("declared", "kept"),
    [
        (LONG, "application/pdf; charset=utf-8"),
        ('Application/PDF ;  Charset="ISO-8859-1"', "application/pdf; charset=iso-8859-1"),
        ("text/html; charset=" + "u" * 300, "text/html"),
        ("x" * 500, None),
        ("", None),
    ],
)
def test_a_served_content_type_is_kept_bounded(
    tmp_path: Path, database_url: str, declared: str, kept: str | None
) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    try:
        archived = library.add_file(
            text_pdf(["Sentencia con tipo raro"]), "https://a.mx/x", declared
        )
        assert archived.text and "Sentencia con tipo raro" in archived.text
        assert archived.ref.content_type == kept
        stored = library.db.get_file(archived.ref.sha256)
        assert stored is not None and stored.content_type == kept
    finally:
        library.close()
