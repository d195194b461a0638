"""A small hostile HTML page cannot hold the crawl: one tag with 80,000 attributes is 700 KB,
yet libxml2 checks each new attribute against all the others (a minute of CPU). A tag of
that many attributes now keeps only its name before the parse (``indexer/extract/
raw_tags.py``), so the page's text is read well within the time limit (before, it was a
``timeout``, its text lost); the archive keeps the file as served."""

from __future__ import annotations

import time
from pathlib import Path

from config.settings import Settings
from indexer.extract import ExtractionLimits, extract_text
from indexer.library import Library

LIMIT_S = 2.0


def _hostile() -> bytes:
    attributes = " ".join(f"a{n}=1" for n in range(80_000))
    return f"<html><body><p {attributes}>Sentencia</p></body></html>".encode()


def test_a_page_of_many_attributes_is_read_within_the_limit() -> None:
    page = _hostile()
    assert len(page) < 1024 * 1024
    started = time.monotonic()
    read = extract_text(page, "text/html", limits=ExtractionLimits(timeout_s=LIMIT_S))
    assert read.text == "Sentencia"
    assert time.monotonic() - started < LIMIT_S + 10  # the worker's start, then the limit


def test_the_file_is_kept_with_its_text(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path))
    library.limits = ExtractionLimits(timeout_s=LIMIT_S)
    try:
        archived = library.add_file(_hostile(), "https://tribunal.example/anexo.html", "text/html")
        assert archived.text == "Sentencia" and archived.error is None
        assert library.archive.get(archived.ref.sha256) == _hostile()
    finally:
        library.close()


def test_an_ordinary_page_is_read_as_before() -> None:
    page = "<html><body><nav>Menú</nav><main><p>Se resuelve el amparo.</p></main></body></html>"
    assert extract_text(page.encode(), "text/html").text == "Se resuelve el amparo."
