"""A session's legislative period (the period of sessions and the year of exercise) read
from its transcript's heading: stored with its provenance, read again by ``abierto
reextract --releer`` for the sessions older readers read, filterable in the API and shown
on the session's page (a real store, a real server on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import text

from api.app import create_app
from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.readers import READERS_VERSION
from indexer.readers.session_period import period_in_heading
from indexer.reextract import reread, stale_readings
from indexer.stores import SearchQuery
from tests.uvicorn_thread import serving

# Modelled on the heads of the Senado's versiones estenográficas, the Cámara's Diario de
# los Debates (its masthead: «Año I  Primer Periodo  Ciudad de México, …»), the Comisión
# Permanente's and a state congress's extraordinary period.
SENADO = """CÁMARA DE SENADORES DE LA REPÚBLICA
LXVI LEGISLATURA
PRIMER PERIODO ORDINARIO DE SESIONES DEL SEGUNDO AÑO DE EJERCICIO
VERSIÓN ESTENOGRÁFICA DE LA SESIÓN ORDINARIA CELEBRADA EL MARTES 7 DE OCTUBRE DE 2025
EL C. PRESIDENTE SENADOR GERARDO FERNÁNDEZ NOROÑA: Se abre la sesión.
"""
DIARIO = """DIARIO DE LOS DEBATES
Año I\tPrimer Periodo\tCiudad de México, martes 1 de octubre de 2024\tSesión No. 5
-El Presidente diputado Sergio Gutiérrez Luna: Se abre la sesión.
"""
PERMANENTE = """COMISIÓN PERMANENTE
Primer Receso del Tercer Año de Ejercicio
Versión estenográfica de la sesión de la Comisión Permanente
"""
EXTRAORDINARIO = """H. CONGRESO DEL ESTADO
SEGUNDO PERIODO EXTRAORDINARIO DE SESIONES
TERCER AÑO DE EJERCICIO CONSTITUCIONAL
"""
LABEL = "Primer periodo ordinario, segundo año de ejercicio"


def test_the_heading_names_the_period_and_the_year_of_exercise() -> None:
    assert period_in_heading(SENADO) == LABEL
    assert period_in_heading(DIARIO) == "Primer periodo ordinario, primer año de ejercicio"
    assert period_in_heading(PERMANENTE) == "Primer periodo de receso, tercer año de ejercicio"
    assert (
        period_in_heading(EXTRAORDINARIO)
        == "Segundo periodo extraordinario, tercer año de ejercicio"
    )
    assert period_in_heading("Sesión del Periodo Extraordinario") == "Periodo extraordinario"
    camara = (
        "DIARIO DE LOS DEBATES\nPoder Legislativo Federal, LXVI Legislatura\n"
        "Correspondiente al Segundo Periodo de Sesiones Ordinarias del Primer Año de Ejercicio\n"
        "Año I    Ciudad de México, miércoles 12 de febrero de 2025    Sesión 8\n"
    )
    assert period_in_heading(camara) == "Segundo periodo ordinario, primer año de ejercicio"


def test_a_period_mentioned_or_contradicted_or_far_from_the_heading_is_none() -> None:
    # a court's session (the SCJN's versión taquigráfica) names no legislative period
    assert period_in_heading("VERSIÓN TAQUIGRÁFICA DE LA SESIÓN PÚBLICA ORDINARIA") is None
    # a speech mentions one
    said = "EL C. PRESIDENTE: Durante el primer periodo ordinario se aprobaron 30 dictámenes."
    assert period_in_heading(said) is None
    assert period_in_heading("Lo que se acordó en el periodo extraordinario anterior.") is None
    # two different ones: unsure; a masthead's «Primer Periodo» with no year: no period
    assert period_in_heading("PRIMER PERIODO ORDINARIO\nSEGUNDO PERIODO ORDINARIO") is None
    assert period_in_heading("Primer periodo\nSe abre la sesión.") is None
    # named after the heading's first pages: a speech's, never read
    assert period_in_heading("x\n" * 2000 + "PRIMER PERIODO ORDINARIO DE SESIONES") is None


def _session(name: str, heading: str, fields: dict[str, str] | None = None):
    return build_document(
        kind="sesion", source_id="senado", institution="Senado de la República",
        jurisdiction="MX", url=f"https://senado.example/{name}",
        fields={"title": f"Sesión ordinaria {name}", "date": "2025-10-07",
                "congress": "Congreso de la Unión", **(fields or {})},
        text=heading,
    )  # fmt: skip


def test_the_save_path_reads_it_with_its_provenance_and_keeps_a_given_one() -> None:
    doc = _session("a", SENADO)
    assert doc.period == LABEL and doc.field_sources["period"] == "heading"  # type: ignore[union-attr]
    assert doc.readers == READERS_VERSION
    given = _session("b", SENADO, {"period": "Segundo periodo ordinario"})
    assert given.period == "Segundo periodo ordinario"  # type: ignore[union-attr]
    assert given.field_sources["period"] == "listing"
    assert _session("c", "VERSIÓN TAQUIGRÁFICA DE LA SESIÓN PÚBLICA ORDINARIA").period is None  # type: ignore[union-attr]


def test_the_legislature_is_the_headings_unless_the_calendar_contradicts_it() -> None:
    doc = _session("a", SENADO)
    assert doc.legislature == "LXVI" and doc.field_sources["legislature"] == "heading"  # type: ignore[union-attr]
    # the Cámara's Diario names it in its second line
    diario = "DIARIO DE LOS DEBATES\nPoder Legislativo Federal, LXVI Legislatura\n" + DIARIO
    assert _session("d", diario).field_sources["legislature"] == "heading"
    # a heading naming the LXV for a session of October 2025 (the LXVI's): unsure, none
    wrong = _session("e", SENADO.replace("LXVI LEGISLATURA", "LXV LEGISLATURA"))
    assert wrong.legislature is None and "legislature" not in wrong.field_sources  # type: ignore[union-attr]
    # two legislatures in the heading: none read there (the calendar's stands)
    two = _session("f", "LXV LEGISLATURA\nLXVI LEGISLATURA\n" + SENADO)
    assert two.field_sources["legislature"] == "calendar"


def test_releer_fills_it_for_old_sessions_and_the_api_and_page_show_and_filter_it(
    tmp_path: Path,
) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "data"), writer=True)
    try:
        ids = {}
        for name, heading in (("senado", SENADO), ("permanente", PERMANENTE)):
            doc = _session(name, heading)
            sources = {k: v for k, v in doc.field_sources.items() if k != "period"}
            # saved as the readers before this one saved it: no period
            old = doc.model_copy(update={"period": None, "field_sources": sources}).read_by(1)
            library.add_document(old)
            ids[name] = doc.id
        with library.db.engine.begin() as connection:
            connection.execute(text("UPDATE documents SET readers = 1"))
        library.flush()
        assert library.db.get_document(ids["senado"]).period is None  # type: ignore[union-attr]
        assert stale_readings(library.db) == 2

        tally = reread(library)
        assert (tally.reextracted, tally.failed) == (2, 0)
        library.flush()
        stored = library.db.get_document(ids["senado"])
        assert stored.period == LABEL and stored.field_sources["period"] == "heading"  # type: ignore[union-attr]
        assert stale_readings(library.db) == 0
        found = library.search(SearchQuery(filters={"period": [LABEL.upper()]}))
        assert [hit.id for hit in found.hits] == [ids["senado"]]

        with serving(create_app(library)) as url:
            # the API's filter, its Spanish label written any case, with or without accents
            asked = "primer periodo ordinario, segundo ano de ejercicio"
            got = httpx.get(f"{url}/v1/sessions", params={"period": asked}).json()
            assert [s["id"] for s in got["sessions"]] == [ids["senado"]]
            assert got["sessions"][0]["period"] == LABEL
            other = httpx.get(f"{url}/v1/sessions", params={"period": "Periodo extraordinario"})
            assert other.json()["total"] == 0
            every = httpx.get(f"{url}/v1/sessions").json()
            assert {s["id"]: s["period"] for s in every["sessions"]} == {
                ids["senado"]: LABEL,
                ids["permanente"]: "Primer periodo de receso, tercer año de ejercicio",
            }
            search = httpx.get(f"{url}/v1/search", params={"periodo": "x"})
            assert search.status_code == 422  # (a Spanish name is no filter parameter)
            typed = httpx.get(f"{url}/v1/search", params={"q": f'periodo:"{LABEL}"'}).json()
            assert [hit["id"] for hit in typed["hits"]] == [ids["senado"]]
            page = httpx.get(f"{url}/d/{ids['senado']}")
            assert page.status_code == 200
            assert "Periodo" in page.text and LABEL in page.text
            # and on the session's card in the finder
            cards = httpx.get(f"{url}/sesiones", params={"congreso": "Congreso de la Unión"})
            assert cards.status_code == 200 and f"LXVI Legislatura · {LABEL}" in cards.text
    finally:
        library.close()
