"""Documents built in worker processes (``ABIERTO_CRAWL_WORKERS``) are the documents the
crawl process builds itself; a worker killed mid-crawl loses no document and is counted
on the run (``workers_lost``); a crawl killed leaves no worker behind; a build past
``ABIERTO_BUILD_TIMEOUT_S`` is abandoned, counted with its cause, and the crawl goes on;
a crawl left waiting for its builds takes one more worker, building the same documents."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from config.settings import Settings
from crawlers.building import END_WORKERS, WARM_AFTER
from indexer.db import Database
from indexer.library import Library
from indexer.stores import SearchQuery
from samples.server import serve
from tests.e2e.helpers import REPO, alive, children_of

SPEC = """
id: juzgado-obreros
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
    date: "css:td.fecha::text"
"""
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio"]


FILLER = (
    "<p>CONSIDERANDO. El quejoso, Juan Pérez López, con teléfono 951 555 1012, expone "
    "agravios conforme al artículo 14 constitucional; esta autoridad los estudia.</p>"
)


def make_site(root: Path, pages: int, filler: int = 0) -> None:
    """Sentence pages whose heading, dates, articles and personal data the readers and
    the privacy guard read; every tenth has a ``<main>`` among navigation. ``filler``
    paragraphs more make each page longer to build."""
    (root / "site").mkdir()
    (root / "specs").mkdir()
    (root / "specs" / "juzgado.yaml").write_text(SPEC, encoding="utf-8")
    rows = []
    for n in range(1, pages + 1):
        month = MONTHS[n % len(MONTHS)]
        body = (
            f"<h1>Amparo en revisión {n}/2024</h1>"
            f"<p>TRIBUNAL COLEGIADO EN MATERIA PENAL DEL DÉCIMO TERCER CIRCUITO.</p>"
            f"<p>Oaxaca de Juárez, a {n % 27 + 1} de {month} de 2024.</p>"
            f"<p>VISTOS para resolver los autos del amparo en revisión {n}/2024, promovido "
            f"por Juan Pérez López, con domicilio en Calle Reforma {n}, teléfono "
            f"951 555 {1000 + n}, conforme al artículo {n % 200 + 1} de la Ley de Amparo "
            f"y la tesis 2a./J. {n % 90 + 1}/2019.</p>"
            + FILLER * filler
            + "<p>PRIMERO. Se confirma la sentencia recurrida. NOTIFÍQUESE.</p>"
        )
        if n % 10 == 0:
            body = f"<nav><a href='/'>Inicio</a></nav><main>{body}</main><footer>©</footer>"
        (root / "site" / f"s{n}.html").write_text(
            f"<html><body>{body}</body></html>", encoding="utf-8"
        )
        rows.append(
            f'<tr class="fila"><td class="exp">{n}/2024</td><td class="fecha">01/02/2024</td>'
            f'<td><a href="s{n}.html">ver</a></td></tr>'
        )
    (root / "site" / "listado.html").write_text(f"<table>{''.join(rows)}</table>", "utf-8")


def start_crawl(
    root: Path, data: Path, url: str, workers: int, build_timeout_s: float | None = None
) -> subprocess.Popen[str]:
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(data),
        "ABIERTO_SAMPLES_URL": url,
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
        "ABIERTO_SOURCES_DIR": str(root / "specs"),
        "ABIERTO_CRAWL_WORKERS": str(workers),
    }
    if build_timeout_s is not None:
        env["ABIERTO_BUILD_TIMEOUT_S"] = str(build_timeout_s)
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", "crawl"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def documents(data: Path) -> dict[str, dict]:
    """Every document as saved, without the clocks of its crawl."""
    db = Database(f"sqlite:///{data / 'abierto.db'}")
    try:
        docs = {doc.id: doc.model_dump(mode="json") for doc in db.iter_documents()}
    finally:
        db.close()
    return {
        doc_id: {name: value for name, value in doc.items() if not name.endswith("_at")}
        for doc_id, doc in docs.items()
    }


def last_run(data: Path) -> tuple[dict, dict]:
    db = Database(f"sqlite:///{data / 'abierto.db'}")
    try:
        run = db.list_runs("juzgado-obreros")[0]
        return dict(run.stats), dict(run.errors)
    finally:
        db.close()


def add_huge_page(root: Path, name: str) -> None:
    """A legal page of 8 MB (under the 10 MB a page may weigh): its main text, readers and
    privacy guard take seconds (some 4 s of CPU, 13 s on the busy 2-core test machine), not
    milliseconds."""
    paragraph = (
        "<p>VISTOS para resolver los autos del amparo en revisión 7/2024, promovido por "
        "Juan Pérez López, teléfono 951 555 1012, conforme al artículo 12 de la Ley de "
        "Amparo. Oaxaca de Juárez, a 3 de marzo de 2024.</p>\n"
    )
    body = "<h1>Amparo en revisión 9999/2024</h1>" + paragraph * 35_000
    (root / "site" / name).write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    listing = root / "site" / "listado.html"
    row = (
        '<tr class="fila"><td class="exp">9999/2024</td><td class="fecha">01/02/2024</td>'
        f'<td><a href="{name}">ver</a></td></tr>'
    )
    listing.write_text(listing.read_text("utf-8").replace("<table>", f"<table>{row}"), "utf-8")


def found(data: Path, question: str) -> set[str]:
    """The URLs a reader finds for ``question``."""
    library = Library.open(Settings(data_dir=data))
    try:
        return {hit.url for hit in library.search(SearchQuery(q=question, limit=100)).hits}
    finally:
        library.close()


def workers_of(pid: int) -> list[int]:
    """The crawl's document-building worker processes (not multiprocessing's tracker)."""
    return children_of(pid, b"spawn_main")


def test_workers_build_the_documents_the_crawl_process_builds(tmp_path: Path) -> None:
    pages = WARM_AFTER + 80  # most built by the worker
    make_site(tmp_path, pages)
    saved = {}
    with serve(tmp_path / "site") as server:
        for workers in (0, 1):
            data = tmp_path / f"data-{workers}"
            # 0 with no time limit: built in the crawl process itself
            crawl = start_crawl(tmp_path, data, server.url, workers, None if workers else 0)
            output, _ = crawl.communicate(timeout=300)
            assert crawl.returncode == 0, output
            saved[workers] = documents(data)
            stats, errors = last_run(data)
            assert stats["items"] == pages and stats["new"] == pages, (workers, stats)
            assert errors == {} and "workers_lost" not in stats
    assert len(saved[1]) == pages
    assert saved[1] == saved[0]
    sample = next(doc for doc in saved[1].values() if doc["url"].endswith("/s20.html"))
    assert sample["text"].startswith("Amparo en revisión 20/2024")  # <main>, no nav
    assert "951 555 1020" not in sample["text"]  # the privacy guard ran in the worker


def test_a_worker_killed_mid_crawl_loses_no_document(tmp_path: Path) -> None:
    pages = 600
    make_site(tmp_path, pages)
    data = tmp_path / "data"
    killed: list[int] = []
    with serve(tmp_path / "site") as server:
        crawl = start_crawl(tmp_path, data, server.url, workers=1)
        output: list[str] = []
        reader = threading.Thread(target=lambda: output.append(crawl.stdout.read()))
        reader.start()
        deadline = time.monotonic() + 120
        while not killed and crawl.poll() is None and time.monotonic() < deadline:
            for pid in workers_of(crawl.pid):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            time.sleep(0.02)
        crawl.wait(timeout=300)
        reader.join()
    assert crawl.returncode == 0, output
    if not killed:
        pytest.fail("the crawl ended before its worker could be killed")
    stats, errors = last_run(data)
    assert stats["workers_lost"] >= 1
    assert stats["items"] == pages and stats["new"] == pages
    assert errors == {}
    assert len(documents(data)) == pages


def test_a_crawl_killed_leaves_no_worker_behind(tmp_path: Path) -> None:
    make_site(tmp_path, 600)
    with serve(tmp_path / "site") as server:
        crawl = start_crawl(tmp_path, tmp_path / "data", server.url, workers=1)
        workers: list[int] = []
        deadline = time.monotonic() + 120
        while not workers and crawl.poll() is None and time.monotonic() < deadline:
            workers = workers_of(crawl.pid)
            time.sleep(0.02)
        crawl.kill()
        crawl.communicate(timeout=60)
    if not workers:
        pytest.fail("the crawl ended before its worker started")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers), "a worker outlived its crawl"


def test_a_build_past_its_time_limit_is_a_counted_error_and_the_crawl_goes_on(
    tmp_path: Path,
) -> None:
    pages = 30
    make_site(tmp_path, pages)
    add_huge_page(tmp_path, "enorme.html")
    data = tmp_path / "data"
    seen: set[int] = set()
    with serve(tmp_path / "site") as server:
        # 1 s: a quarter of the huge page's CPU (3 s left a machine a third faster building
        # it in time), fifty times an ordinary page's build; and the pages queued behind it
        # when its pool is killed are built again, never lost (they were ``CancelledError``)
        crawl = start_crawl(tmp_path, data, server.url, workers=1, build_timeout_s=1)
        output: list[str] = []
        reader = threading.Thread(target=lambda: output.append(crawl.stdout.read()))
        reader.start()
        deadline = time.monotonic() + 300
        while crawl.poll() is None and time.monotonic() < deadline:
            seen.update(workers_of(crawl.pid))
            time.sleep(0.02)
        crawl.wait(timeout=60)
        reader.join()
    assert crawl.returncode == 3, output
    stats, errors = last_run(data)
    assert stats["items"] == pages and stats["errors"] == 1, stats
    assert list(errors) == ["build_timeout"] and errors["build_timeout"]["count"] == 1
    example = errors["build_timeout"]["examples"][0]
    assert example["url"] == f"{server.url}/enorme.html"
    assert "enorme.html" in example["message"] and "1 s" in example["message"]
    assert "[build_timeout]: 1 error;" in output[0]
    assert len(documents(data)) == pages
    assert found(data, "amparo en revisión") == {f"{server.url}/s{n}.html" for n in range(1, 31)}
    assert seen, "no worker built the documents"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(pid) for pid in seen):
        time.sleep(0.2)
    assert not any(alive(pid) for pid in seen), "a worker outlived its crawl"


def test_a_crawl_waiting_for_its_builds_takes_another_worker_and_builds_the_same(
    tmp_path: Path,
) -> None:
    """Pages of 25 KB arrive faster than one worker builds them: once nothing is left to
    download (or Scrapy pauses for the backlog) a second worker builds too, and the
    documents are those the crawl process builds itself."""
    pages = 200
    make_site(tmp_path, pages, filler=150)
    saved = {}
    most = 0
    with serve(tmp_path / "site") as server:
        for workers in (0, 1):
            data = tmp_path / f"data-{workers}"
            crawl = start_crawl(tmp_path, data, server.url, workers, None if workers else 0)
            output: list[str] = []
            reader = threading.Thread(target=lambda c=crawl, o=output: o.append(c.stdout.read()))
            reader.start()
            deadline = time.monotonic() + 300
            while workers and crawl.poll() is None and time.monotonic() < deadline:
                most = max(most, len(workers_of(crawl.pid)))
                time.sleep(0.02)
            crawl.wait(timeout=300)
            reader.join()
            assert crawl.returncode == 0, output
            saved[workers] = documents(data)
            stats, errors = last_run(data)
            assert stats["items"] == pages and stats["new"] == pages, (workers, stats)
            assert errors == {} and "workers_lost" not in stats
    assert most == 1 + END_WORKERS
    assert len(saved[1]) == pages
    assert saved[1] == saved[0]
