"""The Senado's sessions table as other versions of it are laid out: the catalogue's
specs read each field from the column its head names, not from a fixed position.

Modelled on the real /66/sesiones/ table (No., Fecha de Sesión, Sesión, Documentos de la
Sesión, a nested table of links per row); the variants are those legacy and redesigned
pages of legislatures show: columns in another order, no <thead>/<tbody>, a heading row
per period that spans the table, the row's number in a <th>, a head cell spanning two.
"""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector as Page

from config.specs import load_spec
from crawlers.selectors import item_link, read_fields, select
from indexer.readers.normalise import parse_date
from tests.shapes.harness import REPO

CATALOGUE = REPO / "config" / "sources" / "catalogue"
BASE = "https://www.senado.gob.mx/66/sesiones/"

# (number, date cell, type cell, gazette path, transcript path)
SESSIONS = [
    ("12", "Martes 3 de febrero de 2026", "Ordinaria", "gaceta_del_senado/2026_02_03/41",
     "version_estenografica/2026_02_03/501"),
    ("11", "Martes 3 de febrero de 2026", "Ordinaria Vespertina",
     "gaceta_del_senado/2026_02_03/41", "version_estenografica/2026_02_03/502"),
    ("10", "Miércoles 14 de enero de 2026", "Comisión Permanente",
     "gaceta_comision_permanente/2026_01_14/40", "version_estenografica/2026_1_14/500"),
]  # fmt: skip


def _documents(gazette: str, transcript: str) -> str:
    return (
        '<td style="padding: 0;"><table class="table"><tr>'
        f'<td><a href="../{gazette}">Gaceta</a></td>'
        f'<td><a href="/66/{transcript}">Versión Estenográfica</a></td>'
        '<td><a href="/66/asistencias/x">Asistencia</a> | '
        '<a href="/66/votaciones/x">Votaciones</a></td>'
        "</tr></table></td>"
    )


def _reordered() -> str:
    """Date first, no <thead> nor <tbody>, the number in a row-header cell, a period's
    heading row across the table."""
    rows = [
        f"<tr><td>{day}</td><th scope='row'>{no}</th><td>{kind}</td>{_documents(g, t)}</tr>"
        for no, day, kind, g, t in SESSIONS
    ]
    rows.insert(2, '<tr><td colspan="4"><strong>Primer Receso</strong></td></tr>')
    return (
        "<table class='table'><tr><th>Fecha de Sesi&oacute;n</th><th>No.</th>"
        "<th>Sesi&oacute;n</th><th>Documentos de la Sesi&oacute;n</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _spanned_head() -> str:
    """A <thead> of two rows whose first cell, blank, spans two columns (an icon and a
    button), the rows in a <tbody> inside a layout table."""
    rows = "".join(
        f"<tr><td><img src='i.png'></td><td><a href='#'>Ver</a></td><td>{no}</td>"
        f"<td>{kind}</td><td>{day}</td>"
        f"{_documents(g, t)}</tr>"
        for no, day, kind, g, t in SESSIONS
    )
    return (
        "<table><tr><td><table class='table'><thead>"
        "<tr><th colspan='2' rowspan='2'></th><th rowspan='2'>No.</th><th rowspan='2'>Sesión</th>"
        "<th rowspan='2'>Fecha de Sesión</th><th>Documentos de la Sesión</th></tr>"
        f"<tr><th>Gaceta, Versión, Asistencia</th></tr></thead><tbody>{rows}</tbody>"
        "</table></td></tr></table>"
    )


def _rows(spec_name: str, table: str) -> list[tuple[dict[str, Any], str | None]]:
    spec = load_spec(CATALOGUE / f"{spec_name}.yaml")
    assert spec.listing is not None
    page = Page(
        text=f"<html><body><nav><a href='/66/sesiones'>Todas</a></nav>{table}</body></html>"
    )
    return [
        (read_fields(item, spec.listing.fields, BASE), item_link(item, spec.listing))
        for item in select(page, spec.listing.items)
    ]


@pytest.mark.parametrize("table", [_reordered, _spanned_head])
def test_sessions_read_by_their_column_heads(table: Any) -> None:
    rows = _rows("senado-sesiones", table())
    assert [fields["session_number"] for fields, _ in rows] == [s[0] for s in SESSIONS]
    for (fields, link), (_, day, kind, _, transcript) in zip(rows, SESSIONS, strict=True):
        assert parse_date(fields["date"]) == parse_date(day)
        assert fields["session_type"] == kind
        assert link == f"/66/{transcript}"


@pytest.mark.parametrize("table", [_reordered, _spanned_head])
def test_gazette_titles_read_by_their_column_heads(table: Any) -> None:
    rows = _rows("senado-gaceta", table())
    titles = [fields["title"] for fields, _ in rows]
    assert titles == [
        "Gaceta del Senado: sesión Ordinaria del Martes 3 de febrero de 2026",
        "Gaceta del Senado: sesión Ordinaria Vespertina del Martes 3 de febrero de 2026",
        "Gaceta de la Comisión Permanente: sesión del Miércoles 14 de enero de 2026",
    ]
    assert [parse_date(fields["date"]) for fields, _ in rows] == [
        parse_date(day) for _, day, _, _, _ in SESSIONS
    ]


def test_a_table_without_the_type_head_gives_no_type() -> None:
    """A column the spec looks for by its head and the page does not have is an empty
    field (the row then counted as lacking it), not the first column's number."""
    table = _reordered().replace("<th>Sesi&oacute;n</th>", "<th>Documento</th>")
    rows = _rows("senado-sesiones", table)
    assert len(rows) == len(SESSIONS)
    assert all(fields.get("session_type") is None for fields, _ in rows)
