"""``kill -9`` during ``abierto crawl``, ``abierto index`` and ``abierto reindex``, at
random points, a few times each: afterwards the database and the index agree, nothing is
held twice, and running the command again completes the work with nothing lost.

The kill points are drawn from ``ABIERTO_FAULT_SEED`` (random unless set; every failure
message names it). A kill is placed by progress rather than by a clock (after so many
documents were saved, or a random moment after a rebuild began), so it lands mid-work on
a slow machine as on a fast one.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from fpdf import FPDF

from bench.legal_corpus import LegalCorpus
from config.settings import Settings
from indexer.library import Library
from samples.generate import generate
from samples.manifest import Manifest
from samples.server import SampleServer, serve
from tests.faults.helpers import (
    SEED,
    Command,
    assert_agree_or_pending,
    assert_consistent,
    document_count,
    index_ids,
)

ROUNDS = 3


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SampleServer, Manifest]]:
    root = tmp_path_factory.mktemp("sites")
    manifest = generate(root)
    with serve(root) as server:
        yield server, manifest


def test_kill_9_during_crawl(sites: tuple[SampleServer, Manifest], tmp_path: Path) -> None:
    server, manifest = sites
    rng = random.Random(SEED)
    expected = len(manifest.documents)
    env = {
        "ABIERTO_SAMPLES_URL": server.url,
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
    }
    data = tmp_path / "data"
    killed = 0
    for round_ in range(ROUNDS):
        saved = document_count(data)
        target = rng.randint(saved + 1, max(saved + 1, expected - 2))
        crawl = Command(data, "crawl", env=env)
        crawl.wait_until(lambda t=target: document_count(data) >= t, limit=120)
        killed += crawl.kill9()
        assert_agree_or_pending(data, f"after kill {round_ + 1} at {target} documents")
    code, output = Command(data, "crawl", env=env).finish()
    assert code == 0, output
    documents = assert_consistent(data, f"after the crawl that followed {killed} kills")
    assert len(documents) == expected, f"seed {SEED}: {output}"


def test_kill_9_during_index(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    folder = tmp_path / "archivo"
    folder.mkdir()
    files = 240
    for n in range(files):
        text = f"Sentencia número {n} del juzgado de prueba sobre daño moral y reparación."
        if n % 40 == 0:
            pdf = FPDF()
            pdf.add_page()
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 6, text)
            pdf.output(str(folder / f"sentencia_{n:03d}.pdf"))
        else:
            (folder / f"sentencia_{n:03d}.txt").write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    for round_ in range(ROUNDS):
        saved = document_count(data)
        if saved + 1 > files - 10:
            break  # a kill landed late and the run got near its end: no room for another
        target = rng.randint(saved + 1, files - 10)
        index = Command(data, "index", "--kind", "legislativo", str(folder))
        index.wait_until(lambda t=target: document_count(data) >= t, limit=120)
        index.kill9()
        assert_agree_or_pending(data, f"after kill {round_ + 1} at {target} documents")
    code, output = Command(data, "index", "--kind", "legislativo", str(folder)).finish()
    assert code == 0, output
    documents = assert_consistent(data, "after the index run that followed the kills")
    assert len(documents) == files


def test_kill_9_during_reindex(tmp_path: Path) -> None:
    rng = random.Random(SEED + 2)
    data = tmp_path / "data"
    library = Library.open(Settings(data_dir=data), writer=True)
    for doc in LegalCorpus(size=600, seed=SEED % 1000):
        library.add_document(doc)
    library.flush()
    library.close()
    before = assert_consistent(data, "before the rebuilds")
    for round_ in range(ROUNDS):
        reindex = Command(data, "reindex")
        reindex.wait_until(lambda r=reindex: "rebuilding" in r.output(), limit=60)
        delay = rng.uniform(0.0, 2.0)
        reindex.wait_until(lambda: False, limit=delay)
        reindex.kill9()
        # the rebuild replaces the index in one commit: killed, the old one answers whole
        context = f"after kill {round_ + 1}, {delay:.2f} s in (seed {SEED})"
        assert sorted(index_ids(data)) == sorted(before), context
        assert_agree_or_pending(data, context)
    code, output = Command(data, "reindex").finish()
    assert code == 0, output
    assert assert_consistent(data, "after a full rebuild").keys() == before.keys()
