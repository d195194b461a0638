"""A save another process made before an engine's rebuild began and committed long after
(a batch waiting on a lock, a long transaction) carries the time it was made, not the
time of its commit. The rebuild indexes again what was saved since it began, less a
minute (``CLOCK_SKEW``): such a commit, landing after the rebuild read the document and
indexed by the other process into the index being replaced, was in no index once the
alias moved, and nothing was pending. Real PostgreSQL, real OpenSearch; the margin is
shortened to a second so that the commit is late without waiting a minute."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

import indexer.library as library_module
from config.settings import Settings
from indexer.db.database import write_documents
from indexer.library import Library
from tests.citations.test_library import sentencia
from tests.engine.fixtures import MakeStore, engine_url
from tests.engine.test_write_races import HELD, held
from tests.services.postgres import PostgresServer

NEWER = sentencia("a2", "2022-01-10", "TOCA PENAL 133/2021: texto corregido, la "
                  "quejosa zarzaparrilla obtiene la modificación.",
                  expediente="Toca Penal 133/2021")  # fmt: skip


def test_a_save_committed_after_the_rebuild_read_it_is_in_the_rebuilt_index(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    make_engine_store: MakeStore,
    postgres: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(library_module, "CLOCK_SKEW", dt.timedelta(seconds=1))
    database_url = postgres.create_database(f"late_{os.getpid()}_{time.monotonic_ns()}")
    alias = make_engine_store("opensearch").alias
    options = {
        "data_dir": tmp_path,
        "database_url": database_url,
        "search_engine": "opensearch",
        "search_index": alias,
        "search_url": engine_url(request, "opensearch"),
    }
    library = Library.open(Settings(**options), writer=True)  # type: ignore[arg-type]
    other = Library.open(Settings(**options), writer=True)  # type: ignore[arg-type]
    try:
        for doc in HELD:
            library.add_document(doc)
        library.flush()
        # another process saves a2 anew, in a transaction that commits late
        connection = other.db.engine.connect()
        transaction = connection.begin()
        write_documents(connection, [NEWER])
        time.sleep(2.5)  # longer than the margin: its rows say a time before the rebuild
        committed: list[int] = []

        def read(count: int) -> None:  # a2 read by the rebuild, not yet in the new index
            if not committed:
                transaction.commit()
                connection.close()
                # indexed by the other process into the index the rebuild replaces
                assert other.flush() == 1
                committed.append(count)

        library.reindex(progress=read)
        assert committed
        # the old code left a2's former text in the rebuilt index, with nothing pending
        assert "zarzaparrilla" in held(library)["a2"]
        assert library.db.count_pending() == 0
    finally:
        other.close()
        library.close()
