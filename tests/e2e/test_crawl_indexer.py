"""A big crawl indexes in a process of its own (``crawlers.indexing``): its documents
are searchable at the end of the run, exactly as when the crawl process indexes them;
that process killed mid-crawl loses no document and is counted on the run
(``indexers_lost``); a crawl killed leaves no indexing process behind; sources crawled
in one process share one indexing process. On SQLite or PostgreSQL with Tantivy, and on
PostgreSQL with OpenSearch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.db import Database
from indexer.library import Library
from indexer.stores import SearchQuery
from samples.server import serve
from tests.e2e.helpers import REPO, alive, children_of
from tests.e2e.test_crawl_workers import make_site
from tests.services.postgres import PostgresServer

PAGES = 1200  # most indexed by the indexing process
QUESTIONS = [
    SearchQuery(limit=100, facet_size=200),
    SearchQuery(q="amparo en revisión", limit=100, facet_size=200),
    SearchQuery(q='"se confirma la sentencia recurrida"', limit=50),
    SearchQuery(q="ley de amparo", sort="date_asc", limit=100),
]


def start_crawl(
    root: Path, data: Path, url: str, indexer: bool, backend: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    env = (
        os.environ
        | {
            "ABIERTO_DATA_DIR": str(data),
            "ABIERTO_SAMPLES_URL": url,
            "ABIERTO_ALLOW_LOOPBACK": "true",
            "ABIERTO_CRAWL_DELAY_S": "0",
            "ABIERTO_SOURCES_DIR": str(root / "specs"),
            "ABIERTO_CRAWL_INDEXER": "true" if indexer else "false",
            "ABIERTO_CRAWL_WORKERS": "0",
        }
        | (backend or {})
    )
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", "crawl"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def indexers_of(pid: int) -> list[int]:
    """The crawl's indexing processes."""
    return children_of(pid, b"indexer.follower")


def holds_the_writer(pid: int) -> bool:
    """The process has the embedded index's writer lock open (Tantivy's lock file)."""
    try:
        links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:
        return False
    return any(link.endswith(".tantivy-writer.lock") for link in links)


class Watch:
    """Follows a running crawl: its output, and the indexing processes it started."""

    def __init__(self, crawl: subprocess.Popen[str]) -> None:
        self.crawl = crawl
        self.output: list[str] = []
        self.seen: set[int] = set()
        self.reader = threading.Thread(target=lambda: self.output.append(crawl.stdout.read()))
        self.reader.start()

    def until(self, found: callable, timeout_s: float = 120) -> list[int]:
        """Indexing processes for which ``found`` holds, once there are any."""
        deadline = time.monotonic() + timeout_s
        while self.crawl.poll() is None and time.monotonic() < deadline:
            pids = indexers_of(self.crawl.pid)
            self.seen.update(pids)
            chosen = [pid for pid in pids if found(pid)]
            if chosen:
                return chosen
            time.sleep(0.02)
        return []

    def end(self, timeout_s: float = 300) -> str:
        self.crawl.wait(timeout=timeout_s)
        self.reader.join()
        return "".join(self.output)


def searched(data: Path, backend: dict[str, str] | None = None) -> list[dict]:
    """What a reader finds for each question: its total, its facets and every hit (id,
    title, date, snippets…), page after page (documents that tie are listed in the
    order the index holds them, which depends on when each was written)."""
    chosen = {
        name.removeprefix("ABIERTO_").lower(): value for name, value in (backend or {}).items()
    }
    settings = Settings(data_dir=data, **chosen)
    library = Library.open(settings)
    try:
        answers = []
        for question in QUESTIONS:
            first = library.search(question)
            hits, page = {}, first
            while True:
                hits |= {
                    hit.id: hit.model_dump(mode="json", exclude={"score"}) for hit in page.hits
                }
                if page.next_cursor is None:
                    break
                page = library.search(question.model_copy(update={"cursor": page.next_cursor}))
            facets = {
                name: [f.model_dump() for f in counts] for name, counts in first.facets.items()
            }
            answers.append({"total": first.total, "facets": facets, "hits": hits})
        return answers
    finally:
        library.close()


def last_run(data: Path, backend: dict[str, str] | None = None) -> tuple[dict, dict, int, int]:
    url = (backend or {}).get("ABIERTO_DATABASE_URL")
    db = Database(url or f"sqlite:///{data / 'abierto.db'}")
    try:
        run = db.list_runs("juzgado-obreros")[0]
        return dict(run.stats), dict(run.errors), db.count_documents(), db.count_pending()
    finally:
        db.close()


Backend = Callable[[str], dict[str, str]]


