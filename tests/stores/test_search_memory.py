"""A page of large documents is never held whole: the native search highlights each hit
as it reads it and lets its document go, and keeps few decompressed blocks of stored
documents. Before, a page of 30 texts of a megabyte raised the process's peak memory by
about twice its size (the documents held for the highlighter, then kept in Tantivy's
cache of 100 blocks); ``bench/search_memory.py`` measures the full ``limit=100``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.search_memory import build
from tests.e2e.helpers import REPO

DOCS = 30
PROBE = """
import json, sys
from bench.search_memory import one_round
print(json.dumps(one_round(__import__("pathlib").Path(sys.argv[1]))))
"""


def test_a_page_of_megabyte_texts_raises_peak_memory_by_less_than_its_size(
    tmp_path: Path,
) -> None:
    pytest.importorskip("abierto_native")
    build(tmp_path / "data", DOCS, 1.0)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data")],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    answer = done.stdout.strip().splitlines()[-1]
    raised = float(answer.split('"raised_mb": ')[1].split(",")[0])
    assert f'"hits": {DOCS}' in answer, answer
    assert raised < DOCS, f"a page of {DOCS} MB of texts raised peak RSS by {raised} MB"
