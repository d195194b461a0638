"""One session's speeches, and every speech index holding them (embedded and the
engines), for tests that ask each index the same question."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.model import Speech
from indexer.speeches.people import People
from indexer.speeches.search.engine_index import EngineSpeechIndex
from indexer.speeches.search.tantivy_index import TantivySpeechIndex
from indexer.speeches.service import SpeechIndex
from tests.engine.fixtures import TEST_BACKOFF, MakeStore, drop_speech_index

CONGRESS = "Congreso del Estado de Prueba"


def speeches_said(text: str) -> list[Speech]:
    """The speeches of a session whose record is ``text``."""
    session = Sesion(
        id="s1",
        title="Sesión",
        date=dt.date(2025, 2, 18),
        institution=CONGRESS,
        jurisdiction="MX-GUA",
        source_id="prueba",
        url="https://ejemplo.gob.mx/s1",
        text=text,
        congress=CONGRESS,
        legislature="LXVI",
    )
    return speeches_of(session, People(CONGRESS))


def speech_index(
    request: pytest.FixtureRequest, folder: Path, speeches: list[Speech]
) -> Iterator[SpeechIndex]:
    """The speech index ``request.param`` names (``tantivy`` or an engine kind) holding
    ``speeches``, dropped afterwards."""
    if request.param == "tantivy":
        instance: SpeechIndex = TantivySpeechIndex(folder / "speeches")
        instance.rebuild(speeches)
        yield instance
        return
    make: MakeStore = request.getfixturevalue("make_engine_store")
    client = make(request.param).client
    engine = EngineSpeechIndex(client, f"t-{uuid.uuid4().hex[:12]}-speeches", TEST_BACKOFF)
    engine.rebuild(speeches)
    yield engine
    drop_speech_index(client, engine.name)
