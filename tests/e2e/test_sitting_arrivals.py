"""A day of two sittings crawled from a congress's sessions table and its Diario de los
Debates, by the crawler as it runs (a fixture server on 127.0.0.1, the real store): the
table's no. 174 «Ordinaria» and no. 173 «Ordinaria Vespertina» of one date, and a Diario
of that date that names no sitting (its number counted in its period, or none). Whichever
source is crawled first, the Diario joins neither sitting: it stays its own document (a
duplicate at worst, never folded into the wrong session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

TABLE = """
id: tabla-sesiones
kind: sesion
institution: Senado de la República
jurisdiction: MX
start_urls: ["${ABIERTO_SAMPLES_URL}/sesiones.html"]
listing:
  items: "css:tr.sesion"
  link: "css:a::attr(href)"
  fields:
    session_number: "css:td.no::text"
    date: "css:td.fecha::text"
    session_type: "css:td.tipo::text"
identity: {scope: senado-prueba, key: [date, session_type]}
"""
DIARIO = """
id: diario-debates
kind: sesion
institution: Senado de la República
jurisdiction: MX
start_urls: ["${ABIERTO_SAMPLES_URL}/diario.html"]
listing:
  items: "css:tr.diario"
  link: "css:a::attr(href)"
  fields:
    date: "css:td.fecha::text"
    session_type: "css:td.tipo::text"
identity: {scope: senado-prueba, key: [date, session_type]}
"""
DAY = "Miércoles 08 de abril de 2026"
ROWS = (("174", "Ordinaria"), ("173", "Ordinaria Vespertina"))
HEADINGS = {
    "period-number": "SEGUNDO PERIODO ORDINARIO DE SESIONES\n"
    "SESIÓN No. 8, CELEBRADA EL 8 DE ABRIL DE 2026",
    "no-number": "SESIÓN CELEBRADA EL 8 DE ABRIL DE 2026",
}


def _site(www: Path, heading: str) -> None:
    rows = "".join(
        f'<tr class="sesion"><td class="no">{n}</td><td class="fecha">{DAY}</td>'
        f'<td class="tipo">{kind}</td>'
        f'<td><a href="/ve/{n}.html">Versión Estenográfica</a></td></tr>'
        for n, kind in ROWS
    )
    (www / "sesiones.html").write_text(f"<html><body><table>{rows}</table></body></html>")
    (www / "ve").mkdir()
    for number, kind in ROWS:
        (www / "ve" / f"{number}.html").write_text(
            f"<html><body><h1>Versión estenográfica de la sesión {kind.lower()} del 8 de abril "
            "de 2026</h1><p>-La Presidenta Senadora Ana Ruiz López: Se abre la sesión.</p>"
            "</body></html>"
        )
    (www / "diario.html").write_text(
        '<html><body><table><tr class="diario"><td class="fecha">'
        f'{DAY}</td><td class="tipo">Ordinaria</td><td><a href="/diario/8-abril.html">Diario'
        "</a></td></tr></table></body></html>"
    )
    (www / "diario").mkdir()
    body = "".join(f"<p>{line}</p>" for line in heading.splitlines())
    (www / "diario" / "8-abril.html").write_text(
        "<html><body><h1>DIARIO DE LOS DEBATES</h1>"
        f"{body}<p>-La Presidenta Senadora Ana Ruiz López: Se abre la sesión.</p>"
        "<p>-El Senador Tomás Pineda Alcalá: Con su venia.</p></body></html>"
    )


@pytest.mark.parametrize("heading", sorted(HEADINGS))
@pytest.mark.parametrize("first", ["diario-debates", "tabla-sesiones"])
def test_the_diario_joins_neither_sitting_whichever_source_is_crawled_first(
    tmp_path: Path, heading: str, first: str
) -> None:
    www, specs = tmp_path / "www", tmp_path / "specs"
    www.mkdir()
    specs.mkdir()
    (specs / "tabla.yaml").write_text(TABLE)
    (specs / "diario.yaml").write_text(DIARIO)
    _site(www, HEADINGS[heading])
    order = [first, *({"diario-debates", "tabla-sesiones"} - {first})]
    with FixtureServer(www) as server:
        for source in order:
            done = run_abierto(tmp_path / "data", server.url, specs, "--source", source)
            assert done.returncode == 0, done.stdout + done.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        docs = {
            link.url.rsplit("/", 1)[-1]: {s.source_id for s in doc.sources}
            for doc in db.iter_documents()
            for link in doc.sources
        }
        sittings = {d.session_number: d.sitting for d in db.iter_documents()}
    finally:
        db.close()
    assert docs == {
        "174.html": {"tabla-sesiones"},
        "173.html": {"tabla-sesiones"},
        "8-abril.html": {"diario-debates"},
    }
    assert sittings.get("173") == "vespertina" and sittings.get("174") is None
