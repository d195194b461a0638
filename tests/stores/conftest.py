"""Every store under test, loaded with the same corpus: the embedded Tantivy store, and
the engine store through each client (``tests/engine/fixtures.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.stores import Store
from indexer.stores.tantivy_store import TantivyStore
from tests.engine.fixtures import ENGINE_KINDS, MakeStore
from tests.stores.corpus import corpus

STORES = ["tantivy", *ENGINE_KINDS]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    instance: Store
    if request.param == "tantivy":
        instance = TantivyStore(tmp_path / "index")
    else:
        make: MakeStore = request.getfixturevalue("make_engine_store")
        instance = make(request.param)
    report = instance.upsert(corpus())
    assert report.indexed == len(corpus()) and not report.errors
    yield instance
