"""Two thin adapters, one shape: the DSL is built once (``schema``, ``compile``,
``request``) and sent through the official client of each engine.

Client-level retries are turned off: ``retry.Backoff`` is the one retry policy, and
each adapter translates its client's exceptions into ``EngineError``/``EngineUnavailable``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from indexer.stores.engine.retry import EngineError, EngineUnavailable

EngineKind = Literal["elasticsearch", "opensearch"]
# what a bulk answer must say of each item (the rest, a few hundred bytes each, is not read)
BULK_FIELDS = "errors,items.*.status,items.*.error"


@dataclass(frozen=True)
class Connection:
    """Where the engine is and how to talk to it."""

    url: str
    username: str | None = None
    password: str | None = None
    ca_certs: Path | None = None
    verify_certs: bool = True
    timeout_s: float = 30.0


# a bulk request's read timeout grows with its body: ``timeout_s`` for each MB begun. A
# request that times out is sent again whole, and the engine, which took the first one
# anyway, indexes it twice (under load a 5 MB request passed the fixed 30 s: 1,543 index
# operations for 1,092 writes); 5 MB now waits 150 s (34 KB/s, the pace of a 2-core
# engine at load 30) before it is taken for lost
BULK_TIMEOUT_BYTES = 1024 * 1024


def bulk_timeout(timeout_s: float, size: int) -> float:
    """The read timeout of a bulk request of ``size`` bytes."""
    return timeout_s * max(1, -(-size // BULK_TIMEOUT_BYTES))


class EngineClient(Protocol):
    """What the store needs from an engine; every method raises only ``EngineError``."""

    kind: EngineKind

    def info(self, timeout_s: float | None = None) -> dict[str, Any]: ...

    def create_index(
        self, name: str, settings: dict[str, Any], mappings: dict[str, Any]
    ) -> None: ...

    def delete_index(self, name: str) -> None: ...

    def index_exists(self, name: str) -> bool: ...

    def alias_targets(self, alias: str) -> list[str]: ...

    def update_aliases(self, actions: list[dict[str, Any]]) -> None: ...

    def put_settings(self, index: str, settings: dict[str, Any]) -> None: ...

    def settings_of(self, index: str) -> dict[str, dict[str, Any]]:
        """Each index behind ``index`` → its settings, flat (``index.refresh_interval``)."""
        ...

    def mappings(self, index: str) -> dict[str, dict[str, Any]]:
        """Each index behind ``index`` (an alias or a name) → its mapping."""
        ...

    def refresh(self, index: str) -> None: ...

    def bulk(self, body: bytes) -> dict[str, Any]:
        """``body`` is NDJSON; each item of the answer has its ``status`` (and ``error``)."""
        ...

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def count(self, index: str) -> int: ...

    def open_pit(self, index: str, keep_alive: str) -> str:
        """A point in time of ``index`` (its searchers held for ``keep_alive``): its id."""
        ...

    def close_pit(self, pit: str) -> None: ...

    def search_pit(self, body: dict[str, Any]) -> dict[str, Any]:
        """A search in the point in time ``body["pit"]`` names (no index: the point in
        time names it)."""
        ...

    def refreshes(self, index: str) -> dict[str, int]:
        """Each index behind ``index`` → how many times its searchable view was renewed
        (a new number: what a search sees may have changed)."""
        ...

    def close(self) -> None: ...


def _targets(found: dict[str, Any], alias: str) -> list[str]:
    """Index names from a ``GET _alias/<alias>`` answer (a 404 answer names none)."""
    return sorted(
        k for k, v in found.items() if isinstance(v, dict) and alias in v.get("aliases", {})
    )


def _message(info: object, fallback: object) -> str:
    if isinstance(info, dict):
        error = info.get("error", info)
        if isinstance(error, dict):
            return str(error.get("reason") or error.get("type") or error)[:500]
        return str(error)[:500]
    return str(info or fallback)[:500]


class _SharedCalls:
    """The calls both client libraries spell the same way."""

    client: Any

    def _do(self, action: Callable[[], Any]) -> Any:
        raise NotImplementedError

    def delete_index(self, name: str) -> None:
        self._do(lambda: self.client.indices.delete(index=name, ignore_unavailable=True))

    def index_exists(self, name: str) -> bool:
        return bool(self._do(lambda: self.client.indices.exists(index=name)))

    def refresh(self, index: str) -> None:
        self._do(lambda: self.client.indices.refresh(index=index))

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self._do(lambda: self.client.search(index=index, body=body)))

    def count(self, index: str) -> int:
        return int(self._do(lambda: self.client.count(index=index))["count"])

    def search_pit(self, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self._do(lambda: self.client.search(body=body)))

    def refreshes(self, index: str) -> dict[str, int]:
        found = self._do(lambda: self.client.indices.stats(index=index, metric="refresh"))
        counts: dict[str, int] = {}
        for name, entry in dict(found).get("indices", {}).items():
            refresh = entry.get("primaries", {}).get("refresh", {})
            counts[name] = int(refresh.get("external_total", refresh.get("total", 0)))
        return counts

    def settings_of(self, index: str) -> dict[str, dict[str, Any]]:
        found = self._do(lambda: self.client.indices.get_settings(index=index, flat_settings=True))
        return {name: dict(entry.get("settings") or {}) for name, entry in dict(found).items()}

    def mappings(self, index: str) -> dict[str, dict[str, Any]]:
        found = self._do(lambda: self.client.indices.get_mapping(index=index))
        return {name: dict(entry.get("mappings") or {}) for name, entry in dict(found).items()}

    def close(self) -> None:
        self.client.close()


class OpenSearchClient(_SharedCalls):
    """``opensearch-py`` (OpenSearch 2.x)."""

    kind: EngineKind = "opensearch"

    def __init__(self, connection: Connection) -> None:
        from opensearchpy import OpenSearch

        auth = None
        if connection.username:
            auth = (connection.username, connection.password or "")
        self.timeout_s = connection.timeout_s
        self.client = OpenSearch(
            hosts=[connection.url],
            http_auth=auth,
            verify_certs=connection.verify_certs,
            ca_certs=str(connection.ca_certs) if connection.ca_certs else None,
            timeout=connection.timeout_s,
            max_retries=0,
            retry_on_timeout=False,
        )

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        from opensearchpy import exceptions as ex

        try:
            yield
        except ex.ConnectionError as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc.error}") from exc
        except ex.TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else 0
            raise EngineError(status, _message(exc.info, exc.error)) from exc

    def _do(self, action: Callable[[], Any]) -> Any:
        with self._errors():
            return action()

    def info(self, timeout_s: float | None = None) -> dict[str, Any]:
        params = {"request_timeout": timeout_s} if timeout_s else {}
        return dict(self._do(lambda: self.client.info(params=params)))

    def create_index(self, name: str, settings: dict[str, Any], mappings: dict[str, Any]) -> None:
        body = {"settings": settings, "mappings": mappings}
        self._do(lambda: self.client.indices.create(index=name, body=body))

    def alias_targets(self, alias: str) -> list[str]:
        found = self._do(lambda: self.client.indices.get_alias(name=alias, ignore=[404]))
        return _targets(found, alias)

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        self._do(lambda: self.client.indices.update_aliases(body={"actions": actions}))

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        self._do(lambda: self.client.indices.put_settings(index=index, body=settings))

    def bulk(self, body: bytes) -> dict[str, Any]:
        params = {"request_timeout": bulk_timeout(self.timeout_s, len(body))}
        return dict(
            self._do(lambda: self.client.bulk(body=body, filter_path=BULK_FIELDS, params=params))
        )

    def open_pit(self, index: str, keep_alive: str) -> str:
        params = {"keep_alive": keep_alive}
        return str(self._do(lambda: self.client.create_pit(index=index, params=params))["pit_id"])

    def close_pit(self, pit: str) -> None:
        self._do(lambda: self.client.delete_pit(body={"pit_id": [pit]}))


class ElasticsearchClient(_SharedCalls):
    """The official ``elasticsearch`` client (Elasticsearch 8.x/9.x)."""

    kind: EngineKind = "elasticsearch"

    def __init__(self, connection: Connection) -> None:
        from elasticsearch import Elasticsearch

        auth = None
        if connection.username:
            auth = (connection.username, connection.password or "")
        self.timeout_s = connection.timeout_s
        self.client = Elasticsearch(
            connection.url,
            basic_auth=auth,
            verify_certs=connection.verify_certs,
            ca_certs=str(connection.ca_certs) if connection.ca_certs else None,
            request_timeout=connection.timeout_s,
            max_retries=0,
            retry_on_timeout=False,
        )

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        import elastic_transport
        from elasticsearch import ApiError

        try:
            yield
        except ApiError as exc:
            raise EngineError(exc.meta.status, _message(exc.body, exc.message)) from exc
        except elastic_transport.TransportError as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc.message}") from exc

    def _do(self, action: Callable[[], Any]) -> Any:
        with self._errors():
            response = action()
            return getattr(response, "body", response)

    def info(self, timeout_s: float | None = None) -> dict[str, Any]:
        client = self.client.options(request_timeout=timeout_s) if timeout_s else self.client
        return dict(self._do(client.info))

    def create_index(self, name: str, settings: dict[str, Any], mappings: dict[str, Any]) -> None:
        self._do(
            lambda: self.client.indices.create(index=name, settings=settings, mappings=mappings)
        )

    def alias_targets(self, alias: str) -> list[str]:
        client = self.client.options(ignore_status=404)
        found = self._do(lambda: client.indices.get_alias(name=alias))
        return _targets(found, alias)

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        self._do(lambda: self.client.indices.update_aliases(actions=actions))

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        self._do(lambda: self.client.indices.put_settings(index=index, settings=settings))

    def bulk(self, body: bytes) -> dict[str, Any]:
        client = self.client.options(request_timeout=bulk_timeout(self.timeout_s, len(body)))
        return dict(self._do(lambda: client.bulk(operations=body, filter_path=BULK_FIELDS)))

    def open_pit(self, index: str, keep_alive: str) -> str:
        found = self._do(lambda: self.client.open_point_in_time(index=index, keep_alive=keep_alive))
        return str(found["id"])

    def close_pit(self, pit: str) -> None:
        self._do(lambda: self.client.close_point_in_time(id=pit))


def connect(kind: EngineKind, connection: Connection) -> EngineClient:
    """The adapter for ``kind`` (the client library is imported only when used)."""
    if kind == "opensearch":
        return OpenSearchClient(connection)
    if kind == "elasticsearch":
        return ElasticsearchClient(connection)
    raise ValueError(f"unknown search engine {kind!r}: choose elasticsearch or opensearch")
