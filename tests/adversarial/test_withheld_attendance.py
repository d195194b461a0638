"""A court session withheld for personal data after it was published takes out of
``/v1/people`` the people it named without a speech (the attendance list's, an absent
minister's): they were learnt from it alone. Whoever a published session heard stays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sesion, document_id

COURT = "Suprema Corte de Justicia de la Nación"


def _vt(day: str, absent: str, said: str) -> str:
    return (
        "SUPREMA CORTE DE JUSTICIA DE LA NACIÓN\n"
        "TRIBUNAL PLENO\n"
        f"SESIÓN PÚBLICA ORDINARIA DEL PLENO, CELEBRADA EL {day}.\n"
        "ASISTENCIA:\n"
        "PRESIDENTA SEÑORA MINISTRA:\n"
        "ADRIANA SOFÍA MIRANDA QUEZADA\n"
        "SEÑORES MINISTROS:\n"
        "GERARDO ANTONIO ESCOBEDO LIMA\n"
        "AUSENTE: SEÑOR MINISTRO:\n"
        f"{absent}\n"
        "(PREVIO AVISO A LA PRESIDENCIA)\n"
        "(SE ABRIÓ LA SESIÓN A LAS 11:30 HORAS)\n"
        "SEÑORA MINISTRA PRESIDENTA: Se abre la sesión. Dé cuenta.\n"
        f"SECRETARIO GENERAL DE ACUERDOS: {said}\n"
        "SEÑOR MINISTRO ESCOBEDO LIMA: Con el proyecto.\n"
        "(SE LEVANTÓ LA SESIÓN A LAS 12:00 HORAS)\n"
    )


def _session(number: int, text: str, day: dt.date) -> Sesion:
    url = f"https://ejemplo.scjn.gob.mx/vt-{number}"
    return Sesion(
        id=document_id("prueba", url),
        title=f"Sesión pública ordinaria número {number}",
        date=day,
        institution=COURT,
        jurisdiction="MX",
        source_id="scjn-vt",
        url=url,
        text=text,
        chamber="Pleno",
        session_type="ordinaria",
    )


def test_an_absent_minister_named_only_by_a_withheld_session_is_no_longer_listed(
    tmp_path: Path, database_url: str
) -> None:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    kept = _session(
        1,
        _vt("LUNES 3 DE MARZO DE 2031", "JOAQUÍN ELÍAS MONTAÑO RUELAS", "Sí."),
        dt.date(2031, 3, 3),
    )
    held = _session(
        2,
        _vt(
            "MARTES 4 DE MARZO DE 2031",
            "FERNANDA ISABEL CORTÉS ROSALES",
            "La quejosa vive en Calle Olmo 12.",
        ),
        dt.date(2031, 3, 4),
    )
    try:
        library.add_document(kept)
        library.add_document(held)
        library.flush()
        with TestClient(create_app(library)) as client:

            def listed() -> set[str]:
                found = client.get("/v1/people", params={"congress": COURT}).json()
                return {person["name"] for person in found["people"]}

            assert "Fernanda Isabel Cortés Rosales" in listed()
            report = PrivacyReport(
                policy="withhold", findings=[PrivacyFinding(kind="address", start=0, end=10)]
            )
            library.add_document(held.model_copy(update={"privacy": report}))
            library.flush()
            people = listed()
            assert "Fernanda Isabel Cortés Rosales" not in people
            wanted = {"name": "Fernanda Isabel Cortés Rosales"}
            assert client.get("/v1/people", params=wanted).json()["people"] == []
            # the published session's speakers stay
            assert {"Adriana Sofía Miranda Quezada", "Gerardo Antonio Escobedo Lima"} <= people
    finally:
        library.close()
