"""A session's type is one value whatever the page writes around it: the Senado's
sessions table writes «Junta Previa» in one row and a page «Sesión de Junta Previa» in
another, the Diputados' Diario «SESIÓN PÚBLICA ORDINARIA VESPERTINA»; a citizen filtering
or faceting by type must find each session under one entry, not half of them under each
of two. A type the readers do not know is none (never a guess, never its raw text as a
second value), and a label naming two kinds of sitting stays none."""

from __future__ import annotations

from typing import Any

import pytest

from api.routers.pages.common import session_kind, value_label
from indexer.build import build_document
from indexer.readers.plausibility import implausible
from indexer.readers.sessions import recognise_session

SENATE = {"congress": "Congreso de la Unión", "chamber": "Senado de la República"}

WRITTEN = {
    "junta_previa": ["Junta Previa", "Sesión de Junta Previa", "SESIÓN DE JUNTA PREVIA",
                     "sesion de junta previa", "Sesión  de la Junta Previa"],
    "congreso_general": ["Congreso General", "Sesión de Congreso General",
                         "Sesión del Congreso General", "Sesión Solemne de Congreso General"],
    "ordinaria": ["Ordinaria", "Sesión Ordinaria", "Sesión Pública Ordinaria",
                  "SESIÓN PÚBLICA ORDINARIA VESPERTINA", "Ordinaria Matutina"],
    "extraordinaria": ["Extraordinaria", "Sesión Extraordinaria", "Sesiones Extraordinarias"],
    "solemne": ["Solemne", "Sesión Solemne", "SESIÓN SOLEMNE"],
    "permanente": ["Comisión Permanente", "Sesión de la Comisión Permanente",
                   "Comisi&oacute;n Permanente"],
}  # fmt: skip


def session(fields: dict[str, str]) -> Any:
    return build_document(
        kind="sesion", source_id="senado-sesiones", institution="Senado de la República",
        jurisdiction="MX", url="https://www.senado.gob.mx/66/sesiones/1", text="",
        fields=SENATE | fields, origins=dict.fromkeys(("congress", "chamber"), "spec"),
    )  # fmt: skip


@pytest.mark.parametrize(("written", "value"), [(w, v) for v, ws in WRITTEN.items() for w in ws])
def test_each_written_form_of_a_type_is_stored_as_its_one_value(written: str, value: str) -> None:
    doc = session({"date": "01/09/2025", "session_type": written})
    assert doc.session_type == value
    assert doc.field_sources["session_type"] == "listing"
    # and a crawl does not refuse it as a type no session has (a required field: the
    # Senado's Junta Previa would not be saved at all)
    assert implausible("session_type", written) is None


@pytest.mark.parametrize(
    "written", ["Sesión", "Sesión Pública", "Reunión de trabajo", "Sesión Preparatoria",
                "Vespertina", "Ordinaria y Solemne", "Junta Previa y Sesión Ordinaria"],
)  # fmt: skip
def test_a_type_not_known_or_two_kinds_is_none_not_a_second_value(written: str) -> None:
    doc = session({"date": "01/09/2025", "session_type": written})
    assert doc.session_type is None
    assert "session_type" not in doc.field_sources  # no provenance for a value not stored


def test_the_new_types_have_their_names_on_pages_and_titles() -> None:
    assert session_kind("junta_previa") == "Junta previa"
    assert session_kind("congreso_general") == "Sesión de Congreso General"
    assert value_label("session_type", "junta_previa") == "Junta previa"
    # a title made of the row's type reads once «Sesión», whichever way the row wrote it
    titles = {
        session({"date": "01/09/2025", "session_type": written}).title
        for written in ("Junta Previa", "Sesión de Junta Previa")
    }
    assert titles == {"Sesión de Junta Previa del 01/09/2025"}


@pytest.mark.parametrize(
    ("title", "value"),
    [
        ("🔴 EN VIVO | Sesión de Junta Previa del Senado, 31 de agosto de 2025", "junta_previa"),
        ("Sesión de Congreso General, 1 de septiembre de 2025", "congreso_general"),
        ("Sesión Solemne del Congreso General | Toma de protesta, 1 de octubre de 2024",
         "congreso_general"),
        # a title that only mentions the congress is the session it names
        ("Sesión Ordinaria del Senado: informe enviado al Congreso General", "ordinaria"),
    ],
)  # fmt: skip
def test_a_channels_title_gives_the_same_values(title: str, value: str) -> None:
    assert recognise_session(title).session_type == value
