"""Fixtures shared by every test folder (servers start once, on first use)."""

from tests.engine.fixtures import es_compat_proxy, make_engine_store, opensearch_node
from tests.services.fixtures import database_url, postgres
from tests.services.smtp import smtp_server

__all__ = [
    "database_url",
    "es_compat_proxy",
    "make_engine_store",
    "opensearch_node",
    "postgres",
    "smtp_server",
]
