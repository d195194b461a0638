"""The citations tables on each relational backend: written in bulk, replaced when a
document is read again, resolved and counted the same on SQLite and PostgreSQL."""

from __future__ import annotations

from indexer.citations.records import cited_by_counts, record_citations
from indexer.citations.resolve import cited, citing
from indexer.db import Database
from tests.citations.test_library import CITING, HELD


def test_citations_are_written_resolved_and_counted(database_url: str) -> None:
    db = Database(database_url)
    try:
        docs = [*HELD, *CITING]
        for doc in docs:
            db.save_document(doc)
        annotated = {doc.id: doc for doc in record_citations(db, docs)}
        assert annotated["t1"].cited_by_count == 2 and annotated["t2"].cited_by_count == 1
        assert annotated["c1"].citation_keys == ("AR 1234/2023", "Toca 133/2021", "CPEUM art. 14")
        assert annotated["w1"].citation_keys == ()
        assert cited_by_counts(db, ["t1", "t2", "c1"]) == {"t1": 2, "t2": 1}
        total, items = cited(db, "c1", limit=2, offset=1)
        assert total == 3
        assert [(i.key, [d.id for d in i.documents]) for i in items] == [
            ("Toca 133/2021", ["t2"]),
            ("CPEUM art. 14", []),
        ]
        total, citers = citing(db, "t1", limit=10, offset=0)
        assert total == 2 and [c.document.id for c in citers] == ["c2", "c1"]
        # read again with other text: its rows are replaced, not added to
        changed = CITING[0].model_copy(update={"text": "Sin citas."})
        record_citations(db, [changed])
        assert cited(db, "c1", limit=10, offset=0) == (0, [])
        assert cited_by_counts(db, ["t1", "t2"]) == {"t1": 1}
    finally:
        db.close()
