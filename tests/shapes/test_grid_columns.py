"""The Poder Judicial de Nuevo León's grid of sentences as its other versions lay it out:
the catalogue spec reads each field from the column its head names.

Modelled on the penal grid (an ASP.NET GridView: a head row of <th>, rows of cells, a
numbered pager row holding its own table). Another matter's grid, or the penal one after
the site adds a column, puts the columns elsewhere; a fixed position would read a case
number as the date and a judge as the outcome.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector as Page

from config.specs import load_spec
from crawlers.selectors import item_link, read_fields, select
from indexer.readers.normalise import parse_date
from tests.shapes.harness import REPO

SPEC = REPO / "config" / "sources" / "catalogue" / "pj-nl-sentencias.yaml"

ROWS = [
    {"Expediente": "412/2022", "Fecha Emisión": "07/septiembre/2022", "Juez":
     "ANA LUISA TREVIÑO GARZA(Elabora)", "Delitos-Modalidades": "LESIONES",
     "Sentido del Fallo": "ABSOLUTORIO", "Sentencia": "Visor.aspx?p=AbC1"},
    {"Expediente": "97/2021", "Fecha Emisión": "30/noviembre/2022", "Juez":
     "JUAN PÉREZ LEAL(Elabora), ROSA MARTÍNEZ SOTO(Preside)", "Delitos-Modalidades":
     "ROBO CON VIOLENCIA", "Sentido del Fallo": "\xa0", "Sentencia": "Visor.aspx?p=dEf2"},
]  # fmt: skip


def _grid(columns: list[str], head: bool = True) -> str:
    """The grid with ``columns`` in that order, sortable heads (a link in each), and its
    pager row."""
    heads = "".join(
        f"<th scope='col'><a href=\"javascript:__doPostBack('g','Sort${c}')\">{c}</a></th>"
        for c in columns
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td><a href='../PDFVisor/{r[c]}'>Ver</a></td>"
            if c == "Sentencia"
            else f"<td>{r[c]}</td>"
            for c in columns
        )
        + "</tr>"
        for r in ROWS
    )
    pager = (
        f"<tr class='pagination-ys'><td colspan='{len(columns)}'><table><tr><td><span>1</span>"
        "</td><td><a href=\"javascript:__doPostBack('g','Page$2')\">2</a></td></tr></table>"
        "</td></tr>"
    )
    return (
        "<html><body><form><table id='ContentPlaceHolder1_gdvPenal'>"
        + (f"<tr>{heads}</tr>" if head else "")
        + body
        + pager
        + "</table></form></body></html>"
    )


def _read(page: str) -> list[dict[str, Any]]:
    spec = load_spec(SPEC)
    assert spec.listing is not None
    items = select(Page(text=page), spec.listing.items)
    found = []
    for item in items:
        fields = read_fields(item, spec.listing.fields, "https://www.pjenl.gob.mx/x/")
        found.append(fields | {"link": item_link(item, spec.listing)})
    return found


def _assert_rows(found: list[dict[str, Any]]) -> None:
    assert len(found) == len(ROWS)  # the pager row is no sentence
    for fields, row in zip(found, ROWS, strict=True):
        assert parse_date(fields["resolution_date"]) == parse_date(row["Fecha Emisión"])
        assert fields["title"] == (
            f"Sentencia penal: {row['Delitos-Modalidades']}, {row['Fecha Emisión']}"
        )
        assert fields.get("ponente") == row["Juez"].split("(")[0]
        assert fields.get("ruling") == (row["Sentido del Fallo"].strip() or None)
        assert fields["link"].endswith(row["Sentencia"])


# a case-number column first, the outcome before the date: every place moved
REORDERED = ["Expediente", "Sentido del Fallo", "Fecha Emisión", "Juez", "Delitos-Modalidades",
             "Sentencia"]  # fmt: skip
# the penal grid's own order (its description column left out)
PUBLISHED = ["Fecha Emisión", "Expediente", "Delitos-Modalidades", "Juez", "Sentido del Fallo",
             "Sentencia"]  # fmt: skip


def test_a_grid_with_another_column_order_is_read_by_its_heads() -> None:
    _assert_rows(_read(_grid(REORDERED)))


def test_a_grid_without_heads_is_read_by_the_columns_places() -> None:
    """As the penal grid has always been laid out: its places are its columns."""
    _assert_rows(_read(_grid(PUBLISHED, head=False)))


def test_a_head_the_grid_lacks_leaves_its_field_empty() -> None:
    """A grid that has heads but not "Sentido del Fallo": no outcome, rather than
    another column's text taken for one."""
    page = _grid(["Fecha Emisión", "Juez", "Delitos-Modalidades", "Expediente", "Sentencia"])
    found = _read(page)
    assert len(found) == len(ROWS)
    assert all(fields.get("ruling") is None for fields in found)
    assert [parse_date(f["resolution_date"]) for f in found] == [
        parse_date(r["Fecha Emisión"]) for r in ROWS
    ]
