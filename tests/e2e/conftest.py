"""The sample sites, generated and served on 127.0.0.1, crawled once per session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from samples.generate import generate
from samples.manifest import Manifest
from samples.server import SampleServer, serve
from tests.e2e.helpers import client_for, run_crawl


@dataclass
class Crawled:
    sites: SampleServer
    manifest: Manifest
    data_dir: Path
    output: str


@pytest.fixture(scope="session")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    root = tmp_path_factory.mktemp("sites")
    manifest = generate(root)
    data_dir = tmp_path_factory.mktemp("data")
    with serve(root) as sites:
        result = run_crawl(data_dir, sites.url)
        assert result.returncode == 0, result.stdout + result.stderr
        yield Crawled(sites, manifest, data_dir, result.stdout)


@pytest.fixture(scope="session")
def api(crawled: Crawled) -> Iterator[TestClient]:
    with client_for(crawled.data_dir) as client:
        yield client
