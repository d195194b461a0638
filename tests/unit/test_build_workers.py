"""The processes that build a crawl's documents start lean: they do not run the crawl's
main module again (``abierto`` imports the whole application), and what they build is what
the crawl process builds itself."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.e2e.helpers import REPO

PROGRAM = """
import os
import sys

with open(sys.argv[1], "a", encoding="utf-8") as runs:
    runs.write(f"{os.getpid()}\\n")  # every process that runs this module says so

import datetime as dt

from crawlers.building import BuildOrder, Builders, PageHtml, build


def order() -> BuildOrder:
    page = (
        "<html><body><nav>Inicio</nav><main><h1>Amparo en revisión 12/2024</h1>"
        "<p>Oaxaca de Juárez, a 3 de marzo de 2024. Promovido por Juan Pérez López, "
        "teléfono 951 555 1012, conforme al artículo 12 de la Ley de Amparo.</p>"
        "</main></body></html>"
    )
    return BuildOrder(
        kind="sentencia", source_id="juzgado", institution="Juzgado de Prueba",
        jurisdiction="MX-OAX", url="http://127.0.0.1/s12.html",
        fields={"expediente": "12/2024", "date": "01/02/2024"}, page_text="",
        page=PageHtml(page.encode()), file_texts=[], files=[], required=[],
        fetched_at=dt.datetime(2024, 3, 4, tzinfo=dt.UTC), videos=[], origin="listing",
        origins={}, ocr_pages=[], text_source=None, privacy="mask",
    )


if __name__ == "__main__":
    builders = Builders(workers=1, timeout_s=60)
    builders.start()
    built, lost = builders.build(order())
    builders.close()
    here = build(order())
    assert not lost
    assert built == here, (built, here)
    assert "951 555 1012" not in built.text
    print("same")
"""


def test_a_build_worker_does_not_run_the_main_module_and_builds_the_same(
    tmp_path: Path,
) -> None:
    program = tmp_path / "crawl_like.py"
    program.write_text(textwrap.dedent(PROGRAM), encoding="utf-8")
    runs = tmp_path / "runs.txt"
    result = subprocess.run(
        [sys.executable, str(program), str(runs)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == ["same"]
    assert len(runs.read_text(encoding="utf-8").split()) == 1  # the program itself only
