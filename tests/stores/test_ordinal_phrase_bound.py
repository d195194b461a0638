"""A proximity phrase that writes an ordinal is asked as each of its spellings
(«primero», «1o», «1º», «primer»…). Where each has too many arrangements and is matched
by the rule (tantivy-py's search, an alert's matching), the question-wide bound counted
every spelling as the widest phrase: ``"juzgado primero de distrito"~10``, one phrase a
journalist types, was refused as too many phrases. Its spellings now count as one; a
question of several such phrases is still refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.query import QueryTooCostly
from indexer.stores import SearchQuery
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import sentencia

TEXTS = {
    1: "El Juzgado Primero de Distrito en materia penal concedió la suspensión.",
    2: "El juzgado, en el distrito de Tula, resolvió el primero de los recursos de amparo.",
    3: "El Juzgado 1o. de Distrito negó el amparo.",
    4: "El Juzgado Segundo de Distrito negó el amparo.",
}


@pytest.fixture
def store(tmp_path: Path) -> TantivyStore:
    # tantivy-py's search, where the native one is missing (the Docker image)
    made = TantivyStore(tmp_path / "index", native=False)
    day = dt.date(2025, 1, 10)
    made.upsert([sentencia(n, text, "Juzgado", "penal", day) for n, text in TEXTS.items()])
    return made


def _ids(store: TantivyStore, q: str) -> set[str]:
    return {hit.id for hit in store.search(SearchQuery(q=q, limit=20)).hits}


def test_one_ordinal_proximity_phrase_is_answered(store: TantivyStore) -> None:
    assert _ids(store, '"juzgado primero de distrito"~10') == {"sen-001", "sen-002", "sen-003"}
    assert _ids(store, '"juzgado primero de distrito"~10 AND "negó el amparo"~2') == {"sen-003"}


def test_several_wide_phrases_are_still_refused(store: TantivyStore) -> None:
    with pytest.raises(QueryTooCostly):
        store.search(
            SearchQuery(
                q='"juzgado primero de distrito"~10 OR "juzgado segundo de distrito"~10 '
                'OR "violencia de género"~10'
            )
        )
    # the spellings typed by hand are as many phrases as they are
    with pytest.raises(QueryTooCostly):
        store.search(
            SearchQuery(
                q='"juzgado distrito penal concedió"~10 OR "juzgado distrito amparo negó"~10 '
                'OR "juzgado resolvió recursos amparo"~10'
            )
        )
