"""Documents' numbers (migration 0018): a library made before keeps its citations, reads
and answers; new documents follow the numbers; a deleted document takes its citations
with it; the reads by number go through an index on both databases."""

from __future__ import annotations

import threading
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from bench.legal_corpus import LegalCorpus
from indexer.citations.fingerprint import READER
from indexer.citations.records import cited_by_counts, record_citations, unread
from indexer.citations.resolve import cited, citing
from indexer.db import Database
from indexer.db.migrate import alembic_config
from tests.db.old_rows import AnyDocument, write_old_documents


def _numbers(db: Database) -> dict[str, int | None]:
    with db.engine.connect() as connection:
        return dict(connection.execute(sa.text("select id, seq from documents")).all())


def test_a_library_at_0017_keeps_its_citations_and_answers_after_0018(database_url: str) -> None:
    docs = [doc.hashed()[0] for doc in LegalCorpus(40, ids="hashed")]
    held, citer, gone = docs[0], docs[1], "borrado-a-mano"
    engine = sa.create_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0017")
        write_old_documents(connection, docs)
        connection.execute(
            sa.text("insert into document_cases (doc_id, key, court) values (:d, '12/2020', null)"),
            {"d": held.id},
        )
        # the citer cites the held sentence's case; a document deleted by hand left its rows
        for doc_id, kind, key, start in ((citer.id, "case", "12/2020", 40),
                                         (citer.id, "article", "CPEUM art. 14", 5),
                                         (gone, "case", "12/2020", 0)):  # fmt: skip
            connection.execute(
                sa.text(
                    "insert into citations (doc_id, kind, key, written, start_char, end_char)"
                    " values (:d, :kind, :key, :written, :start, :end)"
                ),
                {
                    "d": doc_id,
                    "kind": kind,
                    "key": key,
                    "written": key,
                    "start": start,
                    "end": start + 10,
                },
            )
        for doc_id, sha in ((citer.id, citer.content_sha256), (gone, "x")):
            connection.execute(
                sa.text(
                    "insert into citation_reads (doc_id, content_sha256, reader)"
                    " values (:d, :sha, :reader)"
                ),
                {"d": doc_id, "sha": sha, "reader": READER},
            )
    engine.dispose()

    db = Database(database_url)
    try:
        numbers = _numbers(db)
        assert len(numbers) == len(docs) and None not in numbers.values()
        assert len(set(numbers.values())) == len(docs)
        # the citer's stored citations, found by its number, in text order; the gone one's
        # rows are no citations of anything any more
        total, items = cited(db, citer.id, 10, 0)
        assert total == 2
        assert [(i.key, [d.id for d in i.documents]) for i in items] == [
            ("CPEUM art. 14", []),
            ("12/2020", [held.id]),
        ]
        assert cited_by_counts(db, [held.id]) == {held.id: 1}
        count, page = citing(db, held.id, 10, 0)
        assert count == 1 and [c.document.id for c in page] == [citer.id]
        # its read was kept: the citer is not read again; the others are
        assert citer.id not in unread(db, docs) and held.id in unread(db, docs)
        with db.engine.connect() as connection:
            left = connection.execute(
                sa.text("select count(*) from citations where doc_id = :d"), {"d": gone}
            ).scalar()
            reads = connection.execute(sa.text("select doc_id from citation_reads")).all()
        assert left == 0 and [r for (r,) in reads] == [citer.id]

        # a document saved now follows the numbers; read again, its rows are replaced
        new = list(LegalCorpus(41, ids="hashed"))[40].hashed()[0]
        db.save_document(new)
        assert _numbers(db)[new.id] == max(n for n in numbers.values() if n) + 1
        record_citations(db, [new])
        first = cited(db, new.id, 100, 0)
        assert first[0] > 0 and new.id not in unread(db, [new])
        record_citations(db, [new.model_copy(update={"content_sha256": ""})])  # read again
        assert cited(db, new.id, 100, 0) == first

        # deleting a document takes its citations and its read with it
        with db.engine.begin() as connection:
            connection.execute(sa.text("delete from documents where id = :d"), {"d": citer.id})
            left = connection.execute(sa.text("select count(*) from citations")).scalar()
            reads = connection.execute(sa.text("select doc_id from citation_reads")).all()
        assert cited(db, citer.id, 10, 0) == (0, [])
        assert citing(db, held.id, 10, 0) == (0, [])
        assert left == first[0] and citer.id not in {r for (r,) in reads}
    finally:
        db.close()


