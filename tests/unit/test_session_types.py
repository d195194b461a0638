"""A session's type is one value whatever the page writes around it: the Senado's
sessions table writes «Junta Previa» in one row and a page «Sesión de Junta Previa» in
another, the Diputados' Diario «SESIÓN PÚBLICA ORDINARIA VESPERTINA»; a citizen filtering
or faceting by type must find each session under one entry, not half of them under each
of two. A type the readers do not know is none (never a guess, never its raw text as a
second value), and a label naming two kinds of sitting stays none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from api.app import create_app
from api.routers.pages.common import session_kind, value_label
from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.readers import READERS_VERSION
from indexer.readers.plausibility import implausible
from indexer.readers.sessions import recognise_session
from indexer.reextract import reread, stale_readings
from indexer.stores import SearchQuery
from tests.uvicorn_thread import serving

SENATE = {"congress": "Congreso de la Unión", "chamber": "Senado de la República"}

WRITTEN = {
    "junta_previa": ["Junta Previa", "Sesión de Junta Previa", "SESIÓN DE JUNTA PREVIA",
                     "sesion de junta previa", "Sesión  de la Junta Previa", "junta_previa"],
    "congreso_general": ["Congreso General", "Sesión de Congreso General",
                         "Sesión del Congreso General", "Sesión Solemne de Congreso General",
                         "congreso_general"],
    "ordinaria": ["Ordinaria", "Sesión Ordinaria", "Sesión Pública Ordinaria",
                  "SESIÓN PÚBLICA ORDINARIA VESPERTINA", "Ordinaria Matutina"],
    "extraordinaria": ["Extraordinaria", "Sesión Extraordinaria", "Sesiones Extraordinarias"],
    "solemne": ["Solemne", "Sesión Solemne", "SESIÓN SOLEMNE",
                # the period's plural is no second kind
                "Sesión Solemne de apertura del periodo de sesiones ordinarias"],
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


def test_releer_gives_old_sessions_the_type_and_the_finder_files_them_under_one_entry(
    tmp_path: Path,
) -> None:
    """A channel's session whose title names the Junta Previa was stored by the readers
    before with no type; the Senado's row writes «Junta Previa». After ``abierto
    reextract --releer`` both are one facet entry, and the sessions page filters by it
    (before: «Elija un tipo de sesión de la lista»)."""
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        titled = build_document(
            kind="sesion", source_id="senado-canal", institution="Senado de la República",
            jurisdiction="MX", url="https://video.example/v/1", text="",
            fields=SENATE | {"title": "🔴 EN VIVO | Sesión de Junta Previa del Senado de la "
                                      "República, 30 de enero de 2026"},
            origins=dict.fromkeys(("congress", "chamber"), "spec"),
        )  # fmt: skip
        assert titled.session_type == "junta_previa"  # type: ignore[union-attr]
        assert titled.field_sources["session_type"] == "title"
        sources = {k: v for k, v in titled.field_sources.items() if k != "session_type"}
        # saved as the readers before this one saved it: no type
        old = titled.model_copy(update={"session_type": None, "field_sources": sources})
        library.add_document(old.read_by(READERS_VERSION - 1))
        row = session({"date": "31/01/2026", "session_type": "Junta Previa"})
        library.add_document(row)
        with library.db.engine.begin() as connection:
            connection.execute(text(f"UPDATE documents SET readers = {READERS_VERSION - 1} "
                                    f"WHERE id = '{titled.id}'"))  # fmt: skip
        library.flush()
        assert stale_readings(library.db) == 1

        tally = reread(library)
        assert (tally.reextracted, tally.failed) == (1, 0)
        library.flush()
        assert library.db.get_document(titled.id).session_type == "junta_previa"  # type: ignore[union-attr]
        found = library.search(SearchQuery(filters={"kind": ["sesion"]}))
        facet = [(f.value, f.count) for f in found.facets["session_type"]]
        assert facet == [("junta_previa", 2)]

        with serving(create_app(library)) as url:
            page = httpx.get(
                f"{url}/sesiones",
                params={"congreso": "Congreso de la Unión", "tipo": "junta_previa"},
            )
            assert page.status_code == 200, page.text[-500:]
            assert "Elija un tipo de sesión" not in page.text
            assert '<option value="junta_previa" selected>Junta previa</option>' in page.text
            assert titled.id in page.text and row.id in page.text
            typed = httpx.get(f"{url}/v1/search", params={"q": 'tipo_sesion:"junta previa"'})
            assert {hit["id"] for hit in typed.json()["hits"]} == {titled.id, row.id}
    finally:
        library.close()
