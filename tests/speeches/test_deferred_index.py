"""The embedded speech index is written when the documents' index commits: a crawl's
speeches become searchable with their sessions, each session's latest reading stands
however many batches re-read it, and writes kept past a size are written at once
(real SQLite, real Tantivy)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sesion
from indexer.speeches.attribute import speeches_of
from indexer.speeches.deferred import DeferredSpeeches
from indexer.speeches.people import People
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.tantivy_index import TantivySpeechIndex
from indexer.stores import SearchQuery, tantivy_store

CONGRESS = "Congreso de Prueba"


def _session(doc_id: str, words: str) -> Sesion:
    return Sesion(
        id=doc_id,
        title=f"Sesión {doc_id}",
        date=dt.date(2025, 2, 18),
        institution=CONGRESS,
        jurisdiction="MX-GUA",
        source_id="congreso",
        url=f"https://congreso.example/{doc_id}",
        text=f"-El diputado Luis Mora Paz (PT): {words}.\n-La diputada Ana Ruiz Soto: Gracias.\n",
        congress=CONGRESS,
        legislature="LXVI",
    )


def _said(library: Library, words: str) -> set[str]:
    found = library.speech_index.search(SpeechQuery(q=words))  # type: ignore[union-attr]
    return {hit.speech.session_id for hit in found.hits}


def _documents(library: Library, words: str) -> int:
    return library.search(SearchQuery(q=words)).total


def test_a_crawls_speeches_are_searchable_with_their_sessions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a crawl's flow: more documents than a quiet arrival publishes at once
    monkeypatch.setattr(tantivy_store, "QUIET_DOCS", 0)
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        library.add_documents(
            [_session("s1", "Hablo de acuíferos"), _session("s2", "Hablo de puentes")]
        )
        library.flush(wait=False)
        # neither the sessions nor their speeches are published before the commit
        assert _documents(library, "acuíferos") == 0
        assert _said(library, "acuíferos") == set()
        # s1 read again twice before the commit: its last reading stands
        library.add_documents([_session("s1", "Hablo de carreteras")])
        library.flush(wait=False)
        library.add_documents([_session("s1", "Hablo de presas")])
        library.flush(wait=False)
        library.flush()
        assert _documents(library, "presas") == 1
        assert _said(library, "presas") == {"s1"}
        assert _said(library, "puentes") == {"s2"}
        assert _said(library, "acuíferos") == _said(library, "carreteras") == set()
        assert _said(library, "Gracias") == {"s1", "s2"}
    finally:
        library.close()


def test_a_session_withheld_leaves_the_speech_index_at_once(tmp_path: Path) -> None:
    """Personal data held back for review: the session's speeches are no longer found as
    soon as it is, even if written moments before (and not yet published)."""
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    try:
        library.add_documents(
            [_session("s1", "Hablo de acuíferos"), _session("s2", "Hablo de puentes")]
        )
        library.flush(wait=False)
        finding = PrivacyFinding(kind="curp", start=0, end=4)
        privacy = PrivacyReport(policy="withhold", findings=[finding])
        withheld = _session("s1", "Hablo de acuíferos").model_copy(update={"privacy": privacy})
        library.add_documents([withheld])
        library.flush(wait=False)
        assert _said(library, "acuíferos") == set()
        assert _said(library, "puentes") == {"s2"}  # published with it: kept in order
        library.flush()
        assert _said(library, "acuíferos") == set()
        assert _said(library, "Gracias") == {"s2"}
    finally:
        library.close()


def test_speeches_kept_by_a_library_closed_are_written(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=None), writer=True)
    library.add_documents([_session("s1", "Hablo de acuíferos")])
    library.flush(wait=False)
    library.close()
    reader = Library.open(Settings(data_dir=tmp_path, database_url=None))
    try:
        assert _said(reader, "acuíferos") == {"s1"}
    finally:
        reader.close()


def test_writes_kept_past_their_size_are_written_at_once(tmp_path: Path) -> None:
    index = TantivySpeechIndex(tmp_path / "discursos")
    people = People(CONGRESS)
    first = speeches_of(_session("s1", "Hablo de acuíferos"), people)
    second = speeches_of(_session("s2", "Hablo de puentes"), people)
    deferred = DeferredSpeeches(index, max_chars=sum(len(s.text) for s in first) + 1)
    assert deferred.replace_sessions(["s1"], first) == len(first) == 2
    assert index.search(SpeechQuery(q="acuíferos")).total == 0
    deferred.replace_sessions(["s2"], second)  # past the size: both written, in order
    assert index.search(SpeechQuery(q="acuíferos")).total == 1
    assert index.search(SpeechQuery(q="puentes")).total == 1
    deferred.replace_sessions(["s1"], [])
    deferred.drop()  # forgotten: s1 keeps its speeches
    deferred.publish()
    assert index.search(SpeechQuery(q="acuíferos")).total == 1
