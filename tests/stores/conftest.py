"""Every store under test, loaded with the same corpus. The engine stores join the
parametrisation when their node is available."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.stores import Store
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import corpus


def _tantivy(path: Path) -> Store:
    return TantivyStore(path)


STORES = {"tantivy": _tantivy}


@pytest.fixture(params=sorted(STORES))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    instance = STORES[request.param](tmp_path / "index")
    report = instance.upsert(corpus())
    assert report.indexed == len(corpus()) and not report.errors
    yield instance
