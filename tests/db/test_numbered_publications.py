"""Publications and case numbers keyed by the document's number (migration 0019): a
library made before keeps its publications, shared documents, tenants' walls and
citations; a deleted document takes its rows with it; the reads go through an index."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import command

from bench.legal_corpus import LegalCorpus
from indexer.citations.records import cited_by_counts
from indexer.citations.resolve import citing
from indexer.db import Database
from indexer.db.migrate import alembic_config
from indexer.models import SourceLink
from indexer.shared import document_keys, save_shared, save_shared_many
from tests.db.old_rows import write_old_documents


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(sql)).all()]


def test_a_library_at_0018_keeps_publications_cases_and_walls_after_0019(
    database_url: str,
) -> None:
    docs = [doc.hashed()[0] for doc in LegalCorpus(30, ids="hashed")]
    # a sentence whose court, case and date make it one document wherever published
    held = docs[0] = docs[0].model_copy(update={"expediente_normalised": "12/2020"})
    citer = docs[1]
    assert document_keys(held)
    now = dt.datetime.now(dt.UTC)
    engine = sa.create_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0018")
        write_old_documents(connection, docs)  # on SQLite: no number yet
        publications = [(d.source_id, d.url, d.id) for d in docs]
        # the held sentence published by a second source too; a document gone by hand
        publications += [("espejo", "https://espejo.example/1", held.id),
                         ("espejo", "https://espejo.example/2", "borrado-a-mano")]  # fmt: skip
        connection.execute(
            sa.text(
                "insert into document_sources (source_id, url, document_id, first_seen_at)"
                " values (:s, :u, :d, :t)"
            ),
            [{"s": s, "u": u, "d": d, "t": now} for s, u, d in publications],
        )
        connection.execute(
            sa.text("insert into document_keys (key, document_id) values (:k, :d)"),
            [{"k": k, "d": d.id} for d in docs for k in document_keys(d)],
        )
        connection.execute(
            sa.text("insert into document_cases (doc_id, key, court) values (:d, :k, null)"),
            [{"d": held.id, "k": "12/2020"}, {"d": "borrado-a-mano", "k": "12/2020"}],
        )
        connection.execute(
            sa.text(
                "insert into citations (doc_id, kind, key, written, start_char, end_char)"
                " values (:d, 'case', '12/2020', '12/2020', 0, 10)"
            ),
            {"d": citer.id},
        )
    engine.dispose()

    db = Database(database_url)
    try:
        numbers = dict(_rows(db, "select id, seq from documents"))
        assert None not in numbers.values() and len(set(numbers.values())) == len(docs)
        kept = _rows(db, "select source_id, url, document_id, doc_seq from document_sources")
        assert sorted((s, u, d) for s, u, d, _ in kept) == sorted(publications[:-1])
        assert all(seq == numbers[d] for _, _, d, seq in kept)
        assert _rows(db, "select doc_seq, key, doc_id from document_cases") == [
            (numbers[held.id], "12/2020", held.id)
        ]
        assert cited_by_counts(db, [held.id]) == {held.id: 1}
        total, page = citing(db, held.id, 10, 0)
        assert total == 1 and [c.document.id for c in page] == [citer.id]

        # a re-crawl of a publication finds its document; its sources are all kept
        mirror = SourceLink(source_id="espejo", url="https://espejo.example/1")
        assert save_shared(db, held, mirror) in ("unchanged", "updated")
        assert save_shared(db, held) in ("unchanged", "updated")
        saved = db.get_document(held.id)
        assert saved is not None
        assert [s.source_id for s in saved.sources] == [held.source_id, "espejo"]
        assert db.count_documents() == len(docs)

        # the same sentence published by another source of the same institution is the
        # same document; by another institution (another tenant), a document of its own
        same = held.model_copy(update={"id": "otra-copia", "source_id": "espejo2",
                                       "url": "https://espejo2.example/1"})  # fmt: skip
        other = held.model_copy(update={"id": "otro-inquilino", "source_id": "ajeno",
                                        "url": "https://ajeno.example/1",
                                        "institution": "Otra institución"})  # fmt: skip
        save_shared_many(db, [same, other])
        assert db.get_document("otra-copia") is None
        merged = db.get_document(held.id)
        assert merged is not None
        assert {s.source_id for s in merged.sources} == {held.source_id, "espejo", "espejo2"}
        own = db.get_document("otro-inquilino")
        assert own is not None and [s.source_id for s in own.sources] == ["ajeno"]

        # deleting a document takes its publications and case numbers with it; saved
        # again, it is a new number with only the source that saved it
        with db.engine.begin() as connection:
            connection.execute(sa.text("delete from documents where id = :d"), {"d": held.id})
        left = _rows(db, f"select count(*) from document_sources where document_id = '{held.id}'")
        assert left == [(0,)]
        assert _rows(db, "select count(*) from document_cases") == [(0,)]
        assert save_shared(db, held) == "new"
        again = db.get_document(held.id)
        assert again is not None and [s.source_id for s in again.sources] == [held.source_id]
    finally:
        db.close()
