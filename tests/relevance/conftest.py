"""The sample corpus, crawled once for the relevance tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from indexer.library import Library
from tests.relevance.judged import crawled_samples


@pytest.fixture(scope="session")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    with crawled_samples(tmp_path_factory.mktemp("relevance")) as library:
        yield library
