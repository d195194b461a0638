"""The catalogue's listings of sentences and initiatives on tables as legacy sites of
courts and congresses publish them: a <thead> over a <tbody>, the listing inside a
layout table, a cell's text inside <b> or a link, a file named ".PDF" or "….pdf?d=1".

Every row of data must be an item with its cells' whole text: a first row under a
<thead> was taken for a head and lost, a layout table's rows were taken for documents,
and a number in <b> was read as nothing.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector as Page

from config.specs import load_spec
from crawlers.selectors import item_link, read_fields, select
from tests.shapes.harness import REPO

CATALOGUE = REPO / "config" / "sources" / "catalogue"
BASE = "https://sitio.example.gob.mx/listado/"

# (expediente, court, date, file)
SENTENCES = [
    ("1045/2024", "Primera Sala Civil", "12/03/2025", "../vp/1045-2024.PDF"),
    ("88/2023", "Juzgado Tercero de lo Familiar", "03/02/2025", "/vp/88-2023.pdf?descarga=1"),
    ("230/2024", "Cuarta Sala Penal", "28/01/2025", "vp/230-2024.pdf"),
]


def _layout(inner: str) -> str:
    """The page chrome as a layout table (a menu row, the content row, a footer row with
    a PDF of its own) around the listing."""
    return (
        "<html><body><table width='100%'><tr><td><a href='/'>Inicio</a> | "
        "<a href='/transparencia'>Transparencia</a></td></tr>"
        f"<tr><td>{inner}</td></tr>"
        "<tr><td><a href='/aviso-de-privacidad.pdf'>Aviso de privacidad</a></td></tr>"
        "</table></body></html>"
    )


def _read(spec_id: str, page: str) -> list[dict[str, Any]]:
    spec = load_spec(CATALOGUE / f"{spec_id}.yaml")
    assert spec.listing is not None
    found = []
    for item in select(Page(text=page), spec.listing.items):
        fields = read_fields(item, spec.listing.fields, BASE)
        found.append(fields | {"link": item_link(item, spec.listing)})
    return found


def test_pj_cdmx_reads_every_row_under_its_head() -> None:
    rows = "".join(
        f"<tr><td><b>{number}</b></td><td><span>{court}</span></td><td>{day}</td>"
        f"<td><a href='{file}'>Descargar</a></td></tr>"
        for number, court, day, file in SENTENCES
    )
    table = (
        "<table class='tabla'><thead><tr><th>Expediente</th><th>Juzgado / Sala</th>"
        f"<th>Fecha</th><th>Versión pública</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    found = _read("pj-cdmx-sentencias", _layout(table))
    assert [(f["expediente"], f["court"], f["resolution_date"], f["link"]) for f in found] == [
        *SENTENCES
    ]


def test_pj_gto_reads_every_row_and_cells_in_links() -> None:
    rows = "".join(
        f"<tr><td class='expediente'><a href='{file}'>{number}</a></td>"
        f"<td class='juzgado'>{court}</td><td class='materia'> <b>Civil</b> </td>"
        f"<td class='fecha'>{day}</td></tr>"
        for number, court, day, file in SENTENCES
    )
    table = (
        "<table class='tabla resultados'><thead><tr><th>Expediente</th><th>Juzgado</th>"
        f"<th>Materia</th><th>Fecha</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    found = _read("pj-gto-sentencias", _layout(table))
    assert [(f["expediente"], f["court"], f["resolution_date"], f["link"]) for f in found] == [
        *SENTENCES
    ]
    assert {f["matter"] for f in found} == {"Civil"}


def test_congreso_gto_initiatives_skip_head_rows_and_empty_links() -> None:
    initiatives = [
        ("10/02/2025", "Iniciativa de reforma a la Ley de Educación", "ELD/LXVI/112/2025"),
        ("03/02/2025", "Iniciativa de Ley de Movilidad", "ELD/LXVI/108/2025"),
    ]
    rows = "".join(
        f"<tr><td>{day}</td><td><a href='#' class='compartir'>⤴</a> "
        f"<a href='/iniciativas/{n}'><strong>{title}</strong></a></td><td>{number}</td></tr>"
        for n, (day, title, number) in enumerate(initiatives)
    )
    table = (
        "<table><tbody><tr><th>Fecha</th><th>Iniciativa</th><th>Expediente</th></tr>"
        f"{rows}</tbody></table>"
    )
    found = _read("congreso-gto-iniciativas", _layout(table))
    assert [(f["date"], f["title"].lstrip("⤴ "), f["number"]) for f in found] == initiatives
    assert [f["link"] for f in found] == ["/iniciativas/0", "/iniciativas/1"]


def test_headings_and_dates_are_read_whole() -> None:
    """A Drupal block of the Congreso de Jalisco's transmissions and a Congreso CDMX page:
    the title a link inside the heading, the date in a <span>, a logo's empty <h1> first."""
    block = Page(
        text="<div class='views-row'><h2 class='title'>\n <a href='/node/7'>Sesión "
        "Ordinaria del Pleno</a>\n</h2><div class='fecha'>\n <span>Martes 3 de marzo de "
        "2026</span></div></div>"
    )
    spec = load_spec(CATALOGUE / "congreso-jalisco-transmisiones.yaml")
    assert spec.video_channel is not None
    (item,) = select(block, spec.video_channel.items)
    fields = read_fields(item, spec.video_channel.fields, BASE)
    assert fields == {"title": "Sesión Ordinaria del Pleno", "date": "Martes 3 de marzo de 2026"}
    page = Page(
        text="<html><body><h1 class='logo'><a href='/'><img src='logo.png'></a></h1><main>"
        "<h1><span>Iniciativa con proyecto de decreto</span></h1><p class='fecha'> "
        "<b>12 de febrero de 2026</b></p><a href='/docs/ini-12.PDF'>Documento</a></main>"
        "</body></html>"
    )
    spec = load_spec(CATALOGUE / "congreso-cdmx-sitemap.yaml")
    assert spec.detail is not None
    fields = read_fields(page, spec.detail.fields, BASE)
    assert fields == {
        "title": "Iniciativa con proyecto de decreto",
        "date": "12 de febrero de 2026",
    }
    assert select(page, spec.detail.files).getall() == ["/docs/ini-12.PDF"]
