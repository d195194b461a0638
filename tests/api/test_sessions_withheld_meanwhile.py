"""A session withheld for personal data after it was indexed stays in the search index
until the indexer's next commit. ``/v1/search`` leaves it out meanwhile
(``test_search_withheld_meanwhile``), but ``/v1/sessions`` and the page ``/sesiones`` read
each hit's document from the database and listed it whole: its title, agenda, videos and
transcript addresses, the personal data a review had just held back. They now leave out
a session the database withholds. Real HTTP on 127.0.0.1, a real SQLite/Tantivy library.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sesion, VideoLink
from tests.uvicorn_thread import serving

NAME = "María Guadalupe Hernández"
TIMEOUT = httpx.Timeout(120.0)


def _session(doc_id: str, title: str, day: int) -> Sesion:
    return Sesion(
        id=doc_id,
        title=title,
        date=dt.date(2024, 2, day),
        institution="Congreso del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url=f"https://ejemplo.gob.mx/{doc_id}",
        text="Versión estenográfica: se discutió la reforma a la ley de transparencia.",
        congress="Congreso del Estado de Guanajuato",
        legislature="LXV",
        session_type="ordinaria",
        video_urls=[
            VideoLink(url=f"https://www.youtube.com/watch?v={doc_id}00000", platform="youtube")
        ],
        agenda=[f"Comparecencia de {NAME}" if "retenida" in doc_id else "Lista de asistencia"],
    )


def test_a_session_withheld_since_the_index_commit_is_not_listed(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path))
    try:
        held = _session("sesion-retenida", f"Sesión con la comparecencia de {NAME}", 8)
        library.add_document(held)
        library.add_document(_session("sesion-publica", "Sesión ordinaria", 9))
        library.flush()
        with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
            before = http.get(f"{base}/v1/sessions").json()
            assert {s["id"] for s in before["sessions"]} == {"sesion-retenida", "sesion-publica"}
            finding = PrivacyFinding(kind="nombre", field="title", start=31, end=56)
            withheld = PrivacyReport(policy="withhold", findings=[finding])
            library.add_document(held.model_copy(update={"privacy": withheld}))  # no flush
            listed = http.get(f"{base}/v1/sessions")
            assert listed.status_code == 200
            assert [s["id"] for s in listed.json()["sessions"]] == ["sesion-publica"]
            assert "Hernández" not in listed.text
            page = http.get(f"{base}/sesiones", headers={"Accept": "text/html"})
            assert page.status_code == 200
            assert "Sesión ordinaria" in page.text
            assert "Hernández" not in page.text and "sesion-retenida" not in page.text
    finally:
        library.close()
