"""A listing published as a CSV table, as courts export their sentences (the Poder
Judicial de Nuevo León's penal export: Spanish headers with accents, dates written
«18/marzo/2021», the link to each sentence's viewer in the last cell). A spec says
``json_api: {format: csv}`` and names the columns as paths (``fecha_emision``); before,
no shape could read a table: the export was a dead end or had to be scraped from the
grid it mirrors, page by postback page.

The case ``tests/fixtures/json_api/pj-nl-csv`` (Windows-1252 served without a charset,
a quoted comma, a blank row and a repeated header, one row without its link) is crawled
with ``abierto crawl`` on 127.0.0.1; the saved copy of the real export (``../shared``)
is served the way Windows exports write it (Windows-1252, ``;`` between cells, a
``sep=;`` line)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from config.settings import Settings
from config.specs import SourceSpec, SpecError, load_spec
from crawlers.causas import error_mensaje
from crawlers.formats.csv_table import csv_records
from crawlers.preview import preview
from indexer.db import Database
from indexer.readers.normalise import parse_date
from tests.shapes.harness import FIXTURES, Case, crawl_cases, run_abierto
from tests.shapes.server import FixtureServer
from tests.shapes.test_real_copies import REAL

CASE = Case(FIXTURES / "json_api" / "pj-nl-csv")
REAL_HOST = "https://www.pjenl.gob.mx"
REAL_ROWS = 25
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return crawl_cases([CASE], tmp_path_factory.mktemp("csv"))[CASE.name]


def test_each_row_of_the_export_is_a_sentence_with_its_viewer_text(found: dict[str, Any]) -> None:
    docs = {d["resolution_date"]: d for d in found["documents"]}
    assert sorted(docs) == ["2021-03-04", "2021-03-10", "2021-03-18"]
    # the quoted comma stays in its cell; Windows-1252 read as such, not as UTF-8
    tentativa = docs["2021-03-10"]
    assert tentativa["title"] == "Sentencia penal: ROBO, EN GRADO DE TENTATIVA, 10/marzo/2021"
    assert tentativa["ruling"] == "absolutorio" and tentativa["matter"] == "penal"
    assert "robo en grado de tentativa" in tentativa["text_start"]
    assert tentativa["url"].endswith("/PDFVisor/Visor.aspx?p=6IQayxSG+vKF/aLn2=")
    run = found["runs"]["fixture-pj-nl-csv"]
    # the repeated header and the blank row are no records; the unpublished one is said
    assert run["items"] == 3 and run["errors"] == {"missing_link": 1}, run


def test_extracted_as_expected(found: dict[str, Any]) -> None:
    expected = json.loads(Path(CASE.expected_path).read_text(encoding="utf-8"))
    assert found == expected


def test_the_preview_shows_what_the_crawl_stores(tmp_path: Path, found: dict[str, Any]) -> None:
    spec_text = (CASE.folder / "spec.yaml").read_text(encoding="utf-8")
    with FixtureServer(FIXTURES) as server:
        data = yaml.safe_load(spec_text.replace("${ABIERTO_SAMPLES_URL}", server.url))
        spec = SourceSpec.model_validate(data)
        shown = preview(spec, Settings(allow_loopback=True, data_dir=tmp_path), time_limit_s=120)
    stored = {
        d["url"].replace("{base}", server.url): d for d in found["documents"]
    }  # fmt: skip
    assert shown["documents"]
    for doc in shown["documents"]:
        want = stored[doc["url"]]
        assert parse_date(doc["fields"]["resolution_date"]).isoformat() == want["resolution_date"]
        assert doc["fields"]["title"] == want["title"]
    assert [e["cause"] for e in shown["errors"]] == ["missing_link"], shown["errors"]


def _site(root: Path, body: bytes, content_type: str) -> None:
    (root / "pjenl").mkdir(parents=True)
    (root / "pjenl" / "export.csv").write_bytes(body)
    viewer = "<html><body><main><h1>SENTENCIA DEFINITIVA</h1><p>" + "Visto el proceso penal. " * 20
    (root / "pjenl" / "visor.html").write_text(viewer + "</p></main></body></html>", "utf-8")
    routes = [
        {"path": "/pjenl/Exportar.aspx", "file": "pjenl/export.csv", "content_type": content_type},
        {"path": "/SentenciasPublicas/PDFVisor/Visor.aspx", "file": "pjenl/visor.html"},
    ]
    (root / "_http.yaml").write_text(yaml.safe_dump({"routes": routes}), encoding="utf-8")


def _spec(base: str) -> dict[str, Any]:
    return {
        "id": "pj-nl-exportacion", "kind": "sentencia", "shape": "json_api",
        "institution": "Poder Judicial del Estado de Nuevo León", "jurisdiction": "MX-NLE",
        "start_urls": [f"{base}/pjenl/Exportar.aspx"], "allowed_domains": ["127.0.0.1"],
        "json_api": {
            "format": "csv", "link": "{sentencia}", "follow": True,
            "fields": {"title": "{delitos_modalidades}: {juez}",
                       "resolution_date": "fecha_emision", "ruling": "sentido_del_fallo"},
        },
    }  # fmt: skip


@pytest.mark.skipif(REAL is None, reason="../shared/corpus/real is not present")
def test_the_real_export_written_by_windows_excel_is_read_row_by_row(tmp_path: Path) -> None:
    """The real export's first rows, each link pointed at 127.0.0.1, written as Excel on
    Windows writes a CSV (Windows-1252, ``;``, a ``sep=;`` line) and served declaring
    UTF-8, as misconfigured servers do: every row a document with its own date, judge
    and crime as the table writes them (accents whole), a blank «Sentido del Fallo»
    (a no-break space in the real table) left empty rather than guessed."""
    assert REAL is not None
    text = (REAL / "pj-nl" / "sentencias-penales-listing.first300.csv").read_text("utf-8")
    rows = list(csv.reader(io.StringIO(text)))[: REAL_ROWS + 1]
    out = io.StringIO()
    out.write("sep=;\r\n")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    body = out.getvalue().replace(REAL_HOST, "{{BASE}}").encode("cp1252")
    _site(tmp_path / "site", body, "text/csv; charset=utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    with FixtureServer(tmp_path / "site") as server:
        data = _spec(server.url)
        (specs / "pj-nl-exportacion.yaml").write_text(json.dumps(data), encoding="utf-8")
        result = run_abierto(tmp_path / "data", server.url, specs)
        assert "Traceback" not in result.stderr, result.stderr
        db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
        try:
            docs = _documents(db)
            run = db.list_runs("pj-nl-exportacion", limit=1)[0]
        finally:
            db.close()
    assert run.errors == {} and run.status == "ok", (run.errors, result.stdout)
    by_key = {d.url.split("?p=", 1)[1]: d for d in docs}
    assert len(by_key) == REAL_ROWS
    for row in rows[1:]:
        doc = by_key[row[5].split("?p=", 1)[1]]
        assert doc.resolution_date == parse_date(row[0]), (row, doc.resolution_date)
        assert doc.title == f"{row[2]}: {row[3]}"
        assert doc.ruling == (row[4].strip().lower() or None), row


def test_an_html_page_instead_of_the_table_is_a_counted_error_in_spanish(tmp_path: Path) -> None:
    """The export's address answering the court's search page instead (its session
    expired, the export is only given after a search): the run says the answer is no
    CSV table, never a document per line of markup."""
    page = (
        b"<!DOCTYPE html>\r\n<html><head><title>Sentencias P\xfablicas</title></head><body>"
        b"<form method='post' action='Penales.aspx'><select name='anio'><option>2021</option>"
        b"</select><input type='submit' value='Buscar' /></form></body></html>"
    )
    _site(tmp_path / "site", page, "text/csv")
    specs = tmp_path / "specs"
    specs.mkdir()
    with FixtureServer(tmp_path / "site") as server:
        data = _spec(server.url)
        (specs / "pj-nl-exportacion.yaml").write_text(json.dumps(data), encoding="utf-8")
        run_abierto(tmp_path / "data", server.url, specs)
        db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
        try:
            assert _documents(db) == []
            run = db.list_runs("pj-nl-exportacion", limit=1)[0]
        finally:
            db.close()
    assert set(run.errors) == {"not_csv"}, run.errors
    (said,) = run.errors["not_csv"]["examples"]
    assert error_mensaje("not_csv", said["message"]) == (
        "la respuesta no es una tabla CSV sino una página HTML o XML"
    )


def _documents(db: Database) -> list[Any]:
    return [
        d for d in db.iter_documents() if "pj-nl-exportacion" in {x.source_id for x in d.sources}
    ]


def _write_spec(tmp_path: Path, json_api: dict[str, Any]) -> Path:
    data = _spec("https://www.pjenl.gob.mx") | {"json_api": {"link": "{sentencia}"} | json_api}
    del data["allowed_domains"]
    path = tmp_path / "exportacion.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_json_path_given_to_a_table_is_refused_in_spanish(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="con format: csv los registros son las filas"):
        load_spec(_write_spec(tmp_path, {"format": "csv", "records": "data"}))
    with pytest.raises(SpecError, match="falta records"):
        load_spec(_write_spec(tmp_path, {}))
    assert load_spec(_write_spec(tmp_path, {"format": "csv"})).json_api.format == "csv"


def test_a_title_line_above_the_table_is_not_its_header() -> None:
    """Exports that open with the court's name and the report's title, each alone on its
    line, then the table: its columns keep their names."""
    body = (
        "PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN\r\n"
        '"Sentencias públicas, materia penal"\r\n'
        "\r\n"
        "Fecha Emisión,Juez,Sentencia\r\n"
        "07/12/2026,ANDRÉS DE LEÓN CRUZ(Elabora),https://www.pjenl.gob.mx/v?p=1\r\n"
    ).encode("cp1252")
    assert csv_records(body, "text/csv") == [
        {
            "fecha_emision": "07/12/2026",
            "juez": "ANDRÉS DE LEÓN CRUZ(Elabora)",
            "sentencia": "https://www.pjenl.gob.mx/v?p=1",
        }
    ]
    # a table of one column is read from its first line
    assert csv_records(b"Liga\nhttps://a.gob.mx/1.pdf\n", None) == [
        {"liga": "https://a.gob.mx/1.pdf"}
    ]


# --- an Excel workbook: the transparency export of a court (Hipervínculo a la sentencia)

_SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _workbook(rows: list[list[tuple[str, str, str]]], shared: list[str]) -> bytes:
    """An .xlsx as Excel writes one: the workbook naming its sheets (the first listed is
    not sheet1.xml), shared strings, styles where style 1 is the built-in date (14) and
    style 2 a custom «dd/mm/yyyy»; ``rows``: each cell (reference, type, value)."""

    def cell(ref: str, kind: str, value: str) -> str:
        if kind == "inline":
            return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
        style = {"date": ' s="1"', "date2": ' s="2"'}.get(kind, "")
        kind_attr = ' t="s"' if kind == "s" else ""
        return f'<c r="{ref}"{kind_attr}{style}><v>{value}</v></c>'

    sheet = "".join(
        f'<row r="{n + 1}">' + "".join(cell(*c) for c in row) + "</row>"
        for n, row in enumerate(rows)
    )
    strings = "".join(f"<si><t>{s}</t></si>" for s in shared)
    parts = {
        "xl/workbook.xml": f"<workbook {_SHEET_NS} {_REL_NS}><sheets>"
        '<sheet name="Reporte de Formatos" sheetId="1" r:id="rId2"/>'
        '<sheet name="Hidden_1" sheetId="2" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet {_SHEET_NS}><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>Si</t></is></c></row></sheetData></worksheet>',
        "xl/worksheets/sheet2.xml": (
            f"<worksheet {_SHEET_NS}><sheetData>{sheet}</sheetData></worksheet>"
        ),
        "xl/sharedStrings.xml": f"<sst {_SHEET_NS}>{strings}</sst>",
        "xl/styles.xml": f'<styleSheet {_SHEET_NS}><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
        '<xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)
    return out.getvalue()


def test_an_excel_export_is_read_with_its_dates_as_dates(tmp_path: Path) -> None:
    """A court's transparency export as a workbook: a title row, the headers, a date
    stored as Excel's serial number (46363: 7 December 2026) under the built-in date
    style, another under «dd/mm/yyyy», a row whose ruling cell is missing. Before, no
    shape read a workbook."""
    shared = ["Número de Expediente", "Fecha de Resolución", "Sentido",
              "Hipervínculo a la Sentencia", "1203/2025", "CONDENATORIA"]  # fmt: skip
    link = "/SentenciasPublicas/PDFVisor/Visor.aspx"  # packed: no {{BASE}} replaced in it
    rows = [
        [("A1", "inline", "Sentencias públicas del Tribunal")],
        [("A2", "s", "0"), ("B2", "s", "1"), ("C2", "s", "2"), ("D2", "s", "3")],
        [
            ("A3", "s", "4"),
            ("B3", "date", "46363"),
            ("C3", "s", "5"),
            ("D3", "inline", link + "?p=1"),
        ],
        [("A4", "inline", "88/2024"), ("B4", "date2", "45292"), ("D4", "inline", link + "?p=2")],
    ]
    _site(tmp_path / "site", _workbook(rows, shared), XLSX_TYPE)
    specs = tmp_path / "specs"
    specs.mkdir()
    with FixtureServer(tmp_path / "site") as server:
        data = _spec(server.url)
        data["json_api"] = {
            "format": "xlsx", "link": "{hipervinculo_a_la_sentencia}", "follow": True,
            "fields": {"expediente": "numero_de_expediente",
                       "resolution_date": "fecha_de_resolucion", "ruling": "sentido"},
        }  # fmt: skip
        (specs / "pj-nl-exportacion.yaml").write_text(json.dumps(data), encoding="utf-8")
        result = run_abierto(tmp_path / "data", server.url, specs)
        assert "Traceback" not in result.stderr, result.stderr
        db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
        try:
            docs = {d.expediente: d for d in _documents(db)}
            run = db.list_runs("pj-nl-exportacion", limit=1)[0]
        finally:
            db.close()
    assert run.errors == {} and run.status == "ok", run.errors
    assert sorted(docs) == ["1203/2025", "88/2024"]
    assert docs["1203/2025"].resolution_date == dt.date(2026, 12, 7)
    assert docs["1203/2025"].ruling == "condenatoria"
    assert docs["88/2024"].resolution_date == dt.date(2024, 1, 1)
    assert docs["88/2024"].ruling is None


def test_a_workbook_that_unpacks_to_a_bomb_or_is_no_zip_is_a_counted_error() -> None:
    from crawlers.formats.csv_table import CsvError
    from crawlers.formats.xlsx_table import MAX_PART, NOT_A_WORKBOOK, TOO_LARGE, xlsx_rows

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (MAX_PART + 10) + b"/>")
    with pytest.raises(CsvError) as bomb:
        xlsx_rows(out.getvalue())
    assert str(bomb.value) == TOO_LARGE
    assert error_mensaje("not_xlsx", TOO_LARGE).startswith("la respuesta no es un libro de Excel")
    with pytest.raises(CsvError) as page:
        xlsx_rows(b"<html><body>Sesi\xf3n expirada</body></html>")
    assert str(page.value) == NOT_A_WORKBOOK
