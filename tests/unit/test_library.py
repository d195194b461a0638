"""The database is the truth; the index follows it and can always catch up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tantivy

from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery
from indexer.stores.base import StoreUnavailable
from tests.stores.corpus import corpus


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library.open(Settings(data_dir=tmp_path))


def hits(library: Library, q: str) -> set[str]:
    return {h.id for h in library.search(SearchQuery(q=q)).hits}


def test_documents_are_searchable_only_after_flush(library: Library) -> None:
    for doc in corpus():
        assert library.add_document(doc) == "new"
    assert hits(library, '"daño moral"') == set()
    assert library.db.count_pending() == len(corpus())
    assert library.flush() == len(corpus())
    assert hits(library, '"daño moral"') == {"sen-001"}
    assert library.db.count_pending() == 0
    assert library.flush() == 0


def test_a_crash_between_database_and_index_is_caught_up(library: Library) -> None:
    for doc in corpus():
        library.add_document(doc)
    library.flush()
    changed = corpus()[0].model_copy(update={"text": "Ahora trata de servidumbre de paso."})
    assert library.add_document(changed) == "updated"
    assert library.add_document(changed) == "unchanged"
    # the process dies here: the index still holds the old text, the database the new one
    reopened = Library.open(Settings(data_dir=library.db.url.split("///")[1].rsplit("/", 1)[0]))
    assert hits(reopened, "servidumbre") == set()
    assert reopened.flush() == 1
    assert hits(reopened, "servidumbre") == {"sen-001"}


def test_reindex_rebuilds_the_index_from_the_database(library: Library, tmp_path: Path) -> None:
    for doc in corpus():
        library.add_document(doc)
    library.flush()
    library.store.clear()
    assert hits(library, "agua") == set()
    assert library.reindex() == len(corpus())
    assert hits(library, "agua") == {"ses-001", "leg-001"}


def test_a_file_is_extracted_once_per_content(library: Library) -> None:
    first = library.add_file(b"Texto plano de una gaceta.", "http://x/a.txt", "text/plain")
    again = library.add_file(b"Texto plano de una gaceta.", "http://x/b.txt", "text/plain")
    assert first.text == again.text == "Texto plano de una gaceta."
    assert not first.reused and again.reused
    assert library.archive.get(first.ref.sha256) == b"Texto plano de una gaceta."


def test_a_broken_file_is_archived_with_its_error(library: Library) -> None:
    archived = library.add_file(b"%PDF-1.4\n\x00\x01broken", "http://x/rota.pdf", "application/pdf")
    assert archived.text is None and archived.error
    assert library.archive.get(archived.ref.sha256) is not None


def test_an_index_left_by_another_version_is_rebuilt_by_writers_only(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    library = Library.open(settings)
    for doc in corpus():
        library.add_document(doc)
    library.close()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("old_field", stored=True)
    shutil.rmtree(settings.index_dir)
    settings.index_dir.mkdir()
    tantivy.Index(builder.build(), path=str(settings.index_dir), reuse=True)

    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        Library.open(settings)
    writer = Library.open(settings, writer=True)
    assert writer.db.count_pending() == len(corpus())
    assert writer.flush() == len(corpus())
    assert hits(writer, '"daño moral"') == {"sen-001"}
    assert hits(Library.open(settings), '"daño moral"') == {"sen-001"}


def test_a_repeated_search_sees_what_another_process_indexed(tmp_path: Path) -> None:
    """The API's workers answer a question asked again from their cache: until the index
    changes. A document indexed by another process is in the next answer, and its counts."""
    settings = Settings(data_dir=tmp_path)
    writer = Library.open(settings, writer=True)
    first, *others = corpus()
    for doc in others:
        writer.add_document(doc)
    writer.flush()
    reader = Library.open(settings)  # an API worker: its own process, read-only
    query = SearchQuery(q="sentencia OR daño", facets=["kind", "court"])
    before = reader.search(query)
    assert reader.search(query).model_dump() == before.model_dump()
    assert "sen-001" not in {h.id for h in before.hits}

    writer.add_document(first)
    writer.flush()
    after = reader.search(query)
    assert "sen-001" in {h.id for h in after.hits}
    assert after.total == before.total + 1
    court = "Juzgado Primero Civil de León"
    counted = [{f.value: f.count for f in r.facets["court"]}.get(court, 0) for r in (before, after)]
    assert counted[1] == counted[0] + 1


def test_changing_an_answer_does_not_change_the_next_one(library: Library) -> None:
    for doc in corpus():
        library.add_document(doc)
    library.flush()
    query = SearchQuery(q='"daño moral"')
    mine = library.search(query)
    mine.hits[0].title = "cambiado por quien lo pidió"
    mine.hits.clear()
    again = library.search(query)
    assert [h.id for h in again.hits] == ["sen-001"]
    assert again.hits[0].title != "cambiado por quien lo pidió"
