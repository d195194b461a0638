"""Citations read once per content: a document indexed again unchanged (``reindex``, a
count that changed) keeps the citations stored for it, and gets exactly what reading its
text again would give; changed content, a withheld document or another reader read it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from config.settings import Settings
from indexer.citations import records
from indexer.citations.fingerprint import READER_MODULES
from indexer.citations.records import cited_by_counts, read_citations, record_citations
from indexer.db import Database
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport
from tests.citations.test_library import CITING, HELD, ids, sentencia

JUDGED = Path(__file__).parent / "judged"


def judged_documents() -> list:
    """The hand-judged passages (every kind of citation, and texts citing nothing) as
    sentences, some deciding a case they also cite."""
    docs = []
    for path in sorted(JUDGED.glob("*.yaml")):
        for n, item in enumerate(yaml.safe_load(path.read_text())):
            extra = {}
            if n % 3 == 0 and item.get("citas"):
                first = item["citas"][0]
                if "case" in first:  # the sentence decides the first case it names
                    extra["expediente"] = first["case"]
            docs.append(sentencia(f"{path.stem}-{n}", "2024-01-01", item["text"], **extra))
    return [doc.with_hash() for doc in [*HELD, *CITING, *docs]]


def seen(docs: list) -> list[tuple[str, tuple[str, ...] | None, int]]:
    return [(doc.id, doc.citation_keys, doc.cited_by_count) for doc in docs]


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, budget_s: float = 0.0, scanned: object = None) -> list:
        raise AssertionError("the text was read again")

    monkeypatch.setattr(records, "extract_citations", refuse)


@pytest.fixture()
def db(database_url: str):
    database = Database(database_url)
    yield database
    database.close()


def test_indexed_again_unchanged_the_stored_citations_give_what_reading_gives(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = judged_documents()
    db.save_documents(docs)
    read = record_citations(db, docs)
    assert sum(len(doc.citation_keys or ()) for doc in read) > 150
    assert any(doc.cited_by_count for doc in read)
    no_reading(monkeypatch)
    assert seen(record_citations(db, docs)) == seen(read)
    assert seen(record_citations(db, docs[::-1])) == seen(read)[::-1]


def test_changed_content_a_withheld_document_and_another_reader_are_read_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = judged_documents()[:6]
    record_citations(db, docs)
    changed = docs[2].model_copy(update={"text": "Sin citas."}).with_hash()
    withheld = docs[3].model_copy(
        update={"privacy": PrivacyReport(
            policy="withhold", findings=[PrivacyFinding(kind="curp", start=0, end=5)])}
    ).with_hash()  # fmt: skip
    assert seen(record_citations(db, [changed, withheld]))[0][1] == ()
    assert seen(record_citations(db, [withheld]))[0][1] == ()
    # withheld, it was read as citing nothing and is not reused: released, it is read again
    no_reading(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):
        record_citations(db, [docs[3]])
    monkeypatch.undo()
    record_citations(db, docs)
    monkeypatch.setattr(records, "READER", "another reader")
    no_reading(monkeypatch)
    with pytest.raises(AssertionError, match="read again"):
        record_citations(db, docs[:1])


def test_citations_read_by_a_worker_are_written_as_if_read_here(db: Database) -> None:
    docs = judged_documents()
    here = record_citations(db, docs)
    db.close()
    other = Database(db.engine.url.render_as_string(hide_password=False))
    try:
        with other.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM citation_reads")
        found = {doc.id: read_citations(doc) for doc in docs}
        assert seen(record_citations(other, docs, found)) == seen(here)
    finally:
        other.close()


# Read nothing from a text: the fingerprint, and which held sentence a stored citation
# names (decided each time citations are resolved or counted, never stored).
RESOLVING = frozenset(
    ("indexer.citations.fingerprint", "indexer.citations.holders", "indexer.citations.issuers")
)


def test_the_reader_fingerprint_covers_every_module_reading_a_text() -> None:
    """A module ``indexer.citations`` reads with, missing from ``READER_MODULES``, could
    change what is read while stored citations are reused."""
    root = Path(records.__file__).parents[2]
    todo, found = ["indexer.citations", "indexer.citations.records"], set()
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        path = root / Path(*name.split("."))
        source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("indexer"):
                wanted = node.module
                if wanted in RESOLVING or wanted.startswith(("indexer.db", "indexer.models")):
                    continue  # the fingerprint, tables and the document model read nothing
                todo.append(wanted)
    assert found <= set(READER_MODULES)


def test_reindex_reads_no_text_again_and_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        docs = judged_documents()
        library.add_documents(docs)
        library.flush()
        stored = list(library.db.iter_documents())
        keys = sorted({key for doc in record_citations(library.db, stored)
                       for key in doc.citation_keys or ()})  # fmt: skip

        counts = cited_by_counts(library.db, [doc.id for doc in stored])

        def answers() -> list[list[object]]:
            """Who cites each key, and the most-cited order by count (ties in any order)."""
            found: list[list[object]] = [
                sorted(ids(library, filters={"cita": [key]})) for key in keys
            ]
            return [*found, [counts.get(i, 0) for i in ids(library, sort="most_cited")]]

        before = answers()
        assert sum(map(len, before)) > 150
        no_reading(monkeypatch)
        assert library.reindex() == len(stored) - 1  # w1 is withheld: never indexed
        assert answers() == before
    finally:
        library.close()
