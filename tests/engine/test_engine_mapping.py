"""An index written with another mapping than this version's is found before it is used:
an older one keeps answering searches (a deployment is never without search while
``abierto reindex`` runs) but refuses, with what to do, a question naming a field it
lacks and every write; one of an unknown version is refused whole; a rebuild replaces
either."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from indexer.stores import SearchQuery
from indexer.stores.base import FieldNotIndexed, StoreUnavailable
from indexer.stores.engine import bulk
from indexer.stores.engine.schema import MAPPING_VERSION, index_settings, mappings
from indexer.stores.engine.store import to_source
from tests.engine.fixtures import TEST_BACKOFF, MakeStore, engine_url
from tests.stores.corpus import corpus

CLIENTS = ["opensearch", "elasticsearch"]
WORD_FIELDS = ("title", "text", "meta")


def _written_before_versions() -> dict[str, Any]:
    """The mapping every index had before versions were kept: word pairs on each text."""
    older = mappings()
    older.pop("_meta", None)
    del older["properties"]["ruling"]
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


def _holding_the_corpus(store: Any, mapping: dict[str, Any]) -> None:
    """The store's alias on an index of ``mapping`` holding the corpus, written as the
    version of that mapping wrote it (no ``ruling``): the store itself refuses to."""
    index = _index_with(store, mapping)
    actions = (
        bulk.Action("index", doc.id, index, _without_ruling(to_source(doc))) for doc in corpus()
    )
    report, _ = bulk.run(store.client, actions, TEST_BACKOFF)
    assert report.indexed == len(corpus())
    store.client.refresh(index)


def _without_ruling(source: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in source.items() if name != "ruling"}


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
def test_an_index_without_the_ruling_field_answers_searches_but_not_the_ruling(
    kind: str, older: Callable[[], dict[str, Any]], make_engine_store: MakeStore
) -> None:
    """A deployment answers searches for the hour its reindex takes; a ``ruling``
    question would find nothing or count nothing, silently: it is refused, saying what
    to do. A sentencia with a ruling cannot be written into it: writes wait."""
    store = make_engine_store(kind)
    _holding_the_corpus(store, older())

    assert ids(store, '"daño moral"') == {"sen-001"}
    assert store.count() == len(corpus())
    answered = store.search(SearchQuery(q="amparo", facets=["matter", "year"]))
    assert answered.total > 0 and answered.facets["matter"]
    for asked in (
        SearchQuery(filters={"ruling": ["confirma"]}),
        SearchQuery(q="fallo:confirma"),
        SearchQuery(q="amparo NOT sentido:confirma"),
        SearchQuery(q="amparo", facets=["matter", "ruling"]),
    ):
        with pytest.raises(FieldNotIndexed) as refused:
            store.search(asked)
        assert refused.value.fields == ("ruling",)
        assert refused.value.mensaje == (
            "este índice aún no tiene el sentido del fallo: el operador debe ejecutar "
            "`abierto reindex`"
        )
    with pytest.raises(StoreUnavailable, match="lo escribió otra versión"):
        store.upsert(corpus())
    health = store.health()
    assert health["ok"] is True and "abierto reindex" in str(health["aviso"])

    # `abierto reindex` in another process: this one sees the new index at once
    elsewhere = make_engine_store(kind)  # its own connection, on the same alias
    elsewhere.alias = store.alias
    elsewhere.rebuild(corpus())
    confirma = SearchQuery(filters={"ruling": ["confirma"]}, facets=["ruling"])
    answer = store.search(confirma)
    assert {hit.id for hit in answer.hits} == {"sen-003", "sen-004"}
    assert {f.value: f.count for f in answer.facets["ruling"]} == {"confirma": 2}
    assert store.upsert(corpus()).indexed == len(corpus())
    assert "aviso" not in store.health()


def _written_before_the_redacted_filter() -> dict[str, Any]:
    """The mapping of version 3: no ``period`` nor ``redacted`` field."""
    older = mappings()
    older["_meta"] = {"abierto_mapping": 3}
    del older["properties"]["period"], older["properties"]["redacted"]
    return older


@pytest.mark.parametrize("kind", CLIENTS)
def test_an_index_of_version_3_answers_searches_but_not_whether_a_version_is_redacted(
    kind: str, make_engine_store: MakeStore
) -> None:
    """Its ``redacted`` filter would find no public version that hides data, silently:
    refused, saying what to do, until ``abierto reindex``."""
    store = make_engine_store(kind)
    _holding_the_corpus(store, _written_before_the_redacted_filter())

    assert ids(store, '"daño moral"') == {"sen-001"}
    for asked in (
        SearchQuery(filters={"redacted": ["sí"]}),
        SearchQuery(q="testada:sí"),
        SearchQuery(q="daño -testada:no"),
        SearchQuery(q="daño", facets=["matter", "redacted"]),
    ):
        with pytest.raises(FieldNotIndexed) as refused:
            store.search(asked)
        assert refused.value.fields == ("redacted",)
        assert refused.value.mensaje == (
            "este índice aún no tiene las versiones testadas: el operador debe ejecutar "
            "`abierto reindex`"
        )
    with pytest.raises(StoreUnavailable, match="lo escribió otra versión"):
        store.upsert(corpus())

    store.rebuild(corpus())
    assert _meta(store) == [{"abierto_mapping": MAPPING_VERSION}]
    assert ids(store, "testada:no") == set()  # the corpus has no privacy report
