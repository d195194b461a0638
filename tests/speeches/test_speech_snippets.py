"""A speech found by who said it (or its agenda item, or a prefix) shows its beginning
in whole words, as a document's does: never a word cut in two ("acuífe"). The same on
the embedded index and on each engine (real Tantivy, real OpenSearch/Elasticsearch)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from indexer.db import Database
from indexer.models import Sesion
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.engine_index import EngineSpeechIndex
from indexer.speeches.search.tantivy_index import TantivySpeechIndex
from indexer.speeches.service import SpeechIndex, process_sessions
from tests.engine.fixtures import ENGINE_KINDS, TEST_BACKOFF, MakeStore, drop_speech_index

CONGRESS = "Congreso del Estado de Prueba"
# long words, so that a cut at any fixed length lands inside one
WORDS = (
    "Compañeras legisladoras, la sobreexplotación de los acuíferos subterráneos "
    "compromete irremediablemente el abastecimiento intergeneracional de agua potable "
    "en comunidades marginadas; proponemos reformas constitucionales impostergables "
    "para garantizar sustentabilidad hídrica, transparencia presupuestaria y "
    "corresponsabilidad institucional permanentemente."
)


def _session() -> Sesion:
    return Sesion(
        id="ses-1", title="Sesión", date=dt.date(2025, 2, 18), institution=CONGRESS,
        jurisdiction="MX-GUA", source_id="prueba", url="https://ejemplo.gob.mx/ses-1",
        text=f"-El diputado Pedro Salas Mora (PAN): {WORDS}\n", congress=CONGRESS,
        legislature="LXVI",
    )  # fmt: skip


def _whole_words(shown: str) -> None:
    plain = shown.replace("<mark>", "").replace("</mark>", "")
    at = WORDS.find(plain)
    assert at >= 0, plain
    end = at + len(plain)
    assert end == len(WORDS) or not WORDS[end].isalnum(), plain
    assert at == 0 or not WORDS[at - 1].isalnum(), plain


def _check(index: SpeechIndex, tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'abierto.db'}")
    try:
        process_sessions(db, index, [_session()])
        getattr(index, "refresh", lambda: None)()
        by_speaker = SpeechQuery(filters={"speaker": ["Pedro Salas Mora"]})
        for query in (by_speaker, SpeechQuery(q="acuíf*")):
            [hit] = index.search(query).hits
            [shown] = hit.highlights
            assert len(shown.replace("<mark>", "").replace("</mark>", "")) < len(WORDS)
            _whole_words(shown)
    finally:
        db.close()


def test_the_embedded_index_shows_whole_words(tmp_path: Path) -> None:
    _check(TantivySpeechIndex(tmp_path / "speeches"), tmp_path)


@pytest.mark.parametrize("kind", ENGINE_KINDS)
def test_an_engine_shows_whole_words(
    kind: str, tmp_path: Path, make_engine_store: MakeStore
) -> None:
    client = make_engine_store(kind).client
    index = EngineSpeechIndex(client, f"t-{uuid.uuid4().hex[:12]}-speeches", TEST_BACKOFF)
    index.ensure()
    try:
        _check(index, tmp_path)
    finally:
        drop_speech_index(client, index.name)
