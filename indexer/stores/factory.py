"""Which store the service uses: the embedded Tantivy index, unless a search URL is set."""

from __future__ import annotations

from config.settings import Settings
from indexer.stores.base import Store


def open_store(settings: Settings, writer: bool = False) -> Store:
    """Tantivy in the data folder by default; Elasticsearch/OpenSearch at ``search_url``.
    A ``writer`` replaces an embedded index left by another version (see ``Library``)."""
    if not settings.search_url:
        from indexer.stores.tantivy_store import TantivyStore

        return TantivyStore(
            settings.index_dir, replace_outdated=writer, phrase_work=settings.phrase_work
        )
    from indexer.stores.engine import Connection, EngineStore, connect

    connection = Connection(
        url=settings.search_url,
        username=settings.search_username,
        password=settings.search_password,
        ca_certs=settings.search_ca_certs,
        verify_certs=settings.search_verify_certs,
        timeout_s=settings.search_timeout_s,
    )
    return EngineStore(
        connect(settings.search_engine, connection),
        settings.search_index,
        shards=settings.search_shards,
        replicas=settings.search_replicas,
    )
