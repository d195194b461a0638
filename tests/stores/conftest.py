"""Every store under test, loaded with the same corpus: the embedded Tantivy store (written
by the native writer, and by tantivy-py's where the extension is missing), and the engine
store through each client (``tests/engine/fixtures.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.stores import Store, tantivy_store
from indexer.stores.tantivy_store import TantivyStore
from tests.engine.fixtures import ENGINE_KINDS, MakeStore
from tests.stores.corpus import corpus

STORES = ["tantivy", "tantivy-py-writer", *ENGINE_KINDS]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    instance: Store
    if request.param.startswith("tantivy"):
        if request.param == "tantivy-py-writer":
            patch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
            patch.setattr(tantivy_store, "NATIVE_WRITES", False)
        instance = TantivyStore(tmp_path / "index")
    else:
        make: MakeStore = request.getfixturevalue("make_engine_store")
        instance = make(request.param)
    report = instance.upsert(corpus())
    assert report.indexed == len(corpus()) and not report.errors
    yield instance
