"""Moving the source of truth: ``abierto db copy --to URL`` loses no row, keeps every id,
and leaves the target ready for new rows (PostgreSQL sequences moved past the copy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from indexer.citations.records import record_citations
from indexer.citations.resolve import cited
from indexer.db import Database
from indexer.db.copy import CopyError, copy_database
from tests.citations.test_library import CITING, HELD
from tests.stores.corpus import corpus

REPO = Path(__file__).resolve().parents[2]


def _filled(path: Path) -> Database:
    source = Database(f"sqlite:///{path}")
    for doc in corpus():
        source.save_document(doc)
    source.mark_indexed([doc.with_hash() for doc in corpus()[:3]])
    for _ in range(3):
        source.finish_run(source.start_run("tribunal-gto"), "ok", {"items": 1}, {})
    return source


def _numbers(db: Database) -> dict[str, int]:
    with db.engine.connect() as connection:
        return dict(connection.execute(text("select id, seq from documents")).all())


def test_copy_keeps_every_row_and_new_rows_get_new_ids(database_url: str, tmp_path: Path) -> None:
    source = _filled(tmp_path / "embedded.db")
    citing = [*HELD, *CITING]
    source.save_documents(citing)
    record_citations(source, citing)
    target = Database(database_url)
    copied = copy_database(source, target)
    assert copied["documents"] == len(corpus()) + len(citing) and copied["crawl_runs"] == 3
    for doc in corpus():
        assert target.get_document(doc.id) == source.get_document(doc.id)
    assert target.count_pending() == source.count_pending() == len(corpus()) + len(citing) - 3
    assert target.start_run("tribunal-gto") == 4
    # the citations follow their documents' numbers; a document saved after the copy
    # takes the next number (PostgreSQL's sequence moved past the copied ones)
    for doc in citing:
        assert cited(target, doc.id, 50, 0) == cited(source, doc.id, 50, 0)
    assert any(cited(target, doc.id, 50, 0)[0] for doc in citing)
    numbers = _numbers(target)
    new = corpus()[0].model_copy(update={"id": "despues-de-copiar"})
    target.save_document(new)
    assert _numbers(target)[new.id] == max(numbers.values()) + 1
    with pytest.raises(CopyError, match="not empty"):
        copy_database(source, target)
    source.close()
    target.close()


def test_db_copy_command(tmp_path: Path) -> None:
    _filled(tmp_path / "data" / "abierto.db").close()
    target = tmp_path / "copy.db"
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(tmp_path / "data"),
         "db", "copy", "--to", f"sqlite:///{target}"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"documents: {len(corpus())} filas" in result.stdout
    assert Database(f"sqlite:///{target}").count_documents() == len(corpus())
