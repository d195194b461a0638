"""Every catalogue spec that reads a table's columns reads each field under its head, as
a person does, never by the column's place: a court that moves its columns, or adds one
(a publication date beside the resolution's, a row number first), must not see a date
stored as the expediente or a judge as the title. A head the table lacks leaves the
field empty (a wrong value is worse than none).

Each table listing of ``config/sources/catalogue`` is read, with its own items and
fields selectors, over the same rows printed in the published order and in others."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from parsel import Selector as Page

from config.specs import load_spec
from crawlers.selectors import read_fields, select

CATALOGUE = Path(__file__).resolve().parents[2] / "config" / "sources" / "catalogue"
# a cell read by its place, not guarded by "this table has no heads"
_PLACE = re.compile(r"\btd\[\s*\d+\s*\](?!\[not\(ancestor::table\[1\]//th\)\])")


def _table(heads: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<html><body><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _read(source_id: str, html: str) -> list[dict[str, object]]:
    spec = load_spec(CATALOGUE / f"{source_id}.yaml")
    assert spec.listing is not None
    page = Page(text=html)
    return [
        read_fields(row, spec.listing.fields, "https://ejemplo.gob.mx/")
        for row in select(page, spec.listing.items)
    ]


SENTENCE = {
    "Expediente": "<b>1045/2024</b>",
    "Juzgado / Sala": "Primera Sala Civil",
    "Fecha de resolución": "12/03/2025",
    "Fecha de publicación": "20/03/2025",
    "No.": "7",
    "Versión pública": '<a href="vp/1045-2024.pdf">Descargar</a>',
}
ORDERS = {
    "publicado": ["Expediente", "Juzgado / Sala", "Fecha de resolución", "Versión pública"],
    "fecha primero": ["Fecha de resolución", "Expediente", "Juzgado / Sala", "Versión pública"],
    "columna añadida": ["No.", "Fecha de publicación", "Juzgado / Sala", "Expediente",
                        "Fecha de resolución", "Versión pública"],
}  # fmt: skip


@pytest.mark.parametrize("order", list(ORDERS))
def test_a_sentence_keeps_its_fields_whatever_the_columns_order(order: str) -> None:
    heads = ORDERS[order]
    [item] = _read("pj-cdmx-sentencias", _table(heads, [[SENTENCE[h] for h in heads]]))
    assert item["expediente"] == "1045/2024"
    assert item["court"] == "Primera Sala Civil"
    assert item["resolution_date"] == "12/03/2025"


def test_a_column_the_table_lacks_is_left_empty_not_filled_from_another() -> None:
    heads = ["Fecha de publicación", "Juzgado", "Documento"]
    [item] = _read("pj-cdmx-sentencias", _table(heads, [["20/03/2025", "Sala", "x.pdf"]]))
    assert "expediente" not in item
    assert item["court"] == "Sala"


INITIATIVE = {
    "Fecha": "10/02/2025",
    "Iniciativa": '<a href="i/0.html">Iniciativa de reforma a la Ley de Educación</a>',
    "Expediente": "ELD/LXVI/112/2025",
    "Presentada por": "Diputada Ana Pérez",
}


@pytest.mark.parametrize(
    "heads",
    [["Fecha", "Iniciativa", "Expediente"],
     ["Expediente", "Presentada por", "Iniciativa", "Fecha"]],
)  # fmt: skip
def test_an_initiative_keeps_its_fields_whatever_the_columns_order(heads: list[str]) -> None:
    [item] = _read("congreso-gto-iniciativas", _table(heads, [[INITIATIVE[h] for h in heads]]))
    assert item["title"] == "Iniciativa de reforma a la Ley de Educación"
    assert item["date"] == "10/02/2025"
    assert item["number"] == "ELD/LXVI/112/2025"


@pytest.mark.parametrize("path", sorted(CATALOGUE.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_catalogue_field_reads_a_cell_by_its_place(path: Path) -> None:
    spec = load_spec(path)
    pages = [spec.listing, spec.detail]
    for rules in [p for p in pages if p is not None]:
        for name, selector in rules.fields.items():
            assert not _PLACE.search(selector.expression), f"{path.stem}: {name}"


NL_TWO_ROW_HEAD = """<table id="ContentPlaceHolder1_gdvPenal">
<tr><th rowspan="2">Juez</th><th colspan="2">Fechas</th><th rowspan="2">Delitos-Modalidades</th>
<th rowspan="2">Sentido del Fallo</th><th rowspan="2">Ver</th></tr>
<tr><th>Fecha Emisión</th><th>Fecha Publicación</th></tr>
<tr><td>ANA PÉREZ(Elabora)</td><td>01/marzo/2021</td><td>18/marzo/2021</td><td>ROBO</td>
<td>CONDENATORIA</td><td><a href="Visor.aspx?p=1">Ver</a></td></tr></table>"""


def test_a_grid_whose_date_head_is_in_a_second_row_reads_the_date_not_the_judge() -> None:
    [item] = _read("pj-nl-sentencias", NL_TWO_ROW_HEAD)
    assert item["resolution_date"] == "01/marzo/2021"
    assert item["ponente"] == "ANA PÉREZ"
    assert item["ruling"] == "CONDENATORIA"
    assert item["title"] == "Sentencia penal: ROBO, 01/marzo/2021"


SENADO_TWO_ROW_HEAD = """<table><thead>
<tr><th rowspan="2">No.</th><th colspan="2">Sesión</th><th rowspan="2">Documentos</th></tr>
<tr><th>Tipo</th><th>Fecha de Sesión</th></tr></thead><tbody>
<tr><td>182</td><td>Ordinaria</td><td>Miércoles 06 de mayo de 2026</td>
<td><a href="e.pdf">Versión Estenográfica</a></td></tr></tbody></table>"""


def test_a_session_table_whose_date_head_is_in_a_second_row_reads_the_date() -> None:
    [item] = _read("senado-sesiones", SENADO_TWO_ROW_HEAD)
    assert item["date"] == "Miércoles 06 de mayo de 2026"
    assert item["session_type"] == "Ordinaria"
    assert item["session_number"] == "182"
