"""A listing's dates as Mexican sites write them (``18.mar.21``, ``18-MZO-21``,
``18 de mzo. de 2021``, ``1o. de abril de 2024``…) are read by a real crawl into each
document's date; a day no calendar has stays empty and the crawl says why, and so does a
cell with more date parts than one date has (two days, a range, two dates)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crawlers.causas import error_mensaje
from indexer.db import Database
from tests.shapes.harness import run_abierto
from tests.shapes.server import FixtureServer

SPEC = """
id: listado-fechas
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:li"
  link: "css:a::attr(href)"
  fields: {expediente: "css:span.exp::text", resolution_date: "css:span.fecha::text"}
"""
ROWS = [
    ("1/2021", "18.mar.21", dt.date(2021, 3, 18)),
    ("2/2021", "19-MZO-21", dt.date(2021, 3, 19)),
    ("3/2021", "22/MZO/2021", dt.date(2021, 3, 22)),
    ("4/2021", "23 de mzo. de 2021", dt.date(2021, 3, 23)),
    ("5/2021", "7-SEPT-21", dt.date(2021, 9, 7)),
    ("6/2021", "8/SET/2021", dt.date(2021, 9, 8)),
    ("7/2021", "9-Dic-21", dt.date(2021, 12, 9)),
    ("8/2024", "1o. de abril de 2024", dt.date(2024, 4, 1)),
    ("9/2024", "primero de abril de dos mil veinticuatro", dt.date(2024, 4, 1)),
    ("10/2021", "03/04/21", dt.date(2021, 4, 3)),
    ("11/2021", "31.feb.21", None),
    # more date parts than one date has: a day glued before a code's date, a range, two
    # dates in one cell; the first date found would be a guess (it read 5 March)
    ("12/2021", "1.5.mar.21", None),
    ("13/2021", "del 1 al 5 de marzo de 2021", None),
    ("14/2021", "18/03/2021 19/03/2021", None),
]


def _site(root: Path) -> None:
    root.mkdir(parents=True)
    items = "".join(
        f'<li><span class="exp">{exp}</span> <span class="fecha">{day}</span> '
        f'<a href="s-{exp.replace("/", "-")}.html">ver</a></li>'
        for exp, day, _ in ROWS
    )
    (root / "listado.html").write_text(f"<html><body><ul>{items}</ul></body></html>")
    for exp, _, _ in ROWS:
        page = f"<html><body><main>Sentencia del expediente {exp}</main></body></html>"
        (root / f"s-{exp.replace('/', '-')}.html").write_text(page)


def test_a_listing_dated_as_mexican_sites_write_it(tmp_path: Path) -> None:
    _site(tmp_path / "www")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "listado.yaml").write_text(SPEC)
    with FixtureServer(tmp_path / "www") as server:
        result = run_abierto(tmp_path / "data", server.url, specs)
    assert result.returncode == 3, result.stdout + result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        dates = {doc.expediente: doc.resolution_date for doc in db.iter_documents()}
        errors = db.list_runs("listado-fechas")[0].errors
    finally:
        db.close()
    assert dates == {exp: day for exp, _, day in ROWS}
    refused = errors["implausible_field"]
    assert refused["count"] == 4, errors
    by_value = {m.split("'")[1]: m for m in (e["message"] for e in refused["examples"])}
    message, glued, ranged, two = (
        by_value[v]
        for v in ("31.feb.21", "1.5.mar.21", "del 1 al 5 de marzo de 2021", "18/03/2021 19/03/2021")
    )
    assert message == "resolution_date: '31.feb.21' is a day no calendar has (31/02/2021)"
    assert error_mensaje("implausible_field", glued) == (
        "se descartó el valor '1.5.mar.21' de resolution_date: tiene más partes de fecha de "
        "las que tiene una fecha («1.5.mar.21»: un intervalo o dos fechas); no se adivina "
        "cuál, el campo queda vacío"
    )
    assert "«1 al 5 de marzo de 2021»" in error_mensaje("implausible_field", ranged)
    assert error_mensaje("implausible_field", two) == (
        "se descartó el valor '18/03/2021 19/03/2021' de resolution_date: escribe más de una "
        "fecha (18/03/2021 y 19/03/2021); no se elige una, el campo queda vacío"
    )
    said = error_mensaje("implausible_field", message)
    assert said == (
        "se descartó el valor '31.feb.21' de resolution_date: ese día no existe en el "
        "calendario (31/02/2021), el campo queda vacío"
    )
