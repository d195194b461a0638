"""A proximity phrase of too many arrangements to ask as exact phrases
(``"violencia de género"~10``) is answered by every speech index, as ``/v1/search``
answers it: the embedded one matches it by the rule among the speeches holding its
words (``phrase_rule``), in what was said and in the speaker's name, the engine by its
own. It was refused on the embedded index («admite demasiadas combinaciones»)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.speeches.model import Speech
from indexer.speeches.search import SpeechQuery
from indexer.speeches.service import SpeechIndex
from tests.engine.fixtures import ENGINE_KINDS
from tests.stores.said_indexes import speech_index, speeches_said

SAID = (
    "-El diputado Pedro Salas Mora (PAN): La violencia que sufren las mujeres por razón "
    "de su género exige una ley.\n"
    "-La diputada Ana Luz Pérez (MORENA): Hablemos de violencia. Mucho después, y en "
    "otro tema del orden del día, de la igualdad de las personas sin importar su sexo, "
    "de sus derechos, de su trabajo, de su salario y de su dignidad, que es el género.\n"
    "-La diputada Laura Gómez Ruiz (PRI): Hablo del género en la literatura, de la poesía, "
    "de la novela, del teatro, del ensayo, de la crónica y, al final, de la violencia.\n"
)


def _speeches() -> list[Speech]:
    return speeches_said(SAID)


@pytest.fixture(params=["tantivy", *ENGINE_KINDS])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SpeechIndex]:
    yield from speech_index(request, tmp_path, _speeches())


def _names(index: SpeechIndex, q: str) -> list[str]:
    result = index.search(SpeechQuery(q=q, sort="date_asc"))
    assert result.total == len(result.hits)
    return sorted(h.speech.person_name or "" for h in result.hits)


def test_a_wide_proximity_phrase_is_answered(index: SpeechIndex) -> None:
    assert _names(index, '"violencia de género"~10') == ["Pedro Salas Mora"]
    assert _names(index, '"violencia de género"~10 OR salario') == [
        "Ana Luz Pérez",
        "Pedro Salas Mora",
    ]
    assert _names(index, 'violencia -"violencia de género"~10') == [
        "Ana Luz Pérez",
        "Laura Gómez Ruiz",
    ]
    hit = index.search(SpeechQuery(q='"violencia de género"~10')).hits[0]
    assert "<mark>" in hit.highlights[0]


def test_a_wide_proximity_phrase_in_the_speakers_name(index: SpeechIndex) -> None:
    # «Pedro Salas Mora» is in the speech's descriptive words, not in what was said
    assert _names(index, '"Mora Salas Pedro"~10') == ["Pedro Salas Mora"]
