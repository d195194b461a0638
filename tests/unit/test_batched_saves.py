"""Documents saved in batches end exactly as if saved one by one (shared files, the same
address twice, a document merged into one of the same batch), and a batch that fails
half-way leaves the database consistent and says how many were saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.models import FileRef
from indexer.shared import SaveInterrupted
from indexer.stores import SearchQuery


def pdf(letter: str) -> FileRef:
    return FileRef(url="x", sha256=letter * 64, content_type="application/pdf", size=10)


def sentence(source_id: str, url: str, files: list[FileRef], **fields: str) -> Any:
    return build_document(
        kind="sentencia", source_id=source_id, institution="Poder Judicial de Jalisco",
        jurisdiction="MX-JAL", url=url, text=f"La Sala resuelve confirmar {url}.",
        files=files, fields={"expediente": "Toca 52/2025"} | fields,
    )  # fmt: skip


def batch() -> list[Any]:
    """Independent documents and ones that depend on an earlier one of the batch."""
    return [
        sentence("stj", "https://stj.example/1", [pdf("a")], court="Séptima Sala"),
        sentence("stj", "https://stj.example/2", [pdf("b")]),
        sentence("espejo", "https://espejo.example/1.pdf", [pdf("a")], matter="Familiar"),
        sentence("stj", "https://stj.example/3", [pdf("c")]),
        sentence("stj", "https://stj.example/2", [pdf("b")], court="Sala Penal"),
        sentence("espejo", "https://espejo.example/3.pdf", [pdf("c")]),
    ]


def state(library: Library) -> list[tuple[Any, ...]]:
    return [
        (d.id, d.court, d.matter, d.content_sha256, [(s.source_id, s.url) for s in d.sources])
        for d in library.db.iter_documents()
    ]


def test_a_batch_ends_as_the_same_documents_saved_one_by_one(tmp_path: Path) -> None:
    alone = Library.open(Settings(data_dir=tmp_path / "alone"))
    together = Library.open(Settings(data_dir=tmp_path / "together"))
    one_by_one = [alone.add_document(doc) for doc in batch()]
    assert together.add_documents(batch()) == one_by_one
    assert one_by_one == ["new", "new", "updated", "new", "updated", "updated"]
    assert state(together) == state(alone)
    (shared,) = [d for d in together.db.iter_documents() if len(d.sources) == 2 and d.court]
    assert shared.court == "Séptima Sala" and shared.matter == "familiar"
    assert together.db.count_documents() == 3
    together.flush()
    assert together.search(SearchQuery(q="confirmar")).total == 3
    assert together.db.count_pending() == 0
    # saved again, as a re-crawl does: the same outcomes as one by one again
    again = [alone.add_document(doc) for doc in batch()]
    assert together.add_documents(batch()) == again
    assert again.count("unchanged") == 4
    assert state(together) == state(alone)
    alone.close()
    together.close()


def test_a_batch_failing_half_way_keeps_what_it_saved_and_says_so(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path))
    with sqlite3.connect(tmp_path / "abierto.db") as connection:  # a real refusal, mid-batch
        connection.execute(
            "CREATE TRIGGER full_disk BEFORE UPDATE ON documents "
            "BEGIN SELECT RAISE(ABORT, 'disco lleno'); END"
        )
    with pytest.raises(SaveInterrupted) as raised:
        library.add_documents(batch())
    # the first two were one transaction; the third (same file as the first) updates it
    assert raised.value.saved == ["new", "new"]
    assert "disco lleno" in str(raised.value.__cause__)
    saved = sorted((d.url, len(d.sources)) for d in library.db.iter_documents())
    assert saved == [("https://stj.example/1", 1), ("https://stj.example/2", 1)]
    assert library.db.count_pending() == 2  # each saved document queued, nothing else
    library.close()


def test_one_document_failing_alone_raises_its_own_error(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path))
    with sqlite3.connect(tmp_path / "abierto.db") as connection:
        connection.execute(
            "CREATE TRIGGER full_disk BEFORE INSERT ON documents "
            "BEGIN SELECT RAISE(ABORT, 'disco lleno'); END"
        )
    with pytest.raises(Exception, match="disco lleno") as raised:
        library.add_documents(batch()[:2])
    assert not isinstance(raised.value, SaveInterrupted)  # nothing was saved
    assert library.db.count_documents() == 0 and library.db.count_pending() == 0
    library.close()
