"""A crawl's indexing process: it follows the index queue while the crawl saves.

Indexing (reading the pending documents, their citations and index entries, writing
the index, marking them indexed) needs nothing of the crawl but the database, and is a
fifth of a crawl process's time; one process holds one core. So a big crawl starts
this process (``crawlers.indexing``) and only fetches, archives and saves: each batch it
saves, it writes a byte on this process's standard input, and what is pending is
indexed (published at the store's commit cadence). ``PUBLISH`` (a source of the crawl
ended while others go on) indexes what is pending, publishes it and answers ``INDEXED``.
The end of the input (the crawl's end) indexes what is left, publishes it, lets go of
the writer and exits 0.

The crawl lets go of the embedded index's writer before its first byte, so there is one
writer at a time. This process ends with the crawl (``end_with``): a crawl killed leaves
no indexer behind, and what this one wrote but did not publish stays in the queue for
the next writer. Run as ``python -m indexer.follower`` with the crawl's settings in the
environment; it answers ``ready`` on its standard output once the library is open.
"""

from __future__ import annotations

import logging
import os
import sys

from config.settings import Settings
from indexer.heap import settle_heap
from indexer.library import Library
from indexer.log_guard import guard_logs
from indexer.orphans import end_with

READY = b"ready\n"
MORE = b"n"
PUBLISH = b"p"
INDEXED = b"indexed\n"


def follow(library: Library, parent: int, answers: int) -> None:
    """Index what is pending at each byte read (publishing it and answering on
    ``answers`` if one was ``PUBLISH``); at the end of the input, all of it."""
    while True:
        got = os.read(sys.stdin.fileno(), 4096)  # every byte that came meanwhile: one pass
        if os.getppid() != parent:  # the crawl is gone: nobody waits for the rest
            os._exit(0)
        if not got:
            break
        if PUBLISH in got:
            library.flush()
            os.write(answers, INDEXED)
        else:
            library.flush(wait=False)
    library.flush()


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="indexer %(levelname)s: %(message)s")
    guard_logs()  # it logs documents' addresses: a spec's key in one is hidden
    parent = os.getppid()
    end_with(parent)
    library = Library.open(Settings(), writer=True)
    settle_heap()
    try:
        sys.stdout.buffer.write(READY)
        sys.stdout.flush()
        answers = os.dup(sys.stdout.fileno())  # the pipe carries only answers from now on
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        follow(library, parent, answers)
    finally:
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
