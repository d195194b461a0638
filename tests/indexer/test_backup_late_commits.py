"""``abierto backup`` while SQLite's single writer holds a transaction: a save made
before the copy began and committed after the index was copied carries the time it was
made. Indexed by its process into the live index before the database was copied, its
queue entry was gone from the copy, and the copy marked pending only what changed in
the ``CHANGE_MARGIN`` before the copy (an hour; shortened to a second here so that the
transaction is long without waiting an hour): the restored index kept the former text."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest

import indexer.backup.take as take_module
from config.settings import Settings
from indexer.backup.take import take_backup
from indexer.db.database import write_documents
from indexer.library import Library
from indexer.models import Sentencia, document_id


def _sentencia(text_: str) -> Sentencia:
    return Sentencia(
        id=document_id("copia", "a"),
        title="Amparo directo 12/2023",
        date=dt.date(2023, 3, 15),
        institution="Poder Judicial de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="pj-gto",
        url="https://ejemplo.gob.mx/a",
        text=text_,
    )


def test_a_save_committed_during_a_backup_is_indexed_again_on_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(take_module, "CHANGE_MARGIN", dt.timedelta(seconds=1))
    settings = Settings(data_dir=tmp_path / "data", database_url=None)  # type: ignore[call-arg]
    library = Library.open(settings, writer=True)
    try:
        library.add_document(_sentencia("Se concede el amparo."))
        library.flush()
        written, failed = threading.Event(), []

        def save_late() -> None:  # a long transaction: it commits four seconds later
            try:
                with library.db.engine.begin() as connection:
                    write_documents(connection, [_sentencia("Se niega el amparo.")])
                    written.set()
                    time.sleep(4)
            except BaseException as exc:  # pragma: no cover - shown by the assert below
                failed.append(exc)
                written.set()

        thread = threading.Thread(target=save_late)
        thread.start()
        written.wait()
        time.sleep(2)  # longer than the margin: its row says a time before the copy
        copy_index = take_module.snapshot_tantivy

        def index_copied(source: Path, dest: Path) -> dict[str, str]:
            files = copy_index(source, dest)
            thread.join()  # committed after the index was copied …
            assert library.flush() == 1  # … and indexed before the database is
            return files

        monkeypatch.setattr(take_module, "snapshot_tantivy", index_copied)
        report = take_backup(settings, tmp_path / "copia")
        assert not failed
    finally:
        library.close()
    assert report.manifest["index"]["kind"] == "tantivy"
    with sqlite3.connect(tmp_path / "copia" / "abierto.db") as connection:
        text_ = connection.execute("SELECT text FROM documents").fetchone()[0]
        queued = [row[0] for row in connection.execute("SELECT doc_id FROM index_queue")]
    assert text_ == "Se niega el amparo."
    # the old code: nothing pending in the copy, whose index holds the former text
    assert queued == [document_id("copia", "a")]
