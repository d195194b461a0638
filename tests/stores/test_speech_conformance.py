"""Every speech index answers the same speech search the same way: the embedded
Tantivy index and the engine's, through each client."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.models import Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.people import People
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.engine_index import EngineSpeechIndex
from indexer.speeches.search.tantivy_index import TantivySpeechIndex
from indexer.speeches.service import SpeechIndex
from indexer.stores.base import CursorError
from tests.engine.fixtures import ENGINE_KINDS, TEST_BACKOFF, MakeStore, drop_speech_index

STORES = ["tantivy", *ENGINE_KINDS]

CONGRESS = "Congreso del Estado de Prueba"


def _session(doc_id: str, day: str, text: str, congress: str = CONGRESS) -> Sesion:
    return Sesion(
        id=doc_id,
        title="Sesión",
        date=dt.date.fromisoformat(day),
        institution=congress,
        jurisdiction="MX-GUA",
        source_id="prueba",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text=text,
        congress=congress,
        legislature="LXVI",
        agenda=["Lista de asistencia.", "Dictamen sobre resoluciones de agua potable."],
    )


FIRST = """Presidencia de la diputada Laura Gómez Ruiz
1. Lista de asistencia.
-La C. Presidenta: Se abre la sesión.
2. Dictamen sobre resoluciones de agua potable.
-El diputado Pedro Salas Mora (PAN): Las resoluciones sobre el agua potable llegan tarde.
(Aplausos)
-La diputada Ana Luz Pérez (MORENA): El agua es un derecho; votaré en contra.
"""
SECOND = """-El diputado Pedro Salas (PAN): Insisto: el agua de los pozos no alcanza.
-La Secretaría: Se registraron veinte votos a favor.
"""


def _speeches() -> list:  # type: ignore[type-arg]
    people = People(CONGRESS)
    return [
        *speeches_of(_session("s1", "2025-02-18", FIRST), people),
        *speeches_of(_session("s2", "2025-03-04", SECOND), people),
        *speeches_of(_session("s3", "2025-03-05", SECOND, "Senado de Prueba"), People("S")),
    ]


@pytest.fixture(params=STORES)
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SpeechIndex]:
    if request.param == "tantivy":
        instance: SpeechIndex = TantivySpeechIndex(tmp_path / "speeches")
        instance.rebuild(_speeches())
        yield instance
        return
    make: MakeStore = request.getfixturevalue("make_engine_store")
    client = make(request.param).client
    engine = EngineSpeechIndex(client, f"t-{uuid.uuid4().hex[:12]}-speeches", TEST_BACKOFF)
    engine.rebuild(_speeches())
    yield engine
    drop_speech_index(client, engine.name)


def _ask(index: SpeechIndex, **fields: object) -> tuple[int, list[str]]:
    result = index.search(SpeechQuery(**fields))  # type: ignore[arg-type]
    return result.total, [hit.speech.person_name or "" for hit in result.hits]


def test_words_are_found_in_what_was_said_stemmed_and_accent_blind(index: SpeechIndex) -> None:
    total, names = _ask(index, q="resolucion", sort="date_asc")
    assert (total, names) == (1, ["Pedro Salas Mora"])
    assert _ask(index, q='"agua potable"')[0] == 1
    assert _ask(index, q="agua -derecho")[0] == 3
    assert _ask(index, q="pozo*")[0] == 2


def test_filters_by_speaker_party_congress_dates_and_agenda(index: SpeechIndex) -> None:
    assert _ask(index, filters={"speaker": ["PEDRO SALAS MORA"]})[0] == 2
    assert _ask(index, filters={"party": ["morena"]})[1] == ["Ana Luz Pérez"]
    assert _ask(index, filters={"congress": ["senado de prueba"]})[0] == 2
    assert _ask(index, date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 3, 4))[0] == 2
    assert _ask(index, agenda="agua potable")[0] == 2
    assert _ask(index, q="court:x")[0] == 0
    # a document field the speech indexes keep none of (added later): nothing, no error
    assert _ask(index, q="fallo:confirma")[0] == 0
    assert _ask(index, q="fallo:confirma OR agua")[0] == _ask(index, q="agua")[0] > 0
    assert _ask(index, filters={"session_id": ["s1"]})[0] == 3
    # (and the record's line before anyone speaks, a part of no one)
    assert _ask(index, filters={"session_id": ["s1"]}, include_procedural=True)[0] == 5


def test_facets_highlights_and_pages_agree(index: SpeechIndex) -> None:
    result = index.search(SpeechQuery(q="agua", filters={"congress": [CONGRESS]}))
    facets = {name: {f.value: f.count for f in values} for name, values in result.facets.items()}
    assert facets["speaker"] == {"Pedro Salas Mora": 2, "Ana Luz Pérez": 1}
    assert facets["party"] == {"PAN": 2, "MORENA": 1}
    assert facets["congress"] == {CONGRESS: 3}
    assert all("<mark>agua</mark>" in hit.highlights[0].lower() for hit in result.hits)
    first = index.search(SpeechQuery(q="agua", limit=2, sort="date_asc"))
    assert first.next_cursor is not None
    rest = index.search(SpeechQuery(q="agua", limit=2, sort="date_asc", cursor=first.next_cursor))
    ids = [h.speech.id for h in first.hits + rest.hits]
    assert len(set(ids)) == first.total == 4
    with pytest.raises(CursorError):
        index.search(SpeechQuery(q="otra", cursor=first.next_cursor))


def test_a_session_indexed_again_replaces_its_speeches(index: SpeechIndex) -> None:
    people = People(CONGRESS)
    shorter = speeches_of(_session("s2", "2025-03-04", SECOND.splitlines()[1] + "\n"), people)
    index.replace_sessions(["s2"], shorter)
    assert _ask(index, filters={"session_id": ["s2"]})[0] == 1
    assert _ask(index, q="pozos")[0] == 1


def _newer(day: str, doc_id: str) -> list:  # type: ignore[type-arg]
    """A later session's speeches (two say «agua»), as the crawler indexes them."""
    return speeches_of(
        _session(doc_id, day, SECOND + FIRST.splitlines()[4] + "\n"), People(CONGRESS)
    )


