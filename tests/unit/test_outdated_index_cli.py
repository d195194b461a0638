"""An index folder another version wrote: ``abierto serve`` (one process or several
workers) stops at once with one Spanish line that says to run ``abierto reindex``, never a
traceback in English nor workers failing to start over and over."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import tantivy

from tests.e2e.helpers import REPO


def _older_index(folder: Path) -> None:
    """A folder as another version left it: a schema of other fields."""
    folder.mkdir(parents=True)
    old = tantivy.SchemaBuilder()
    old.add_text_field("id", stored=True, tokenizer_name="raw")
    tantivy.Index(old.build(), path=str(folder))


@pytest.mark.parametrize(
    ("folder", "which"), [("index", "búsqueda"), ("speeches-index", "discursos")]
)
@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_on_an_index_of_another_version_says_to_reindex(
    tmp_path: Path, folder: str, which: str, workers: str
) -> None:
    _older_index(tmp_path / folder)
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(tmp_path), "serve",
         "--workers", workers, "--port", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-2000:]
    said = done.stderr.strip()
    assert "Traceback" not in said and len(said.splitlines()) == 1, said[-2000:]
    assert f"el índice de {which} en {tmp_path / folder}" in said
    assert "lo escribió otra versión" in said and "ejecute `abierto reindex`" in said
