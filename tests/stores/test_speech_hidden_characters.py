"""What was said, written with characters no one sees (a soft hyphen, a zero-width space
pasted from a web page) or in compatibility forms (mathematical bold), is found by the
plain words on every speech index, as a document's text is: the speech indexes index
the documents' indexed text (``analysis.indexed_text``). An embedded speech index
written before says so and is started anew by a writer."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.speeches.model import Speech
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.tantivy_index import (
    SPEECH_ANALYSIS_VERSION,
    TantivySpeechIndex,
    speech_analysis_version,
)
from indexer.speeches.service import SpeechIndex
from indexer.stores.base import ANALYSIS_STAMP
from tests.engine.fixtures import ENGINE_KINDS
from tests.stores.said_indexes import speech_index, speeches_said

SAID = (
    "-El diputado Pedro Salas Mora (PAN): Pido el am\u00adparo de los vecinos; "
    "el agua\u200b potable no llega.\n"
    "-La diputada Ana Luz Pérez (MORENA): La 𝐜𝐨𝐧𝐜𝐞𝐬𝐢ó𝐧 del 𝐚𝐠𝐮𝐚 es ilegal.\n"
)


def _speeches() -> list[Speech]:
    return speeches_said(SAID)


@pytest.fixture(params=["tantivy", *ENGINE_KINDS])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SpeechIndex]:
    yield from speech_index(request, tmp_path, _speeches())


def _names(index: SpeechIndex, q: str) -> list[str]:
    return [h.speech.person_name or "" for h in index.search(SpeechQuery(q=q)).hits]


def test_hidden_and_compatibility_characters_are_the_plain_words(index: SpeechIndex) -> None:
    assert "am\u00adparo" in _speeches()[0].text  # the speech keeps what was written
    assert _names(index, "amparo") == ["Pedro Salas Mora"]
    assert _names(index, '"agua potable"') == ["Pedro Salas Mora"]
    assert _names(index, "concesión") == ["Ana Luz Pérez"]
    assert _names(index, '"concesión del agua"') == ["Ana Luz Pérez"]
    hit = index.search(SpeechQuery(q="amparo")).hits[0]
    assert "<mark>amparo</mark>" in hit.highlights[0]


def test_an_embedded_speech_index_analysed_before_is_started_anew_by_a_writer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "speeches"
    TantivySpeechIndex(folder).rebuild(_speeches())
    assert speech_analysis_version(folder) == SPEECH_ANALYSIS_VERSION == 4
    (folder / ANALYSIS_STAMP).unlink()  # as every speech index written before
    with caplog.at_level(logging.WARNING):
        reader = TantivySpeechIndex(folder, replace_outdated=False)
    assert not reader.replaced and reader.count() == len(_speeches())
    assert "abierto reindex" in caplog.text
    writer = TantivySpeechIndex(folder)
    assert writer.replaced and writer.count() == 0
    assert speech_analysis_version(folder) == SPEECH_ANALYSIS_VERSION
    assert not TantivySpeechIndex(folder).replaced  # once
