"""``columna('…')`` in a spec's XPath: the cells of a row under the head so named, as a
person reads a table whose columns move and whose heads are two rows (a date over «Día
| Mes | Año», documents over «Versión pública | Síntesis»). The fixture site
tests/fixtures/html_listing/columnas-encabezados is crawled over HTTP here and by
test_shapes; the cases below are the layouts real courts' and congresses' tables have."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector as Page

from config.specs import SpecError, parse_spec
from crawlers.grid import spread_rowspans
from tests.shapes.harness import FIXTURES, cases, crawl_cases

TWO_ROWS = """<table><thead>
<tr><th rowspan="2">No.</th><th colspan="3">Fecha de presentación</th>
<th rowspan="2"><a href="javascript:__doPostBack('g','Sort$Asunto')">Asunto</a></th>
<th colspan="2">Documentos</th></tr>
<tr><th>Día</th><th>Mes</th><th>Año</th><th>Gaceta</th><th>Diario</th></tr></thead>
<tbody><tr><td>12</td><td>14</td><td>Marzo</td><td>2024</td><td>Reforma a la Ley de Aguas</td>
<td><a href="g12.pdf">Gaceta</a></td><td><a href="d12.pdf">Diario</a></td></tr>
<tr><td>13</td><td colspan="3">Sin fecha</td><td>Punto de acuerdo</td><td></td>
<td><a href="d13.pdf">Diario</a></td></tr></tbody></table>"""


def _rows(html: str, spread: bool = True) -> list[Any]:
    page = Page(text=html)
    if spread:
        spread_rowspans(page.root)
    return page.xpath("//tr[td]")


def _cell(row: Any, head: str) -> str:
    return str(row.xpath(f"normalize-space(columna('{head}'))").get())


def test_a_head_over_a_second_row_of_heads_gives_each_of_its_cells() -> None:
    first, second = _rows(TWO_ROWS)
    assert [_cell(first, h) for h in ("No.", "Día", "Mes", "Año", "Asunto")] == [
        "12", "14", "Marzo", "2024", "Reforma a la Ley de Aguas",
    ]  # fmt: skip
    assert " ".join(first.xpath("columna('Fecha de presentación')/text()").getall()) == (
        "14 Marzo 2024"
    )
    assert first.xpath("columna('Diario')//a/@href").get() == "d12.pdf"
    assert first.xpath("columna('Gaceta')//a/@href").get() == "g12.pdf"
    # a cell spanning the three of the date is under each of them; an empty cell is empty
    assert _cell(second, "Día") == _cell(second, "Año") == "Sin fecha"
    assert second.xpath("columna('Gaceta')//a/@href").get() is None
    assert second.xpath("columna('Diario')//a/@href").get() == "d13.pdf"


def test_a_head_is_found_by_its_words_without_case_accents_or_its_ending() -> None:
    (first, _) = _rows(TWO_ROWS)
    assert _cell(first, "fecha de presentacion") == "14"  # the first of its cells
    assert _cell(first, "ASUNTO:") == "Reforma a la Ley de Aguas"
    assert _cell(first, "Fecha") == "14"  # by its beginning when no head is «Fecha»
    assert _cell(first, "Documentos ") == "Gaceta"


def test_no_such_head_or_a_table_without_heads_gives_no_cell() -> None:
    (first, _) = _rows(TWO_ROWS)
    assert first.xpath("columna('Ponente')") == []
    assert first.xpath("columna('')") == []
    (row,) = _rows("<table><tr><td>Fecha</td><td>Asunto</td></tr></table>")
    assert row.xpath("columna('Fecha')") == []  # places are read by places, not guessed


def test_a_head_row_is_no_row_of_values() -> None:
    page = Page(text=TWO_ROWS)
    (head,) = page.xpath("//thead/tr[1]")
    assert head.xpath("columna('Asunto')") == []


def test_a_row_of_one_court_spanning_two_keeps_its_columns() -> None:
    """A court's cell spanning two rows: the second row lacks it, and its other cells
    are still read under their own heads (the crawl repeats the spanned cell)."""
    html = (
        "<table><tr><th>Juzgado</th><th>Expediente</th><th>Fecha</th></tr>"
        "<tr><td rowspan='2'>Juzgado Primero Civil</td><td>10/2024</td><td>01/03/2024</td></tr>"
        "<tr><td>11/2024</td><td>02/03/2024</td></tr></table>"
    )
    first, second = _rows(html)
    assert [_cell(second, h) for h in ("Juzgado", "Expediente", "Fecha")] == [
        "Juzgado Primero Civil", "11/2024", "02/03/2024",
    ]  # fmt: skip
    assert _cell(first, "Expediente") == "10/2024"


def _spec(select: str) -> dict[str, Any]:
    return {
        "id": "juzgados-versiones", "kind": "sentencia", "institution": "Poder Judicial",
        "jurisdiction": "MX-MEX", "start_urls": ["https://www.pj.gob.mx/versiones/"],
        "listing": {"items": "css:tbody tr", "fields": {"expediente": select}},
    }  # fmt: skip


def test_a_spec_may_call_columna_and_no_other_unknown_function() -> None:
    parse_spec(_spec("xpath:normalize-space(columna('Expediente'))"))
    with pytest.raises(SpecError) as refused:
        parse_spec(_spec("xpath:normalize-space(columnas('Expediente'))"))
    assert "llama a una función que no existe" in str(refused.value)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = FIXTURES / "html_listing" / "columnas-encabezados"
    (case,) = [c for c in cases() if c.folder == folder]
    return crawl_cases([case], tmp_path_factory.mktemp("columnas"))[case.name]


def test_the_crawl_reads_each_field_under_its_head_on_both_pages(crawled: dict[str, Any]) -> None:
    assert crawled["runs"]["fixture-columnas-encabezados"] == {
        "errors": {}, "items": 4, "status": "ok",
    }  # fmt: skip
    docs = {d["expediente"]: d for d in crawled["documents"]}
    expected = {
        "1021/2023": ("Juzgado Primero Civil de Toluca", "2024-03-14"),
        "877/2023": ("Juzgado Primero Civil de Toluca", "2024-03-12"),  # under a spanned cell
        "455/2023": ("Juzgado Segundo Familiar de Ecatepec", "2024-03-07"),
        "312/2024": ("Juzgado Tercero Penal de Nezahualcóyotl", "2024-02-29"),  # reordered page
    }
    assert sorted(docs) == sorted(expected)
    for number, (court, day) in expected.items():
        doc = docs[number]
        assert (doc["court"], doc["resolution_date"]) == (court, day)
        # the public version's PDF, not the synthesis beside it
        (file,) = doc["files"]
        assert file["url"].endswith(f"/VP-{number.replace('/', '-')}.pdf")
