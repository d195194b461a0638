"""The command line: index local files; the running API sees them without a restart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fpdf import FPDF

from tests.e2e.helpers import REPO, client_for


def _abierto(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(data), *args],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_index_local_files_and_see_them_in_a_running_api(tmp_path: Path) -> None:
    folder = tmp_path / "archivo"
    folder.mkdir()
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(
        0, 6, "Morelia, Michoacán, a tres de mayo de dos mil veintitrés. Amparo indirecto."
    )
    pdf.output(str(folder / "amparo_indirecto.pdf"))
    (folder / "nota.txt").write_text("Resolución sobre la suspensión definitiva.", encoding="utf-8")
    (folder / "vacia.pdf").write_bytes(b"%PDF-1.4 nada")
    data = tmp_path / "data"
    _abierto(data, "index", "--jurisdiction", "MX-MIC", str(folder / "nota.txt"))

    with client_for(data) as api:
        assert api.get("/v1/search", params={"q": "amparo"}).json()["total"] == 0
        result = _abierto(data, "index", "--jurisdiction", "MX-MIC", str(folder))
        assert result.returncode == 1, result.stdout + result.stderr
        assert "1 documento nuevo" in result.stdout and "1 sin cambios" in result.stdout
        assert "1 error" in result.stdout and "errors" not in result.stdout
        body = api.get("/v1/search", params={"q": "amparo", "jurisdiction": "MX-MIC"}).json()
        assert body["total"] == 1
        assert body["hits"][0]["title"] == "amparo indirecto"
        assert body["hits"][0]["date"] == "2023-05-03"


def test_reindex_and_sources(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (tmp_path / "nota.txt").write_text("Dictamen de la comisión de hacienda.", encoding="utf-8")
    _abierto(data, "index", "--kind", "legislativo", str(tmp_path / "nota.txt"))
    result = _abierto(data, "reindex")
    assert result.returncode == 0 and "1 documento reindexado" in result.stdout
    listed = _abierto(data, "sources").stdout
    assert "tribunal-gto-sentencias" in listed and "MX-GUA" in listed
