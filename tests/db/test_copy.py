"""Moving the source of truth: ``abierto db copy --to URL`` loses no row, keeps every id,
and leaves the target ready for new rows (PostgreSQL sequences moved past the copy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from indexer.db import Database
from indexer.db.copy import CopyError, copy_database
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


def test_copy_keeps_every_row_and_new_rows_get_new_ids(database_url: str, tmp_path: Path) -> None:
    source = _filled(tmp_path / "embedded.db")
    target = Database(database_url)
    copied = copy_database(source, target)
    assert copied["documents"] == len(corpus()) and copied["crawl_runs"] == 3
    for doc in corpus():
        assert target.get_document(doc.id) == source.get_document(doc.id)
    assert target.count_pending() == source.count_pending() == len(corpus()) - 3
    assert target.start_run("tribunal-gto") == 4
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
