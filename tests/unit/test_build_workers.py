"""The processes that build a crawl's documents start lean: they do not run the crawl's
main module again (``abierto`` imports the whole application), and what they build is what
the crawl process builds itself. A build abandoned at its time limit loses none of the
builds queued behind it in the killed pool: they were cancelled with it (``CancelledError``,
each page an ``item_failed``); now they are built again. A build past its limit, or a
worker that crashes, stops that worker alone: the others (their imports paid) go on."""

from __future__ import annotations

import os
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
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # some programs import the tests' helpers
    result = subprocess.run(
        [sys.executable, str(program), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
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


# an ordinary page of the number and words given, for the programs below
ORDER = """
import datetime as dt

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
"""

QUEUED = (
    ORDER
    + """
import threading
import time


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
)


def test_builds_queued_behind_an_abandoned_one_are_built_again(tmp_path: Path) -> None:
    result = _run(tmp_path / "queued.py", QUEUED)
    assert result.stdout.split() == ["Refusal", "Sentencia", "Sentencia", "Sentencia", "Sentencia"]


ONE_WORKER_ENDS = (
    ORDER
    + """
import os
import signal
import sys
import threading
import time

from tests.e2e.helpers import alive, children_of


def ordinary(builders: Builders, first: int) -> list[str]:
    \"\"\"Four ordinary builds at once: every pipe of both workers holds one.\"\"\"
    built = {}

    def one(n: int) -> None:
        built[n] = type(builders.build(order(n, f"Amparo en revisión {n}/2024."))[0]).__name__

    threads = [threading.Thread(target=one, args=(n,)) for n in range(first, first + 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [built[n] for n in sorted(built)]


if __name__ == "__main__":
    builders = Builders(workers=2, timeout_s=1)
    builders.start()
    print(*ordinary(builders, 1))
    workers = children_of(os.getpid(), b"spawn_main")
    if sys.argv[1] == "stuck":
        hostile = "<div>" * 900_000 + "trampa" + "</div>" * 900_000  # 5 s of CPU: 5x the limit
        print(builders.build(order(9, hostile))[0].cause)
    else:
        os.kill(workers[0], signal.SIGSEGV)  # a worker crashes
        print(*ordinary(builders, 10))
    time.sleep(1)  # a process killed is gone (reaped or a zombie) within a second
    print(len(workers), sum(alive(pid) for pid in workers), builders.lost)
    print(*ordinary(builders, 20))
    builders.close()
    print(sum(alive(pid) for pid in children_of(os.getpid(), b"spawn_main")))
"""
)


def test_a_build_past_its_limit_stops_its_own_worker_alone(tmp_path: Path) -> None:
    """The other worker (its imports paid, maybe mid-build) goes on; the stuck one is
    replaced, not counted as lost."""
    result = _run(tmp_path / "stuck.py", ONE_WORKER_ENDS, "stuck")
    assert result.stdout.splitlines() == [
        "Sentencia Sentencia Sentencia Sentencia",
        "build_timeout",
        "2 1 0",
        "Sentencia Sentencia Sentencia Sentencia",
        "0",
    ]


def test_a_crashed_worker_is_replaced_alone_and_its_build_done_again(tmp_path: Path) -> None:
    result = _run(tmp_path / "crashed.py", ONE_WORKER_ENDS, "crashed")
    assert result.stdout.splitlines() == [
        "Sentencia Sentencia Sentencia Sentencia",
        "Sentencia Sentencia Sentencia Sentencia",
        "2 1 1",
        "Sentencia Sentencia Sentencia Sentencia",
        "0",
    ]
