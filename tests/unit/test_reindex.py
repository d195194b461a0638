"""``Library.reindex``: the store's atomic rebuild, and documents saved while it runs."""

from __future__ import annotations

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
    for doc in corpus():
        library.add_document(doc)
    library.flush()
    changed = corpus()[0].model_copy(update={"text": "Ahora trata de servidumbre de paso."})
    original = library.db.iter_documents

    def concurrent_change(*args: object, **kwargs: object) -> Iterator[object]:
        for n, doc in enumerate(original(*args, **kwargs)):  # type: ignore[arg-type]
            if n == 4:  # sen-001 was already read: another process changes and indexes it
                library.db.save_document(changed)
                library.db.mark_indexed([library.db.get_document(changed.id)])  # type: ignore[list-item]
            yield doc

    monkeypatch.setattr(library.db, "iter_documents", concurrent_change)
    assert library.reindex() == len(corpus())
    monkeypatch.undo()
    assert hits(library, "servidumbre") == {"sen-001"}
    assert hits(library, '"daño moral"') == set()
    assert library.db.count_pending() == 0
    library.close()