def test_a_session_indexed_between_two_pages_neither_repeats_nor_skips(
    index: SpeechIndex,
) -> None:
    """Newest first, one speech a page: the next page is read from the index as the first
    page was, though newer sessions were indexed meanwhile (the pages' order holds)."""
    query = SpeechQuery(q="agua", limit=1, sort="date_desc")
    everything = index.search(query.model_copy(update={"limit": 100}))
    expected = [hit.speech.id for hit in everything.hits]
    assert len(expected) == 4
    page = index.search(query)
    seen = [hit.speech.id for hit in page.hits]
    for n, day in enumerate(("2025-04-01", "2025-04-02", "2025-04-03")):
        index.replace_sessions([f"nueva{n}"], _newer(day, f"nueva{n}"))
        assert page.next_cursor is not None
        page = index.search(query.model_copy(update={"cursor": page.next_cursor}))
        seen += [hit.speech.id for hit in page.hits]
    assert seen == expected
    # a new search reads them all, the newest first
    fresh = index.search(query.model_copy(update={"limit": 100}))
    assert fresh.total == 4 + 3 * 2
    assert fresh.hits[0].speech.session_id == "nueva2"


def test_a_session_taken_out_between_two_pages_is_not_shown(index: SpeechIndex) -> None:
    """A session withheld (a review found personal data) or removed after a first page
    is gone from the next pages as from a new search: the commit the cursor names still
    held its speeches, words and highlights, for the minutes it is held."""
    query = SpeechQuery(q="agua", limit=1, sort="date_desc")
    everything = index.search(query.model_copy(update={"limit": 100})).hits
    removed = everything[-1].speech.session_id
    assert everything[0].speech.session_id != removed
    page = index.search(query)
    index.replace_sessions([removed], [])
    later = []
    while page.next_cursor is not None:
        page = index.search(query.model_copy(update={"cursor": page.next_cursor}))
        later += [hit.speech for hit in page.hits]
    assert later, "the next pages were read"
    assert [s.session_id for s in later if s.session_id == removed] == []


# A speech that reads out a redacted public version, as the documents' texts are written:
# a phrase does not run across «**********» nor «(…)», whatever the index.
REDACTED = """-El diputado Pedro Salas Mora (PAN): La quejosa ********** promovió el amparo; \
el oficio (…) consta en autos del juzgado.
"""


def test_a_phrase_is_not_matched_across_a_redaction(index: SpeechIndex) -> None:
    speeches = speeches_of(_session("s9", "2025-04-09", REDACTED, "Congreso Tachado"), People("T"))
    index.replace_sessions(["s9"], speeches)
    tachado = {"congress": ["Congreso Tachado"]}
    assert _ask(index, q='"quejosa promovió"', filters=tachado)[0] == 0  # old: 1
    assert _ask(index, q='"oficio consta"', filters=tachado)[0] == 0  # old: 1
    assert _ask(index, q='"promovió el amparo"', filters=tachado)[0] == 1
    assert _ask(index, q='"consta en autos"', filters=tachado)[0] == 1
    found = index.search(SpeechQuery(q="quejosa", filters=tachado))
    assert found.total == 1
    (shown,) = found.hits[0].highlights
    # shown as the speech writes it: the mark and the redaction, no gap characters
    assert "<mark>quejosa</mark> ********** promovió" in shown
    assert "\u02ad" not in shown and "\u2060" not in shown
    assert found.hits[0].speech.text.startswith("La quejosa ********** promovió")
