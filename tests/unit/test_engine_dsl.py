"""The engine DSL without an engine: what the syntax tree compiles to, cursors, the
conversion of engine highlights, and which store the settings choose."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from config.settings import Settings
from indexer.highlight import plan
from indexer.query import Term, parse_query
from indexer.stores import SearchQuery
from indexer.stores.base import CursorError, encode_cursor
from indexer.stores.engine import EngineStore
from indexer.stores.engine.clients import ElasticsearchClient, OpenSearchClient
from indexer.stores.engine.compile import MATCH_NONE, compile_query
from indexer.stores.engine.highlights import POST, PRE, split_tagged, to_marks
from indexer.stores.engine.request import build, decode_cursor
from indexer.stores.engine.request import encode_cursor as encode_engine_cursor
from indexer.stores.factory import open_store
from indexer.stores.tantivy_store import TantivyStore

HOSTILE = [
    'title:x OR "a b" -c dd* (e AND NOT f)',
    "matter:value AND value* AND _exists_:x",  # a prefix inside a field is a 422 of its own
    # x~2 and y^10 are refused before any store (indexer/query/foreign.py)
    "/regex.*/ OR x~ OR y^ OR x~y OR [a TO z] OR {a TO z}",
    'court:"Sala Penal" matter:penal',
    "💥 <script>",
]


def _keys(tree: Any) -> set[str]:
    if isinstance(tree, dict):
        return set(tree) | {k for v in tree.values() for k in _keys(v)}
    if isinstance(tree, list):
        return {k for v in tree for k in _keys(v)}
    return set()


@pytest.mark.parametrize("q", HOSTILE)
def test_no_user_text_reaches_an_engine_query_parser(q: str) -> None:
    body = build(SearchQuery(q=q), parse_query(q), None)
    used = _keys(body["query"])
    assert not used & {"query_string", "simple_query_string", "regexp", "wildcard", "script"}
    assert used <= {
        "bool", "must", "must_not", "should", "filter", "minimum_should_match", "match_all",
        "match_none", "match_phrase", "query", "boost", "term", "prefix", "value",
        "constant_score",
        "title", "meta", "text", "title.fold", "text.fold", "court.key", "matter.key",
    }  # fmt: skip


def test_a_query_without_words_matches_nothing_and_words_are_kept_as_typed() -> None:
    assert compile_query(Term("💥")) == MATCH_NONE
    compiled = json.dumps(compile_query(parse_query("Decisiones")), ensure_ascii=False)
    assert '"query": "Decisiones"' in compiled  # analysed by the engine, as it indexed
    prefix = json.dumps(compile_query(parse_query("Constitu*")))
    assert '"value": "constitu"' in prefix  # prefixes are folded here: no engine analysis


def test_filters_compare_folded_keywords_and_dates_are_inclusive() -> None:
    query = SearchQuery(
        filters={"court": ["  Sala  PENAL "]}, date_from="2024-01-15", date_to="2024-06-30"
    )
    body = build(query, parse_query(""), None)
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"court.key": "sala penal"}} in filters[0]["bool"]["should"]
    assert filters[1] == {"range": {"date": {"gte": "2024-01-15", "lte": "2024-06-30"}}}


def test_cursors_are_bound_to_their_query() -> None:
    query = SearchQuery(q="daño", sort="date_asc")
    cursor = encode_engine_cursor(query, [1700000000000, "sen-001"], 20)
    assert decode_cursor(query.model_copy(update={"cursor": cursor})) == (
        [1700000000000, "sen-001"], 20, None
    )  # fmt: skip
    with pytest.raises(CursorError):
        decode_cursor(SearchQuery(q="otra", cursor=cursor))
    # an offset cursor (a page's link back) is read as the hits to skip, for its query only
    assert decode_cursor(query.model_copy(update={"cursor": encode_cursor(query, 20)})) == (
        None, 20, None
    )  # fmt: skip
    with pytest.raises(CursorError):
        decode_cursor(SearchQuery(q="otra", cursor=encode_cursor(query, 20)))


def test_engine_highlights_become_the_shared_marks() -> None:
    fragment, ranges = split_tagged(f"el {PRE}interés superior de la niñez{POST} <b>")
    assert fragment == "el interés superior de la niñez <b>"
    assert len(ranges) == 5  # one range per word, even for a phrase tagged as one
    tree = parse_query('"interés superior de la niñez"')
    marked = to_marks([f"el {PRE}interés superior de la niñez{POST} <b>"], plan(tree))
    assert marked == ["el <mark>interés superior de la niñez</mark> &lt;b&gt;"]


def test_settings_choose_the_store(tmp_path: Path) -> None:
    assert isinstance(open_store(Settings(data_dir=tmp_path)), TantivyStore)
    for engine, client in (
        ("opensearch", OpenSearchClient),
        ("elasticsearch", ElasticsearchClient),
    ):
        store = open_store(
            Settings(
                data_dir=tmp_path,
                search_url="http://127.0.0.1:9",
                search_engine=engine,  # type: ignore[arg-type]
                search_index="abierto-pruebas",
            )
        )
        assert isinstance(store, EngineStore) and isinstance(store.client, client)
        assert store.alias == "abierto-pruebas" and store.kind == engine
        store.close()
