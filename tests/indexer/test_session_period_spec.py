"""A session's legislative period published apart (a listing's column, a spec's constant)
is a field of a source spec, read through the heading's reader (its label, none when it
names no period or two), and /sesiones filters by it: a listing served from 127.0.0.1,
crawled with ``abierto crawl``, its store served by uvicorn."""

from __future__ import annotations

import httpx
import pytest

from api.app import create_app
from config.settings import Settings
from config.specs import SourceSpec
from indexer.db.tables import DocumentRow
from indexer.library import Library
from indexer.readers.session_period import normalise_period
from samples.server import serve
from tests.e2e.helpers import run_crawl
from tests.uvicorn_thread import serving

LABEL = "Primer periodo ordinario, segundo año de ejercicio"
RECESS = "Primer periodo de receso, segundo año de ejercicio"
CONGRESS = "Congreso del Estado de Prueba"
SPEC = f"""
id: congreso-prueba
kind: sesion
institution: {CONGRESS}
jurisdiction: MX-OAX
start_urls: ["${{ABIERTO_SAMPLES_URL}}/sesiones.html"]
constants:
  congress: {CONGRESS}
listing:
  items: "css:tr.fila"
  link: "css:a::attr(href)"
  fields:
    title: "css:td.titulo::text"
    date: "css:td.fecha::text"
    period: "css:td.periodo::text"
"""
# as state congresses' tables write the period column
ROWS = [
    ("Sesión ordinaria 1", "2025-10-07", "1er. Periodo Ordinario, 2° Año de Ejercicio"),
    ("Sesión ordinaria 2", "2025-10-14",
     "PRIMER PERIODO ORDINARIO DE SESIONES DEL SEGUNDO AÑO DE EJERCICIO"),
    ("Sesión de la Diputación Permanente 3", "2026-01-14", "Primer Receso, Año II"),
    # two periods in one cell: unsure, none
    ("Sesión 4", "2025-10-21", "Primer periodo ordinario / Segundo periodo extraordinario"),
]  # fmt: skip


def test_a_published_period_reads_as_the_headings_label_or_none() -> None:
    assert normalise_period("1er. Periodo Ordinario, 2° Año de Ejercicio") == LABEL
    assert normalise_period("Año II, Primer Periodo") == LABEL
    assert normalise_period(LABEL) == LABEL
    assert normalise_period("Primer Receso, Año II") == RECESS
    assert normalise_period("Sesión 3 periodo extraordinario") == "Periodo extraordinario"
    assert normalise_period("Primer periodo ordinario / Segundo periodo extraordinario") is None
    assert normalise_period("LXVI Legislatura") is None


def test_period_is_a_field_of_a_sessions_spec_not_of_a_sentences() -> None:
    spec = {
        "id": "congreso-c", "kind": "sesion", "institution": CONGRESS, "jurisdiction": "MX-OAX",
        "start_urls": ["http://127.0.0.1:9/"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)",
                    "fields": {"period": "css:td.periodo::text"}},
    }  # fmt: skip
    assert SourceSpec.model_validate(spec).listing.fields["period"]  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="not a field of a sentencia"):
        SourceSpec.model_validate(spec | {"kind": "sentencia"})


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("periodo")
    www, specs = folder / "www", folder / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "congreso.yaml").write_text(SPEC, encoding="utf-8")
    cells = "".join(
        f'<tr class="fila"><td class="titulo">{title}</td><td class="fecha">{date}</td>'
        f'<td class="periodo">{period}</td><td><a href="s{n}.html">ver</a></td></tr>'
        for n, (title, date, period) in enumerate(ROWS)
    )
    (www / "sesiones.html").write_text(
        f'<html><head><meta charset="utf-8"></head><body><table>{cells}</table></body></html>',
        encoding="utf-8",
    )
    for n, (title, _date, _period) in enumerate(ROWS):
        (www / f"s{n}.html").write_text(
            f'<html><head><meta charset="utf-8"></head><body><h1>{title}</h1>'
            "<p>Se abre la sesión y se da lectura al orden del día.</p></body></html>",
            encoding="utf-8",
        )
    with serve(www) as server:
        result = run_crawl(folder / "data", server.url, sources_dir=specs)
    # the cell naming two periods is dropped and said in the crawl's report (exit 3)
    assert result.returncode == 3, result.stdout[-2000:] + result.stderr[-2000:]
    assert "'Primer periodo ordinario / Segundo periodo extraordinario' de period" in result.stdout
    opened = Library.open(Settings(data_dir=folder / "data"), writer=True)
    yield opened
    opened.close()


def _periods(library: Library) -> dict[str, str | None]:
    with library.db.session() as s:
        ids = [row.id for row in s.query(DocumentRow).all()]
    docs = library.db.get_documents(ids)
    return {doc.title: doc.period for doc in docs.values()}  # type: ignore[union-attr]


def test_the_crawl_stores_each_published_period_as_its_label(library: Library) -> None:
    assert _periods(library) == {
        "Sesión ordinaria 1": LABEL,
        "Sesión ordinaria 2": LABEL,
        "Sesión de la Diputación Permanente 3": RECESS,
        "Sesión 4": None,
    }


def test_the_finder_page_filters_by_period(library: Library) -> None:
    with serving(create_app(library)) as url:
        page = httpx.get(f"{url}/sesiones")
        assert page.status_code == 200
        # the form offers the periods the library holds
        assert '<select name="periodo">' in page.text
        assert f'<option value="{LABEL}">{LABEL}</option>' in page.text
        assert f'<option value="{RECESS}">' in page.text
        chosen = httpx.get(f"{url}/sesiones", params={"periodo": LABEL})
        assert chosen.status_code == 200
        assert "Sesión ordinaria 1" in chosen.text and "Sesión ordinaria 2" in chosen.text
        assert "Diputación Permanente 3" not in chosen.text and "Sesión 4<" not in chosen.text
        assert f'<option value="{LABEL}" selected>' in chosen.text
        # written as a heading or a column writes it, any case: the same period
        typed = httpx.get(f"{url}/sesiones", params={"periodo": "1er periodo ordinario, año II"})
        assert typed.status_code == 200 and "Sesión ordinaria 1" in typed.text
        assert "Diputación Permanente 3" not in typed.text
        # the month links carry it on
        assert "periodo=Primer+periodo+ordinario" in typed.text
        # a period no session is placed in is said, not ignored
        none = httpx.get(f"{url}/sesiones", params={"periodo": "Tercer periodo extraordinario"})
        assert none.status_code == 400
        assert "no tiene sesiones del periodo «Tercer periodo extraordinario»" in none.text
