"""The Rust scan of a text lets the interpreter go, so a writer's thread keeps working
while the next documents are scanned (``indexer.citations.ahead``), and what a text is
read to cite is the same scanned ahead or not."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from indexer.citations import extract_citations, native, prescan
from indexer.citations.ahead import scanned
from indexer.citations.laws import fold

pytestmark = pytest.mark.skipif(native.SCAN is None, reason="no native extension of this code")

SENTENCE = (
    "En el amparo directo en revisión 1309/2023, la Segunda Sala de la Suprema Corte "
    "de Justicia de la Nación resolvió, con apoyo en la tesis 1a./J. 45/2019 (10a.) y en "
    "el artículo 14 de la Constitución Política de los Estados Unidos Mexicanos, que la "
    "acción de inconstitucionalidad 15/2017 y sus acumuladas 16/2017 y 18/2017 no "
    "aplican; véase también el juicio de amparo 221/2020 del Juzgado Tercero de Distrito. "
)


def test_the_scan_lets_other_threads_run() -> None:
    """While one thread scans a long text, the thread that started it runs Python: the
    writer is not held for the scan's length."""
    text = SENTENCE * 1000  # about 500 KB: a scan of many milliseconds
    folded = fold(text)
    started = threading.Event()
    span: list[int] = []

    def scan() -> None:
        started.set()
        span.append(time.perf_counter_ns())
        native.scan(text, folded)
        span.append(time.perf_counter_ns())

    worker = threading.Thread(target=scan)
    # no forced switches: a thread holding the interpreter keeps it until it lets go
    interval = sys.getswitchinterval()
    sys.setswitchinterval(30.0)
    try:
        worker.start()
        started.wait()
        ran: list[int] = []
        while worker.is_alive():
            ran.append(time.perf_counter_ns())
            time.sleep(0)  # lets go too: the scanning thread takes it back to return
    finally:
        sys.setswitchinterval(interval)
        worker.join()
    began, ended = span
    assert any(began < moment < ended for moment in ran), "the scan held the interpreter"


def test_scanned_ahead_reads_the_same() -> None:
    """Each text's citations are the same read from a scan made ahead in a thread, in
    the texts' order, as read alone."""
    texts = [SENTENCE * n for n in range(1, 30)] + ["", "sin citas", SENTENCE.upper()]
    ahead = list(scanned(texts))
    assert len(ahead) == len(texts)
    for text, scan in zip(texts, ahead, strict=True):
        assert extract_citations(text, scanned=scan) == extract_citations(text)
        assert scan == prescan(text)
    assert extract_citations(SENTENCE)  # the texts cite something


def test_a_chunk_the_busy_thread_has_not_begun_is_scanned_by_the_writer() -> None:
    """The scanning thread kept busy (short of a core, say): the writer reads the texts'
    citations itself, the same ones, instead of waiting for a thread that never began."""
    from indexer.citations.ahead import _executor

    release = threading.Event()
    held = _executor().submit(release.wait)  # the one scanning thread, busy
    texts = [SENTENCE * n for n in range(1, 40)] + ["sin citas"]
    read: list[list] = []
    reader = threading.Thread(target=lambda: read.append(list(scanned(texts))), daemon=True)
    try:
        reader.start()
        reader.join(timeout=120)  # generous: done at once, the thread's queue untouched
        finished = not reader.is_alive()
    finally:
        release.set()
        held.result()
        reader.join()
    assert finished, "the writer waited for the busy scanning thread"
    assert read[0] == [prescan(text) for text in texts]
