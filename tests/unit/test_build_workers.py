"""The processes that build a crawl's documents start lean: they do not run the crawl's
main module again (``abierto`` imports the whole application), and what they build is what
the crawl process builds itself. A build abandoned at its time limit loses none of the
builds queued behind it in the killed pool: they were cancelled with it (``CancelledError``,
each page an ``item_failed``); now they are built again."""

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


def _run(program: Path, source: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``source`` as a program of its own (a crawl's main module), which must succeed."""
    program.write_text(textwrap.dedent(source), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(program), *args],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_a_build_worker_does_not_run_the_main_module_and_builds_the_same(
    tmp_path: Path,
) -> None:
    runs = tmp_path / "runs.txt"
    result = _run(tmp_path / "crawl_like.py", PROGRAM, str(runs))
    assert result.stdout.split() == ["same"]
    assert len(runs.read_text(encoding="utf-8").split()) == 1  # the program itself only


QUEUED = """
import datetime as dt
import threading
import time

from crawlers.building import BuildOrder, Builders, PageHtml


def order(n: int, words: str) -> BuildOrder:
    return BuildOrder(
        kind="sentencia", source_id="juzgado", institution="Juzgado de Prueba",
        jurisdiction="MX-OAX", url=f"http://127.0.0.1/s{n}.html",
        fields={"expediente": f"{n}/2024"}, page_text="",
        page=PageHtml(f"<html><body><main><p>{words}</p></main></body></html>".encode()),
        file_texts=[], files=[], required=[], fetched_at=dt.datetime(2024, 3, 4, tzinfo=dt.UTC),
        videos=[], origin="listing", origins={}, ocr_pages=[], text_source=None, privacy="mask",
    )


if __name__ == "__main__":
    builders = Builders(workers=1, timeout_s=1)
    builders.start()
    builders.build(order(0, "Amparo en revisión 0/2024."))  # the pool is up
    builders.boost()  # four builds in the pool at once: some wait in its queue
    built = {}

    def build(n: int, words: str) -> None:
        try:
            built[n] = type(builders.build(order(n, words))[0]).__name__
        except Exception as exc:
            built[n] = type(exc).__name__

    hostile = "<div>" * 900_000 + "trampa" + "</div>" * 900_000  # 5 s of CPU: 5x the limit
    threads = [threading.Thread(target=build, args=(1, hostile))]
    threads[0].start()
    time.sleep(0.3)  # its worker holds it; the ordinary ones queue behind
    threads += [
        threading.Thread(target=build, args=(n, f"Amparo en revisión {n}/2024."))
        for n in range(2, 6)
    ]
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join()
    builders.close()
    print(" ".join(built[n] for n in sorted(built)))
"""


def test_builds_queued_behind_an_abandoned_one_are_built_again(tmp_path: Path) -> None:
    result = _run(tmp_path / "queued.py", QUEUED)
    assert result.stdout.split() == ["Refusal", "Sentencia", "Sentencia", "Sentencia", "Sentencia"]
