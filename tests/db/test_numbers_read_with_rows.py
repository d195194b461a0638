"""Documents' numbers read with their rows (``iter_documents(numbers=...)``) and then
trusted by the citation writes only while each row still holds its number: a rebuild
reads ``seq`` once, with the text, instead of by id again (which walks the text's
overflow pages on SQLite); a number gone stale meanwhile never keys another document's
citations."""

from __future__ import annotations

import sqlalchemy as sa

from bench.legal_corpus import LegalCorpus
from indexer.citations.records import record_citations, unread
from indexer.citations.resolve import cited
from indexer.db import Database
from indexer.shared import save_shared_many


def _table_numbers(db: Database) -> dict[str, int]:
    with db.engine.connect() as connection:
        return dict(connection.execute(sa.text("select id, seq from documents")).all())


def _citation_owners(db: Database) -> set[tuple[str, int]]:
    with db.engine.connect() as connection:
        rows = connection.execute(sa.text("select distinct doc_id, doc_seq from citations"))
        return {tuple(row) for row in rows}  # type: ignore[misc]


def test_the_stream_gives_each_document_its_own_number(database_url: str) -> None:
    db = Database(database_url)
    try:
        docs = [doc.hashed()[0] for doc in LegalCorpus(30, ids="hashed")]
        db.save_documents(docs[:17])
        db.save_documents(docs[17:])
        numbers: dict[str, int] = {}
        seen = []
        for doc in db.iter_documents(batch=7, numbers=numbers):
            assert doc.id in numbers  # known before the document is handed on
            seen.append(doc.id)
        assert sorted(seen) == sorted(d.id for d in docs)
        assert numbers == _table_numbers(db)
        # the documents waiting for the index, read by another process (``abierto index``)
        other = Database(database_url)
        try:
            pending: dict[str, int] = {}
            assert len(list(other.iter_documents(pending_only=True, numbers=pending))) == 30
            assert pending == numbers
        finally:
            other.close()
        # written with the numbers read, every citation is keyed by its document's number
        record_citations(db, docs, read=numbers)
        owners = _citation_owners(db)
        assert owners and owners <= set(_table_numbers(db).items())
    finally:
        db.close()


def test_a_number_gone_stale_after_the_read_keys_nothing(database_url: str) -> None:
    """Read, then deleted by hand: the document's number may be the next one a new
    document takes (SQLite numbers after the highest). Its citations are not kept under
    it; a document deleted and saved anew is written under its new number."""
    db = Database(database_url)
    try:
        docs = [doc.hashed()[0] for doc in LegalCorpus(5, ids="hashed")]
        citer, other, newcomer = docs[3], docs[0], docs[1]
        db.save_documents([other, citer])
        numbers: dict[str, int] = {}
        list(db.iter_documents(numbers=numbers))
        with db.engine.begin() as connection:
            connection.execute(sa.text("delete from documents where id = :d"), {"d": citer.id})
        db.save_document(newcomer)  # on SQLite: the citer's old number
        # the deleted citer: nothing written, nothing under the newcomer's number
        record_citations(db, [citer], read=numbers)
        assert _citation_owners(db) == set()
        assert unread(db, [citer], read=numbers) == {citer.id}  # no read kept under it
        # saved anew: a new number, which its citations follow
        db.save_document(citer)
        record_citations(db, [citer], read=numbers)
        now = _table_numbers(db)
        assert now[citer.id] != numbers[citer.id]
        assert _citation_owners(db) == {(citer.id, now[citer.id])}
        assert cited(db, citer.id, 100, 0)[0] == 3
        assert cited(db, newcomer.id, 100, 0) == (0, [])
    finally:
        db.close()


def test_the_saving_process_walks_its_queue_with_the_numbers_it_saved_with(
    database_url: str,
) -> None:
    """A crawl indexes what it saved from the documents it kept (``Database.recent``):
    the walk of the queue gives each its number too, the one its row holds, so the
    citation writes confirm it instead of reading it by id (on SQLite that read walks
    the text's overflow pages). One saved anew by another process since is read from
    its row, with the number that row holds."""
    db = Database(database_url)
    other = Database(database_url)
    try:
        docs = [doc.hashed()[0] for doc in LegalCorpus(12, ids="hashed")]
        # the pipeline's batches (``Library.add_documents``)
        save_shared_many(db, docs[:7])
        save_shared_many(db, docs[7:])
        moved = docs[2]
        with other.engine.begin() as connection:  # deleted and saved anew elsewhere
            connection.execute(sa.text("delete from documents where id = :d"), {"d": moved.id})
        other.save_document(moved)
        numbers: dict[str, int] = {}
        seen = []
        for doc in db.iter_documents(batch=5, pending_only=True, numbers=numbers):
            assert doc.id in numbers  # known before the document is handed on
            seen.append(doc.id)
        assert sorted(seen) == sorted(d.id for d in docs)
        table = _table_numbers(db)
        assert numbers == table
        assert len(set(table.values())) == len(docs)
        # the citations are keyed by those numbers, the moved one's new one included
        record_citations(db, docs, read=numbers)
        owners = _citation_owners(db)
        assert owners and owners <= set(table.items())
    finally:
        other.close()
        db.close()
