"""A PostgreSQL cluster per test session, and each relational backend as a parameter."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.services.postgres import PostgresServer, PostgresUnavailable, start


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL on 127.0.0.1. In CI its absence is a failure, not a skip."""
    try:
        server = start()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Each relational backend the project supports, empty."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'abierto.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"t{abs(hash(request.node.nodeid)) % 10**12}_{os.getpid()}"
    return server.create_database(name)
