"""A session withheld for personal data keeps its speeches in the speech index and the
speech table until the next flush (``Library.flush`` takes them out with the session).
Meanwhile a speech search, a person's speeches (``/v1/people/{id}``) and the sessions a
document was discussed in answered from them: what a person said in the session (a
neighbour's name and address) and the session's title, although the session itself
answers 451. They now leave out every speech and session the database withholds. Real
HTTP on 127.0.0.1, a real SQLite/Tantivy library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import Legislativo, PrivacyFinding, PrivacyReport, Sesion, document_id
from tests.uvicorn_thread import serving

TEXT = (
    "-La C. Presidenta: Se abre la sesión.\n"
    "-El diputado Juan Pérez López (PAN): Mi vecina Rosa Martínez Ruiz vive en la calle "
    "Reforma 123 y pide apoyo.\n"
    "-La C. Presidenta: Gracias, diputado.\n"
)
TIMEOUT = httpx.Timeout(120.0)


def _session() -> Sesion:
    return Sesion(
        id=document_id("prueba", "https://ejemplo.gob.mx/sesion-9"),
        title="Sesión ordinaria del 9 de enero de 2024",
        date=dt.date(2024, 1, 9),
        institution="Congreso del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id="congreso-gto",
        url="https://ejemplo.gob.mx/sesion-9",
        text=TEXT,
        congress="Congreso de Guanajuato",
        legislature="LXV",
        session_type="ordinaria",
    )


def test_a_session_withheld_before_the_flush_lends_no_speech(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path))
    try:
        session = _session()
        library.add_document(session)
        library.flush()
        with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
            assert http.get(f"{base}/v1/speeches", params={"q": "vecina"}).json()["total"] == 1
            people = http.get(f"{base}/v1/people", params={"name": "Juan Pérez López"})
            (person,) = people.json()["people"]
            said = http.get(f"{base}/v1/people/{person['id']}").json()["speeches"]
            assert any("Rosa" in s["text"] for s in said)
            report = PrivacyReport(
                policy="withhold", findings=[PrivacyFinding(kind="name", start=60, end=80)]
            )
            library.add_document(session.model_copy(update={"privacy": report}))  # no flush
            assert http.get(f"{base}/v1/documents/{session.id}").status_code == 451
            found = http.get(f"{base}/v1/speeches", params={"q": "vecina"})
            assert found.status_code == 200
            assert "Rosa" not in found.text and found.json()["speeches"] == []
            # only the withheld session named him: unknown, as after the flush
            again = http.get(f"{base}/v1/people/{person['id']}")
            assert again.status_code == 404
            assert "Rosa" not in again.text
    finally:
        library.close()


def test_a_session_withheld_before_the_flush_is_no_longer_where_a_document_was_discussed(
    tmp_path: Path,
) -> None:
    congress = "Congreso del Estado de Guanajuato"
    initiative = Legislativo(
        id="congreso-gto-ini140",
        title="Iniciativa 140/LXVI sobre agua",
        institution=congress,
        jurisdiction="MX-GUA",
        source_id="congreso-gto-gaceta",
        url="https://congreso.example/ini140",
        text="Se propone reformar la ley de aguas.",
        doc_type="iniciativa",
        number="Iniciativa 140/LXVI",
        legislature="LXVI",
    )
    session = Sesion(
        id="congreso-gto-ses1",
        title="Sesión con la comparecencia de Rosa Martínez Ruiz",
        date=dt.date(2025, 2, 18),
        institution=congress,
        jurisdiction="MX-GUA",
        source_id="congreso-gto-sesiones",
        url="https://congreso.example/ses1",
        text="-El diputado José Luis Cabrera Ledesma (PAN): Apoyo la Iniciativa 140/LXVI.\n",
        congress=congress,
        legislature="LXVI",
        chamber="Pleno",
    )
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    try:
        library.add_document(initiative)
        library.add_document(session)
        library.flush()
        with serving(create_app(library)) as base, httpx.Client(timeout=TIMEOUT) as http:
            address = f"{base}/v1/documents/{initiative.id}"
            assert [s["id"] for s in http.get(address).json()["discussed_in"]] == [session.id]
            report = PrivacyReport(
                policy="withhold", findings=[PrivacyFinding(kind="name", start=31, end=49)]
            )
            library.add_document(session.model_copy(update={"privacy": report}))  # no flush
            answer = http.get(address)
            assert answer.status_code == 200
            assert answer.json()["discussed_in"] == [] and "Rosa" not in answer.text
    finally:
        library.close()
