"""An index written with another mapping than this version's is found before it is used:
read as it is where the current queries answer the same from it, refused with what to do
where they would not, and replaced by a rebuild."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from indexer.stores import SearchQuery
from indexer.stores.base import StoreUnavailable
from indexer.stores.engine.schema import index_settings, mappings
from tests.engine.fixtures import MakeStore, engine_url
from tests.stores.corpus import corpus

CLIENTS = ["opensearch", "elasticsearch"]
WORD_FIELDS = ("title", "text", "meta")


def _written_before_versions() -> dict[str, Any]:
    """The mapping every index had before versions were kept: word pairs on each text."""
    older = mappings()
    older.pop("_meta", None)
    for name in WORD_FIELDS:
        older["properties"][name]["index_phrases"] = True
    return older


def _written_before_the_ruling() -> dict[str, Any]:
    """The mapping of version 2: no ``ruling`` field."""
    older = mappings()
    older["_meta"] = {"abierto_mapping": 2}
    del older["properties"]["ruling"]
    return older


def _index_with(store: Any, mapping: dict[str, Any]) -> str:
    """The store's alias on an index with ``mapping``, holding the corpus."""
    first = f"{store.alias}-000000"
    store.client.create_index(first, index_settings(1, 0), mapping)
    store.client.update_aliases([{"add": {"index": first, "alias": store.alias}}])
    return first


def ids(store: Any, q: str) -> set[str]:
    return {hit.id for hit in store.search(SearchQuery(q=q, limit=100)).hits}


def _meta(store: Any) -> list[Any]:
    found = store.client.mappings(store.alias)
    return [mapping.get("_meta") for mapping in found.values()]


@pytest.mark.parametrize("kind", CLIENTS)
def test_an_index_of_a_mapping_this_version_cannot_read_is_refused_until_rebuilt(
    kind: str, make_engine_store: MakeStore
) -> None:
    writer = make_engine_store(kind)
    writer.upsert(corpus())
    # the same alias, as a later version left it: its mapping says another version
    later = mappings()
    later["_meta"] = {"abierto_mapping": 99}
    store = make_engine_store(kind)
    _index_with(store, later)

    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        store.search(SearchQuery(q="daño"))
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        store.upsert(corpus())
    health = store.health()
    assert health["ok"] is False and "abierto reindex" in str(health["error"])
    assert "lo escribió otra versión" in str(health["error"])

    report = store.rebuild(corpus())
    assert report.indexed == len(corpus()) and not report.errors
    assert ids(store, '"daño moral"') == ids(writer, '"daño moral"') == {"sen-001"}
    assert _meta(store) == _meta(writer)
    assert store.health()["ok"] is True


def test_the_cli_says_in_spanish_what_to_do_with_an_index_it_cannot_read(
    make_engine_store: MakeStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    """The old code's English StoreUnavailable left the command as a traceback."""
    later = mappings()
    later["_meta"] = {"abierto_mapping": 99}
    store = make_engine_store("opensearch")
    _index_with(store, later)
    monkeypatch.setenv("ABIERTO_SEARCH_URL", engine_url(request, "opensearch"))
    monkeypatch.setenv("ABIERTO_SEARCH_ENGINE", "opensearch")
    monkeypatch.setenv("ABIERTO_SEARCH_INDEX", store.alias)
    page = tmp_path / "sentencia.txt"
    page.write_text("Amparo en revisión sobre daño moral.", encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "data"), "index", str(page)])
    said = capsys.readouterr().err
    assert code != 0 and "Traceback" not in said
    assert "lo escribió otra versión" in said and "abierto reindex" in said


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("older", [_written_before_versions, _written_before_the_ruling])
def test_an_index_without_the_ruling_field_is_refused_until_rebuilt(
    kind: str, older: Callable[[], dict[str, Any]], make_engine_store: MakeStore
) -> None:
    """Its ``ruling`` filter would find nothing and its facet count nothing, silently,
    and a sentencia with a ruling could not be written into it."""
    current = make_engine_store(kind)
    current.upsert(corpus())
    store = make_engine_store(kind)
    _index_with(store, older())

    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        store.search(SearchQuery(filters={"ruling": ["confirma"]}))
    with pytest.raises(StoreUnavailable, match="lo escribió otra versión"):
        store.upsert(corpus())

    store.rebuild(corpus())
    assert _meta(store) == _meta(current)
    assert ids(store, '"daño moral"') == {"sen-001"}
    asked = SearchQuery(filters={"ruling": ["confirma"]}, facets=["ruling"])
    assert {hit.id for hit in store.search(asked).hits} == {"sen-003", "sen-004"}
