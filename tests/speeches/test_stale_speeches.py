"""Speeches an older speech reader split (``speeches.reader`` older than
``SPEECH_READERS_VERSION``, or NULL) are found: the health route and ``abierto reextract
--releer --contar`` tell the operator in Spanish, and ``abierto reextract --releer``
splits those sessions again from their stored texts (database and speech index), after
which nothing is pending (SQLite, the embedded index, the health route over HTTP)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from cli.reextract import cmd_reextract, resplit_notice
from config.settings import Settings
from indexer.library import Library
from indexer.models import Sesion
from indexer.readers import READERS_VERSION
from indexer.speeches import session_speeches
from indexer.speeches.people import person_id
from indexer.speeches.store import stale_sessions
from indexer.speeches.version import SPEECH_READERS_VERSION
from tests.speeches.test_cross_chamber_names import CONGRESS, PERMANENTE

SENATOR = "El senador Juan Pérez"


def _session() -> Sesion:
    return Sesion(
        id="permanente-1",
        title="Sesión de la Comisión Permanente",
        date=dt.date(2025, 6, 11),
        institution=CONGRESS,
        jurisdiction="MX",
        source_id="permanente",
        url="https://permanente.example/1",
        text=PERMANENTE,
        congress=CONGRESS,
        legislature="LXVI",
        chamber="Comisión Permanente",
    )


def _senators_turns(library: Library) -> list[str | None]:
    return [
        s.person_name
        for s in session_speeches(library.db, "permanente-1")
        if s.speaker_as_written == SENATOR
    ]


def test_speeches_an_older_reader_split_are_told_and_split_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=None)
    library = Library.open(settings, writer=True)
    try:
        library.add_document(_session())
        library.flush()
        assert stale_sessions(library.db) == 0
        assert _senators_turns(library) == [None, None]
        # what the speech reader before versions stored: the senator credited to the deputy
        deputy = person_id(CONGRESS, "Juan Pérez López")
        with library.db.engine.begin() as connection:
            # (the session's own fields the current readers read: only its speeches are old)
            connection.execute(text("UPDATE documents SET readers = :v"), {"v": READERS_VERSION})
            connection.execute(
                text(
                    "UPDATE speeches SET reader = NULL, person_id = :p, "
                    "person_name = 'Juan Pérez López' WHERE speaker_as_written = :s"
                ),
                {"p": deputy, "s": SENATOR},
            )
        assert _senators_turns(library) == ["Juan Pérez López", "Juan Pérez López"]
        assert stale_sessions(library.db) == 1
        with TestClient(create_app(library)) as client:
            health = client.get("/healthz").json()["database"]
        assert health["old_speeches"] == 1
        assert "lector de intervenciones" in health["aviso"]
        assert "abierto reextract --releer" in health["aviso"]
    finally:
        library.close()

    args = argparse.Namespace(releer=True, contar=True, todos=False, source=None, desde="")
    assert cmd_reextract(args, settings) == 0
    said = capsys.readouterr().out
    assert resplit_notice(1) in said
    assert "las intervenciones de 1 sesión las separó una versión anterior" in said

    assert cmd_reextract(argparse.Namespace(**{**vars(args), "contar": False}), settings) == 0
    out = capsys.readouterr().out
    assert "1 sesión separada de nuevo" in out

    library = Library.open(settings, writer=True)
    try:
        assert _senators_turns(library) == [None, None]
        assert stale_sessions(library.db) == 0
        with TestClient(create_app(library)) as client:
            assert "old_speeches" not in client.get("/healthz").json()["database"]
            listed = client.get("/v1/sessions/permanente-1/speeches").json()["speeches"]
        assert [s["person_name"] for s in listed if s["speaker_as_written"] == SENATOR] == [
            None,
            None,
        ]
    finally:
        library.close()
    assert cmd_reextract(args, settings) == 0
    assert (
        capsys.readouterr()
        .out.strip()
        .endswith(f"las separó la versión {SPEECH_READERS_VERSION} del lector de intervenciones")
    )
