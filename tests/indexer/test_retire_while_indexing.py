"""The embedded store (SQLite + Tantivy): a document another process retires while this
one indexes it (read from the queue, not yet written) is not in the index the flush
commits. The other process's step runs just before the store's write of the batch (the
store's own ``upsert``, wrapped to run it first); real SQLite, real Tantivy."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery
from tests.citations.test_library import sentencia

FIRST = sentencia("a1", "2023-09-01", "Se confirma la sentencia de la zarzaparrilla.")
SECOND = sentencia("a2", "2022-01-10", "Se modifica la resolución impugnada.")


def test_a_document_retired_by_another_process_while_its_batch_is_written_is_not_indexed(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None)
    library = Library.open(settings, writer=True)
    other = Library.open(settings, writer=True)  # another process on the same folder
    retiring = threading.Thread(target=lambda: other.retire({"a1": None}))
    upsert = library.store.upsert

    def retired_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        # the other process retires a1 (its row, then its index: it waits for the
        # writer this flush holds) after this flush read a1, before it writes it
        retiring.start()
        deadline = time.monotonic() + 60
        while library.db.get_document("a1") is not None:
            assert time.monotonic() < deadline, "the retirement did not reach the database"
            time.sleep(0.01)
        return upsert(*args, **kwargs)

    try:
        library.add_documents([FIRST, SECOND])
        library.store.upsert = retired_first  # type: ignore[method-assign]
        assert library.flush() >= 1
        library.store.upsert = upsert  # type: ignore[method-assign]
        retiring.join(timeout=120)
        assert not retiring.is_alive()
        for store in (library.store, other.store):
            found = store.search(SearchQuery(q="sentencia OR resolución"))
            assert [hit.id for hit in found.hits] == ["a2"]  # the old code kept a1
        assert library.db.count_pending() == 0
    finally:
        other.close()
        library.close()
