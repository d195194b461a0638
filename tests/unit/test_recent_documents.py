"""A flush indexes the documents this process just saved from the copies it kept
(``Database.recent``), not by reading their rows again: the index must hold exactly what
a flush reading the rows writes, and a row another process rewrote since is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.db import database
from indexer.library import Library
from indexer.stores import SearchQuery
from tests.stores.corpus import corpus

QUESTIONS = ('"daño moral"', "pensión", "amparo", "congreso", "", "sentencia")


def answers(library: Library) -> list[str]:
    """Every answer to the questions as a client reads it (hits, snippets, counts)."""
    found = []
    for q in QUESTIONS:
        result = library.search(SearchQuery(q=q, limit=50, sort="date_desc"))
        found.append(result.model_dump_json(exclude={"took_ms"}))
    return found


def built(path: Path, keep: bool) -> tuple[list[str], int]:
    library = Library.open(Settings(data_dir=path), writer=True)
    library.db.recent.enabled = keep
    library.add_documents(corpus())
    kept = len(library.db.recent)
    assert library.flush() == len(corpus())
    assert len(library.db.recent) == 0  # taken by the flush, or never kept
    found = answers(library)
    library.close()
    return found, kept


def test_documents_kept_at_saving_are_indexed_as_their_rows_read_back(tmp_path: Path) -> None:
    kept_answers, kept = built(tmp_path / "kept", keep=True)
    read_answers, none = built(tmp_path / "read", keep=False)
    assert (kept, none) == (len(corpus()), 0)
    assert kept_answers == read_answers


def test_a_document_another_process_saved_since_is_indexed_as_it_saved_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    ours = Library.open(settings, writer=True)
    theirs = Library.open(settings, writer=True)  # another process's library
    first = corpus()[0]
    ours.add_documents([first])
    theirs.add_documents([first.model_copy(update={"text": "Se absuelve por falta de pruebas."})])
    assert len(ours.db.recent) == 1
    assert ours.flush() == 1
    hits = ours.search(SearchQuery(q='"falta de pruebas"')).hits
    assert [hit.id for hit in hits] == [first.id]
    assert ours.search(SearchQuery(q='"daño moral"')).hits == []
    theirs.close()
    ours.close()


def test_a_library_that_hands_over_its_indexing_keeps_nothing(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    library.add_documents(corpus()[:2])
    library.hand_over()
    library.add_documents(corpus()[2:])
    assert len(library.db.recent) == 0
    library.take_back()
    changed = corpus()[0].model_copy(update={"text": "Se absuelve por falta de pruebas."})
    library.add_documents([changed])  # an unchanged one is not written, nor kept
    assert len(library.db.recent) == 1
    library.close()


def test_the_pending_documents_are_the_copies_kept_and_the_others_are_read(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    library.add_documents(corpus())
    kept = {doc_id: doc for doc_id, (_, _, doc, _) in library.db.recent._kept.items()}
    library.db.recent.take(corpus()[0].id, None, None)  # one no longer kept: read
    pending = list(library.db.iter_documents(batch=3, pending_only=True))
    assert sorted(doc.id for doc in pending) == sorted(doc.id for doc in corpus())  # each once
    taken = [doc for doc in pending if doc is kept[doc.id]]
    assert len(taken) == len(corpus()) - 1
    read = next(doc for doc in pending if doc.id == corpus()[0].id)
    assert read.model_dump(mode="json") == kept[read.id].model_dump(mode="json")
    library.close()


def test_a_row_rewritten_in_the_same_microsecond_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk confirms a kept document by its row's time of writing: another process
    writing it at the very same time (a clock set back, say) still has its content read."""
    moment = dt.datetime(2026, 12, 7, 12, 0, 0, 123456, tzinfo=dt.UTC)
    monkeypatch.setattr(database, "utcnow", lambda: moment)
    settings = Settings(data_dir=tmp_path)
    ours = Library.open(settings, writer=True)
    theirs = Library.open(settings, writer=True)  # another process's library
    first = corpus()[0]
    ours.add_documents([first])
    theirs.add_documents([first.model_copy(update={"text": "Se absuelve por falta de pruebas."})])
    assert len(ours.db.recent) == 1
    assert ours.flush() == 1
    hits = ours.search(SearchQuery(q='"falta de pruebas"')).hits
    assert [hit.id for hit in hits] == [first.id]
    assert ours.search(SearchQuery(q='"daño moral"')).hits == []
    theirs.close()
    ours.close()


def test_documents_queued_without_their_source_are_indexed_as_kept(tmp_path: Path) -> None:
    """Rows an older writer queued without their source are walked apart: their kept
    copies are taken all the same, and every one reaches the index."""
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    library.add_documents(corpus())
    with library.db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE index_queue SET source_id = NULL")
    kept = {doc_id: doc for doc_id, (_, _, doc, _) in library.db.recent._kept.items()}
    pending = list(library.db.iter_documents(batch=3, pending_only=True))
    assert sorted(doc.id for doc in pending) == sorted(kept)
    assert all(doc is kept[doc.id] for doc in pending)
    library.close()
