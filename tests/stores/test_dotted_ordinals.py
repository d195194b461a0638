"""An ordinal written with a period before its indicator, as the RAE writes it («1.º
Circuito», «2.ª Sala», «1.ᵒ»), is the ordinal written without («1º Circuito»): the
analysers split «1.º» into «1» and «º», so ``"primer circuito"`` found «1º Circuito»
and not «1.º Circuito». A numbered paragraph («1. Los») stays a number. Every store and
both speech indexes answer alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.analysis import compatible_text
from indexer.speeches.search import SpeechQuery
from indexer.speeches.service import SpeechIndex
from indexer.stores import SearchQuery, Store
from tests.stores.corpus import sentencia
from tests.stores.said_indexes import speech_index, speeches_said

DAY = dt.date(2025, 4, 3)
TEXTS = {
    921: "Conoció el Tribunal Colegiado del 1.º Circuito en materia civil.",
    922: "Conoció el Tribunal Colegiado del 1º Circuito en materia penal.",
    923: "Resolvió la 2.ª Sala de la Corte y el Juzgado 1.ᵒ de Distrito.",
    924: "Considerandos: 1. Circuito cerrado de cámaras en la sala.",
    925: "Conoció el Tribunal Colegiado del Segundo Circuito.",
}


def _ids(store: Store, q: str) -> set[str]:
    return {hit.id for hit in store.search(SearchQuery(q=q, limit=100)).hits}


def test_an_ordinal_with_a_period_is_the_ordinal(store: Store) -> None:
    report = store.upsert([sentencia(n, t, "Tribunal", "civil", DAY) for n, t in TEXTS.items()])
    assert report.indexed == len(TEXTS) and not report.errors
    # (a phrase's ordinal is asked with the degree sign too, «1°», read as the bare
    # number: the numbered paragraph «1. Circuito» is found by it, as before)
    for q in ('"primer circuito"', '"1º circuito"', '"1.º circuito"', '"1o circuito"'):
        assert _ids(store, q) - {"sen-924"} == {"sen-921", "sen-922"}, q
    assert _ids(store, '"segunda sala"') == {"sen-923"}
    assert _ids(store, '"juzgado primero de distrito"') == {"sen-923"}
    # a numbered paragraph is no ordinal: its number stays a word of its own
    assert _ids(store, '"1 circuito"') == {"sen-924"}


def test_the_period_before_an_indicator_is_dropped_only_there() -> None:
    assert compatible_text("del 1.º y la 2.ª, el 3.ᵒ") == "del 1º y la 2ª, el 3º"
    assert compatible_text("1. Los 2. Las ºx 1.ºx") == "1. Los 2. Las ºx 1.ºx"


SAID = (
    "-El diputado Pedro Salas Mora (PAN): Pido el amparo del Tribunal del 1.º Circuito.\n"
    "-La diputada Ana Luz Pérez (MORENA): Lo votó la 2.ª Comisión.\n"
)


@pytest.fixture(params=["tantivy", "opensearch"])
def said(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SpeechIndex]:
    yield from speech_index(request, tmp_path, speeches_said(SAID))


def test_a_speech_with_a_period_ordinal_is_found_by_the_ordinal(said: SpeechIndex) -> None:
    def names(q: str) -> list[str]:
        return [h.speech.person_name or "" for h in said.search(SpeechQuery(q=q)).hits]

    assert names('"primer circuito"') == names('"1.º circuito"') == ["Pedro Salas Mora"]
    assert names('"segunda comisión"') == ["Ana Luz Pérez"]