def test_a_row_inserted_without_a_number_gets_the_next_one(database_url: str) -> None:
    """An operator's (or another tool's) INSERT names no number: PostgreSQL's sequence
    gives it; on SQLite it gets the next one when its citations are written, and they
    are found by it."""
    db = Database(database_url)
    try:
        # the third cites three things
        docs = [doc.hashed()[0] for doc in LegalCorpus(5, ids="hashed")]
        docs = [*docs[:2], docs[3], docs[4]]
        db.save_documents(docs[:2])
        with db.engine.begin() as connection:
            write_old_documents(connection, docs[2:3])
        record_citations(db, docs[:3])
        numbers = _numbers(db)
        assert sorted(numbers.values()) == [1, 2, 3]  # type: ignore[type-var]
        assert numbers[docs[2].id] == 3
        assert cited(db, docs[2].id, 100, 0)[0] == 3
        db.save_document(docs[3])
        assert _numbers(db)[docs[3].id] == 4
    finally:
        db.close()


HOT = {
    # what a document cites (``cited``), and its rows replaced (``record_citations``)
    "select count(*) from citations where doc_seq = "
    "(select seq from documents where id = :id)": "ix_citations_doc",
    "select key from citations where doc_seq in (1, 2) and kind = 'case'": "ix_citations_doc",
    # who cites these case numbers
    "select doc_id, court from citations where key in ('12/2020', '13/2021')"
    " and kind = 'case'": "ix_citations_cases",
    # the reads kept, the next number
    "select content_sha256 from citation_reads where doc_seq in (1, 2)": "citation_reads",
    "select max(seq) from documents": "ix_documents_seq",
    "select id, seq from documents where id in ('a', 'b')": "documents",
    # a document's publications (its sources, on each save) and case numbers (0019)
    "select source_id, url from document_sources where doc_seq in (1, 2)": (
        "ix_document_sources_doc"
    ),
    "select key from document_cases where doc_seq = "
    "(select seq from documents where id = :id)": "document_cases",
    "delete from document_cases where doc_seq in (1, 2)": "document_cases",
}


def test_the_reads_by_number_go_through_an_index(database_url: str) -> None:
    db = Database(database_url)
    try:
        postgresql = db.engine.dialect.name == "postgresql"
        with db.engine.begin() as connection:  # rows enough for the planners' statistics
            connection.execute(
                sa.text(
                    "insert into citations (doc_id, doc_seq, kind, key, written, start_char,"
                    " end_char) values (:d, :n, :kind, :key, 'x', 0, 1)"
                ),
                [{"d": f"d{n // 10}", "n": n // 10, "kind": ("case", "article")[n % 2],
                  "key": f"{n}/2020"} for n in range(5000)],
            )  # fmt: skip
            connection.execute(
                sa.text(
                    "insert into citation_reads (doc_seq, doc_id, content_sha256, reader)"
                    " values (:n, :d, 'x', 'r')"
                ),
                [{"n": n, "d": f"d{n}"} for n in range(500)],
            )
            connection.execute(
                sa.text(
                    "insert into document_sources (source_id, url, document_id, doc_seq,"
                    " first_seen_at) values ('f', :u, :d, :n, '2026-01-01')"
                ),
                [{"u": f"u{n}", "n": n, "d": f"d{n}"} for n in range(500)],
            )
            connection.execute(
                sa.text("insert into document_cases (doc_seq, key, doc_id) values (:n, :k, :d)"),
                [{"n": n // 2, "k": f"{n}/2020", "d": f"d{n // 2}"} for n in range(1000)],
            )
            connection.exec_driver_sql("ANALYZE")
        with db.engine.begin() as connection:
            if postgresql:  # small tables are read whole unless told: is an index usable?
                connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            for sql, index in HOT.items():
                statement = sa.text(("EXPLAIN " if postgresql else "EXPLAIN QUERY PLAN ") + sql)
                plan = " | ".join(
                    str(step[-1]) for step in connection.execute(statement, {"id": "a"})
                )
                assert "Seq Scan" not in plan and "SCAN citations" not in plan, (sql, plan)
                assert "SCAN document_" not in plan, (sql, plan)
                assert index in plan, (sql, plan)
                if not postgresql:
                    assert "SCAN documents" not in plan, (sql, plan)
    finally:
        db.close()


def test_two_writers_saving_at_once_never_share_a_number(tmp_path: Path) -> None:
    """Two processes' batches (here two connections, in threads) saved at the same time:
    every document saved, each with its own number."""
    url = f"sqlite:///{tmp_path / 'abierto.db'}"
    Database(url).close()
    docs = list(LegalCorpus(400, ids="hashed"))
    halves = [docs[0::2], docs[1::2]]
    failed: list[BaseException] = []

    def save(mine: list[AnyDocument]) -> None:
        db = Database(url)
        try:
            for start in range(0, len(mine), 5):
                db.save_documents(mine[start : start + 5])
        except BaseException as error:  # reported below
            failed.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=save, args=(half,)) for half in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    db = Database(url)
    try:
        numbers = _numbers(db)
    finally:
        db.close()
    assert len(numbers) == len(docs)
    assert sorted(numbers.values()) == list(range(1, len(docs) + 1))  # type: ignore[type-var]
