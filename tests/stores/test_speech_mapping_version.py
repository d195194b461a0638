"""The engine's speech index keeps the version of its mapping and analysis, as the
documents' index does: one written before (no version said: «1ᵒ» kept as written, not
«1º») still answers searches, its writes are refused in Spanish until ``abierto
reindex`` rebuilds it, and the rebuilt one takes writes again."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.engine_index import (
    SPEECH_MAPPING_VERSION,
    EngineSpeechIndex,
    mappings,
    to_source,
)
from indexer.stores.base import StoreUnavailable
from indexer.stores.engine import bulk
from indexer.stores.engine.clients import EngineClient
from indexer.stores.engine.schema import index_settings, mapping_version
from tests.engine.fixtures import TEST_BACKOFF, MakeStore, drop_speech_index
from tests.stores.said_indexes import speeches_said

SAID = (
    "-El diputado Pedro Salas Mora (PAN): Pido el amparo del Juzgado 1ᵒ de Distrito.\n"
    "-La diputada Ana Luz Pérez (MORENA): La concesión del agua es ilegal.\n"
)


@pytest.fixture
def older(make_engine_store: MakeStore) -> Iterator[tuple[EngineClient, str]]:
    """A speech index as the engine holds one made before versions were kept."""
    client = make_engine_store("opensearch").client
    name = f"t-{uuid.uuid4().hex[:12]}-speeches"
    before = mappings()
    before.pop("_meta")
    client.create_index(name, index_settings(1, 0), before)
    speeches = speeches_said(SAID)
    actions = [bulk.Action("index", s.id, name, to_source(s)) for s in speeches]
    bulk.run(client, actions, TEST_BACKOFF, workers=1)
    client.refresh(name)
    yield client, name
    drop_speech_index(client, name)


def _names(index: EngineSpeechIndex, q: str) -> list[str]:
    return [h.speech.person_name or "" for h in index.search(SpeechQuery(q=q)).hits]


def test_an_older_engine_speech_index_answers_and_waits_for_reindex(
    older: tuple[EngineClient, str],
) -> None:
    client, name = older
    index = EngineSpeechIndex(client, name, TEST_BACKOFF)
    assert _names(index, "concesión") == ["Ana Luz Pérez"]
    speeches = speeches_said(SAID)
    session = speeches[0].session_id
    with pytest.raises(StoreUnavailable, match="abierto reindex"):
        index.replace_sessions([session], speeches[:1])
    assert index.rebuild(speeches) == len(speeches)
    assert {mapping_version(m) for m in client.mappings(name).values()} == {SPEECH_MAPPING_VERSION}
    assert _names(index, '"juzgado primero de distrito"') == ["Pedro Salas Mora"]
    assert index.replace_sessions([session], speeches[1:]) == 1
    # another process finds it rebuilt too
    assert EngineSpeechIndex(client, name, TEST_BACKOFF).replace_sessions([session], []) == 0
