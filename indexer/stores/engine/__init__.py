"""The scale-out search store: Elasticsearch or OpenSearch behind the ``Store`` protocol.

``schema`` (analysis and mappings), ``compile`` (syntax tree → query DSL), ``request``
(search body, cursors, answers), ``highlights`` and ``bulk`` are shared by both engines;
``clients`` holds the two thin adapters over ``elasticsearch`` and ``opensearch-py``.
"""

from indexer.stores.engine.clients import Connection, EngineClient, EngineKind, connect
from indexer.stores.engine.retry import Backoff, EngineError, EngineUnavailable
from indexer.stores.engine.store import EngineStore

__all__ = [
    "Backoff",
    "Connection",
    "EngineClient",
    "EngineError",
    "EngineKind",
    "EngineStore",
    "EngineUnavailable",
    "connect",
]
