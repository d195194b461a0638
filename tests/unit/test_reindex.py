"""``Library.reindex``: the store's atomic rebuild, and documents saved while it runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from indexer.stores import SearchQuery
from tests.stores.corpus import corpus


def hits(library: Library, q: str) -> set[str]:
    return {h.id for h in library.search(SearchQuery(q=q)).hits}


def test_a_document_changed_during_a_rebuild_is_caught_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library.open(Settings(data_dir=tmp_path))
    crawler = Library.open(Settings(data_dir=tmp_path), writer=True)
    for doc in corpus():
        library.add_document(doc)
    library.flush()
    changed = corpus()[0].model_copy(update={"text": "Ahora trata de servidumbre de paso."})
    original = library.db.iter_documents
    crawled: list[int] = []

    def concurrent_change(*args: object, **kwargs: object) -> Iterator[object]:
        for n, doc in enumerate(original(*args, **kwargs)):  # type: ignore[arg-type]
            if n == 4 and not crawled:  # sen-001 was read: a crawl saves its new text
                assert crawler.add_document(changed) == "updated"
                crawled.append(crawler.flush(wait=False))
            yield doc

    monkeypatch.setattr(library.db, "iter_documents", concurrent_change)
    assert library.reindex() == len(corpus())
    monkeypatch.undo()
    assert crawled == [0]  # the rebuild held the index writer: the crawl left it the queue
    assert hits(library, "servidumbre") == {"sen-001"}
    assert hits(library, '"daño moral"') == set()
    assert library.db.count_pending() == 0
    library.close()
    crawler.close()


def test_a_document_saved_before_the_rebuild_read_it_is_not_indexed_twice(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path))
    for doc in corpus():
        library.add_document(doc)
    assert library.db.count_pending() == len(corpus())
    assert library.reindex() == len(corpus())
    assert library.db.count_pending() == 0
    assert library.flush() == 0
    assert hits(library, '"daño moral"') == {"sen-001"}
    library.close()


def _operations(index_dir: Path) -> int:
    """The index's operation stamp: one per document added, deleted or committed."""
    return int(json.loads((index_dir / "meta.json").read_text())["opstamp"])


def test_a_rebuild_writes_each_document_once_without_a_delete_held_for_it(
    tmp_path: Path,
) -> None:
    """Tantivy keeps every delete until the commit, and a rebuild commits once: a delete
    per document (as an update does) held memory growing with the library, 2.2 KB a
    document measured at 100k (issue 14). The rebuild starts from an empty index, so its
    documents need none; the answers are those of the index the updates built."""
    settings = Settings(data_dir=tmp_path)
    library = Library.open(settings, writer=True)
    for doc in corpus():
        library.add_document(doc)
    library.flush()
    queries = ['"daño moral"', "pension", "alimenticia", "niñez", "interes superior"]
    before = {q: hits(library, q) for q in queries}
    assert before['"daño moral"'] == {"sen-001"}
    assert all(before.values())
    stamped = _operations(settings.index_dir)
    assert library.reindex() == len(corpus())
    # one add per document and a few commits (an update: a delete and an add for each)
    assert _operations(settings.index_dir) - stamped < 2 * len(corpus())
    assert {q: hits(library, q) for q in queries} == before
    assert library.search(SearchQuery(q="")).total == len(corpus())
    library.close()
