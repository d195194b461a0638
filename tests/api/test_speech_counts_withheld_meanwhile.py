"""A session withheld for personal data keeps its speeches in the speech index until the
next flush. A speech search already left out their hits, but its total and facets were
the index's: a search matching only what was said in the withheld session answered
``total: 1`` with no speech, and facet buckets naming its speaker, party and congress;
anyone could tell that a congress's session was under review, and who spoke in it. The
counts now leave them out too, and count them again once the session is released. Both
stores (the embedded index and an engine), both databases; real HTTP on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from api import index_lag
from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sesion
from tests.engine.fixtures import MakeStore, store_settings
from tests.uvicorn_thread import serving

TIMEOUT = httpx.Timeout(120.0)
WAIT_S = 60.0  # a bound on waiting for the listening thread, never a measure
HIDDEN_CONGRESS = "Congreso del Estado de Zacatecas"
CONGRESS = "Congreso del Estado de Guanajuato"
HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="name", start=60, end=80)])


def _session(doc_id: str, congress: str, said: str, speaker: str, party: str) -> Sesion:
    return Sesion(
        id=doc_id,
        title=f"Sesión ordinaria {doc_id}",
        date=dt.date(2024, 1, 9),
        institution=congress,
        jurisdiction="MX-GUA",
        source_id="congreso-sesiones",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text=(
            "-La C. Presidenta: Se abre la sesión.\n"
            f"-El diputado {speaker} ({party}): {said}\n"
            "-La C. Presidenta: Gracias, diputado.\n"
        ),
        congress=congress,
        legislature="LXV",
        session_type="ordinaria",
    )


SECRET = _session(
    "sesion-retenida",
    HIDDEN_CONGRESS,
    "Mi vecina Rosa Martínez Ruiz vive en la calle Reforma y pide apoyo para el agua.",
    "Juan Pérez López",
    "PAN",
)
OTHER = _session(
    "sesion-publica",
    CONGRESS,
    "Pido apoyo para el agua de las comunidades rurales.",
    "Pedro Gómez Soto",
    "MORENA",
)


def _values(body: dict) -> set[str]:
    return {bucket["value"] for buckets in body["facets"].values() for bucket in buckets}


@pytest.fixture(params=["tantivy", "opensearch"])
def library(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    database_url: str,
    make_engine_store: MakeStore,
) -> Iterator[Library]:
    """A library on each store and each database, holding both sessions, flushed."""
    plain = Settings(data_dir=tmp_path, database_url=database_url)
    settings = store_settings(request, plain, request.param, make_engine_store)
    library = Library.open(settings)
    try:
        library.add_document(SECRET)
        library.add_document(OTHER)
        library.flush()
        yield library
    finally:
        library.close()


def _heard(library: Library, write: Callable[[], object]) -> None:
    """``write`` (no flush), and on PostgreSQL until this process's listening thread has
    heard of it (an answer meanwhile is as it was a moment before, ``api.index_lag``)."""
    watch = index_lag._watch(library.db)
    before = watch._heard if isinstance(watch, index_lag._Listening) else None
    write()
    deadline = time.monotonic() + WAIT_S
    while before is not None and watch._heard == before:  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the change was never heard"
        time.sleep(0.01)


def test_a_speech_search_does_not_count_a_session_withheld_since_the_flush(
    library: Library,
) -> None:
    with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:

        def search(q: str) -> dict:
            answer = http.get(f"{base}/v1/speeches", params={"q": q})
            assert answer.status_code == 200
            return answer.json()

        before = search("vecina")
        assert before["total"] == 1 and "PAN" in _values(before)
        assert HIDDEN_CONGRESS in str(before["facets"])
        assert search("agua")["total"] == 2
        _heard(library, lambda: library.add_document(SECRET.model_copy(update={"privacy": HELD})))
        alone = search("vecina")
        assert alone["speeches"] == []
        assert alone["total"] == 0 and _values(alone) == set()
        both = search("agua")
        assert both["total"] == 1 and len(both["speeches"]) == 1
        assert "PAN" not in _values(both) and "MORENA" in _values(both)
        assert HIDDEN_CONGRESS not in str(both["facets"])
        # its own session asked for: nothing either
        asked = http.get(f"{base}/v1/speeches", params={"session": SECRET.id}).json()
        assert asked["total"] == 0 and asked["speeches"] == []
        # released after review: counted again, before the flush
        released = HELD.model_copy(update={"reviewed": True})
        _heard(
            library,
            lambda: library.add_document(SECRET.model_copy(update={"privacy": released})),
        )
        assert search("vecina")["total"] == 1
        assert search("agua")["total"] == 2
