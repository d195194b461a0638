"""The native search while others are being collected: with as many searches in flight as
its threads, each is collected on its caller's thread alone (the cores are busy: handing
its pieces to the executor's threads would only add their wake-ups and waits), with the
same answers; a search alone still shares its pieces among the threads."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import abierto_native
import pytest

from bench.legal_corpus import LegalCorpus
from indexer.stores.base import FACET_FIELDS
from indexer.stores.tantivy_store import TantivyStore

DOCUMENTS = 1200
BATCHES = 4  # several segments, each cut in pieces of PIECE documents
PIECE = 37
THREADS = 2
TASKS = Path("/proc/self/task")

pytestmark = pytest.mark.skipif(not TASKS.is_dir(), reason="threads' CPU read from /proc")

# every document matched, scored, counted and faceted: work enough to be seen in ticks
PLANS = [
    json.dumps(["all"]),
    json.dumps(["bool", [["should", ["term", "text", "ampar"]], ["should", ["all"]]]]),
]
FACETS = [(name, 10) for name in FACET_FIELDS]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("native-busy") / "index"
    writer = TantivyStore(path, native=False)
    docs = list(LegalCorpus(DOCUMENTS, seed=77))
    size = DOCUMENTS // BATCHES
    for start in range(0, DOCUMENTS, size):
        assert not writer.upsert(docs[start : start + size]).errors
    writer.close()
    return path


def ask(index: abierto_native.NativeIndex, plan: str) -> object:
    return index.search(plan, 20, 0, "relevance", True, FACETS)


def executor_share(work: Callable[[], None]) -> float:
    """The share of the process's CPU that Tantivy's search threads spent while ``work``
    ran (theirs in ticks from ``/proc``: they outlive it; the process's from the kernel,
    the threads ended meanwhile too)."""
    tick = 1 / os.sysconf("SC_CLK_TCK")

    def searchers() -> float:
        used = 0
        for task in TASKS.iterdir():
            try:
                name = (task / "comm").read_text().strip()
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # a thread that ended meanwhile
            if name.startswith("tantivy-search"):
                used += int(fields[11]) + int(fields[12])  # utime + stime
        return used * tick

    before = (searchers(), time.process_time())
    work()
    spent = time.process_time() - before[1]
    assert spent > 0.2, "too little work to measure"
    return (searchers() - before[0]) / spent


def loop(index: abierto_native.NativeIndex, cpu: float, answers: list[object]) -> None:
    """Ask the plans until the process has spent ``cpu`` seconds more (however loaded the
    machine), or a minute has passed."""
    end, wall = time.process_time() + cpu, time.monotonic() + 60
    while time.process_time() < end and time.monotonic() < wall:
        for plan in PLANS:
            answers.append((plan, ask(index, plan)))


def test_searches_in_flight_together_are_each_collected_alone_with_the_same_answers(
    folder: Path,
) -> None:
    index = abierto_native.NativeIndex(str(folder), THREADS, PIECE, 10)
    expected = {plan: ask(index, plan) for plan in PLANS}

    alone: list[object] = []
    share_alone = executor_share(lambda: loop(index, 1.0, alone))
    # one search at a time: its pieces go to the executor's threads (a share, not all: on
    # a loaded machine the asking thread collects most of them itself; 0.17 on a loaded CI
    # run, 0.6 quiet). Never handing them over spends exactly nothing there.
    assert share_alone > 0.05, share_alone

    answered: list[list[object]] = [[] for _ in range(2 * THREADS)]

    def together() -> None:
        threads = [
            threading.Thread(target=loop, args=(index, 1.0, answers)) for answers in answered
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    share_together = executor_share(together)
    # as many in flight as threads: each collected on its caller's thread (the executor's
    # threads only take the moments one search runs alone)
    assert share_together < 0.15, (share_alone, share_together)
    for plan, answer in alone + [pair for answers in answered for pair in answers]:
        assert answer == expected[plan]
    assert all(answers for answers in answered)

    # and a refused question leaves no search counted: alone again, the next ones share
    # their pieces among the threads (a search left counted would keep every later one on
    # its caller's thread: no tick at all; a loaded machine gave 0.29 where alone gave 0.66)
    for _ in range(5):
        with pytest.raises(ValueError):
            index.search(PLANS[0], 20, 0, "no such order", True, FACETS)
    share_after = executor_share(lambda: loop(index, 1.0, []))
    assert share_after > 0.05, (share_alone, share_together, share_after)