@pytest.fixture(params=["sqlite", "postgresql", "postgresql+opensearch"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Where a crawl named ``name`` saves and indexes, as settings: a SQLite file and
    Tantivy in the data folder, PostgreSQL and Tantivy, or PostgreSQL and an OpenSearch
    node (the engine deployment), each crawl its own database and index."""
    if request.param == "sqlite":
        return lambda name: {}
    postgres: PostgresServer = request.getfixturevalue("postgres")
    node = request.getfixturevalue("opensearch_node") if "opensearch" in request.param else None

    def chosen(name: str) -> dict[str, str]:
        name = f"{name}_{uuid.uuid4().hex[:8]}"
        settings = {"ABIERTO_DATABASE_URL": postgres.create_database(name)}
        if node is not None:
            settings |= {
                "ABIERTO_SEARCH_URL": node.url,
                "ABIERTO_SEARCH_ENGINE": "opensearch",
                "ABIERTO_SEARCH_INDEX": name,
            }
        return settings

    return chosen


def test_documents_indexed_by_the_indexing_process_are_those_the_crawl_indexes(
    tmp_path: Path, backend: Backend
) -> None:
    make_site(tmp_path, PAGES)
    answers = {}
    with serve(tmp_path / "site") as server:
        for indexer in (False, True):
            data = tmp_path / f"data-{indexer}"
            chosen = backend(f"abierto_indexer_{str(indexer).lower()}")
            watch = Watch(start_crawl(tmp_path, data, server.url, indexer, chosen))
            watch.until(lambda pid: False, timeout_s=300)  # notes every indexer it sees
            output = watch.end()
            assert watch.crawl.returncode == 0, output
            assert bool(watch.seen) is indexer, watch.seen
            stats, errors, documents, pending = last_run(data, chosen)
            assert stats["items"] == PAGES and documents == PAGES and errors == {}
            assert pending == 0 and "indexers_lost" not in stats
            answers[indexer] = searched(data, chosen)
    assert answers[True][0]["total"] == PAGES == len(answers[True][0]["hits"])
    assert answers[True] == answers[False]


def test_the_indexing_process_killed_mid_crawl_loses_no_document(tmp_path: Path) -> None:
    pages = 2000
    make_site(tmp_path, pages)
    data = tmp_path / "data"
    with serve(tmp_path / "site") as server:
        watch = Watch(start_crawl(tmp_path, data, server.url, indexer=True))
        writing = watch.until(holds_the_writer)
        for pid in writing:
            os.kill(pid, signal.SIGKILL)
        output = watch.end()
    assert watch.crawl.returncode == 0, output
    if not writing:
        pytest.fail("the crawl ended before its indexing process took the index's writer")
    stats, errors, documents, pending = last_run(data)
    assert stats["indexers_lost"] >= 1
    assert stats["items"] == pages and documents == pages and errors == {}
    assert pending == 0
    assert searched(data)[0]["total"] == pages


def test_a_crawl_killed_leaves_no_indexing_process_behind(tmp_path: Path) -> None:
    make_site(tmp_path, 2000)
    with serve(tmp_path / "site") as server:
        watch = Watch(start_crawl(tmp_path, tmp_path / "data", server.url, indexer=True))
        writing = watch.until(holds_the_writer)
        watch.crawl.kill()
        watch.end(timeout_s=60)
    if not writing:
        pytest.fail("the crawl ended before its indexing process took the index's writer")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(pid) for pid in writing):
        time.sleep(0.2)
    assert not any(alive(pid) for pid in writing), "an indexing process outlived its crawl"


def test_sources_crawled_in_one_process_share_one_indexing_process(
    tmp_path: Path, backend: Backend
) -> None:
    sizes = {"juzgado-obreros": 300, "juzgado-civil": 1500}  # the first ends long before
    (tmp_path / "specs").mkdir()
    for source, pages in sizes.items():
        (tmp_path / source).mkdir()
        make_site(tmp_path / source, pages)
        spec = (tmp_path / source / "specs" / "juzgado.yaml").read_text("utf-8")
        spec = spec.replace("id: juzgado-obreros", f"id: {source}")
        spec = spec.replace("/listado.html", f"/{source}/site/listado.html")
        (tmp_path / "specs" / f"{source}.yaml").write_text(spec, "utf-8")
        for page in (tmp_path / source / "site").glob("s*.html"):  # not the same sentences
            page.write_text(page.read_text("utf-8").replace("PENAL", source.upper()), "utf-8")
    data = tmp_path / "data"
    chosen = backend("abierto_sources")
    most = 0
    with serve(tmp_path) as server:
        watch = Watch(start_crawl(tmp_path, data, server.url, True, chosen))
        deadline = time.monotonic() + 300
        while watch.crawl.poll() is None and time.monotonic() < deadline:
            running = [pid for pid in indexers_of(watch.crawl.pid) if alive(pid)]
            watch.seen.update(running)
            most = max(most, len(running))
            time.sleep(0.02)
        output = watch.end()
    assert watch.crawl.returncode == 0, output
    assert len(watch.seen) == 1 and most == 1, watch.seen
    db = Database(chosen.get("ABIERTO_DATABASE_URL") or f"sqlite:///{data / 'abierto.db'}")
    try:
        for source, pages in sizes.items():
            run = db.list_runs(source)[0]
            assert run.status == "ok" and run.errors == {}, (source, run.errors)
            assert run.stats["items"] == pages and "indexers_lost" not in run.stats
        assert db.count_documents() == sum(sizes.values()) and db.count_pending() == 0
    finally:
        db.close()
    assert searched(data, chosen)[0]["total"] == sum(sizes.values())
