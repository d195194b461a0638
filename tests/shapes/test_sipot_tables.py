"""Tables as Mexican institutions publish them, read by ``json_api: {format: csv|xlsx}``.

A SIPOT export (the Plataforma Nacional de Transparencia's formats of the LGTAIP's
obligations, as every court and congress publishes its sentences and its agreements)
opens with the format's own rows — a title, «TÍTULO | NOMBRE CORTO | DESCRIPCIÓN», the
format's name, a row of column types, a row of field ids, «Tabla Campos» — and only
then its Spanish header. Before, the «TÍTULO» row was taken as the header: every row was
a counted ``missing_link`` and nothing was read. The case
``tests/fixtures/json_api/sipot-sentencias`` is crawled with ``abierto crawl``.

A field may keep part of its value with a pattern, as a page's selector does: the Poder
Judicial de Nuevo León's «Juez» cell ends in «(Elabora)»."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from config.settings import Settings
from config.specs import SourceSpec, SpecError, load_spec
from crawlers.formats.csv_table import csv_records, table_records
from crawlers.formats.xlsx_table import xlsx_rows
from crawlers.preview import preview
from indexer.db import Database
from tests.shapes.harness import FIXTURES, Case, crawl_cases, run_abierto
from tests.shapes.server import FixtureServer
from tests.shapes.test_csv_listings import _workbook

CASE = Case(FIXTURES / "json_api" / "sipot-sentencias")
EXPORT = CASE.folder / "transparencia" / "sentencias" / "formato-73-II-2024-3.csv"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return crawl_cases([CASE], tmp_path_factory.mktemp("sipot"))[CASE.name]


def test_a_sipot_export_is_read_from_its_real_header(found: dict[str, Any]) -> None:
    docs = {d["expediente"]: d for d in found["documents"]}
    assert sorted(docs) == ["Toca Civil 342/2024", "Toca Penal 118/2024"]
    penal = docs["Toca Penal 118/2024"]
    assert penal["resolution_date"] == "2024-08-12"
    assert penal["title"] == "Sentencia definitiva del Toca Penal 118/2024"
    assert penal["ruling"] == "confirma" and penal["matter"] == "penal"
    assert "toca penal 118/2024" in penal["text_start"].lower()
    assert docs["Toca Civil 342/2024"]["resolution_date"] == "2024-09-03"
    run = found["runs"]["fixture-sipot-sentencias"]
    # the sentence whose public version is not yet written is said, not guessed
    assert run["items"] == 2 and run["errors"] == {"missing_link": 1}, run


def test_extracted_as_expected(found: dict[str, Any]) -> None:
    expected = json.loads(Path(CASE.expected_path).read_text(encoding="utf-8"))
    assert found == expected


def test_the_preview_shows_what_the_crawl_stores(tmp_path: Path, found: dict[str, Any]) -> None:
    spec_text = (CASE.folder / "spec.yaml").read_text(encoding="utf-8")
    with FixtureServer(FIXTURES) as server:
        data = yaml.safe_load(spec_text.replace("${ABIERTO_SAMPLES_URL}", server.url))
        spec = SourceSpec.model_validate(data)
        shown = preview(spec, Settings(allow_loopback=True, data_dir=tmp_path), time_limit_s=120)
    stored = {d["url"].replace("{base}", server.url): d for d in found["documents"]}
    assert len(shown["documents"]) == 2
    for doc in shown["documents"]:
        want = stored[doc["url"]]
        assert doc["fields"]["expediente"] == want["expediente"]
        assert doc["fields"]["title"] == want["title"]
    assert [e["cause"] for e in shown["errors"]] == ["missing_link"], shown["errors"]


def _rows() -> list[list[str]]:
    import csv
    import io

    text = EXPORT.read_text(encoding="utf-8-sig").replace("{{BASE}}", "https://tsj.gob.mx")
    return list(csv.reader(io.StringIO(text)))


def test_a_sipot_workbook_with_its_numbers_as_numbers_is_read_from_its_header() -> None:
    """The same format downloaded as a workbook, as the Plataforma gives it: the
    format's number alone in the first row, types and ids stored as numbers."""
    rows = _rows()[1:]
    cells = []
    for n, row in enumerate([["51794"], *rows]):
        numeric = all(c.isdigit() for c in row if c)
        cells.append(
            [
                (f"{chr(65 + col)}{n + 1}", "n" if numeric else "inline", value)
                for col, value in enumerate(row)
                if value
            ]
        )
    records = table_records(xlsx_rows(_workbook(cells, [])))
    assert [r["numero_de_expediente_y_o_resolucion"] for r in records] == [
        "Toca Penal 118/2024", "Toca Civil 342/2024", "Toca Familiar 77/2024",
    ]  # fmt: skip
    assert records[2]["hipervinculo_a_la_sentencia"] == ""
    assert records[2]["nota"].startswith("La versión pública de esta sentencia")


def test_a_header_not_where_the_format_says_is_not_guessed() -> None:
    """A header one cell short of the ids (a column left unnamed), or a row of text
    where the ids should be: no certainty, so no header is guessed from it; the whole
    export as it is written is read (its first header, a title cell alone passed over)."""
    rows = _rows()
    good = table_records(rows)
    assert good[0]["hipervinculo_a_la_sentencia"].endswith("toca-penal-118-2024.html")
    short = [list(r) for r in rows]
    short[6][13] = ""  # «Nota» missing over its id
    assert "hipervinculo_a_la_sentencia" not in table_records(short)[0]
    no_ids = [list(r) for r in rows]
    no_ids[4] = ["Ejercicio"] + ["campo"] * 13
    assert "hipervinculo_a_la_sentencia" not in table_records(no_ids)[0]
    # the same export without its format's rows reads the same
    assert table_records(rows[6:]) == good
    assert csv_records(EXPORT.read_bytes(), "text/csv")[0]["nota"] == ""


def test_a_sipot_export_saved_by_excel_with_semicolons_is_read_under_its_title() -> None:
    """The same export saved by Excel on Windows: Windows-1252, ``;`` between cells,
    its title alone on the first line (no separator in it to tell the table's by)."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(_rows())
    records = csv_records(out.getvalue().encode("cp1252"), "text/csv")
    assert [r["sentido_de_la_resolucion"] for r in records] == ["Confirma", "Modifica", "Revoca"]
    assert records[0]["organo_que_emite_la_resolucion"] == "Primera Sala Penal"


# --- a field kept in part by a pattern: «GRACIELA CÁZARES CHARLES(Elabora)»

PJNL = FIXTURES / "json_api" / "pj-nl-csv"


def _pjnl_spec(base: str, ponente: Any) -> dict[str, Any]:
    data = yaml.safe_load((PJNL / "spec.yaml").read_text(encoding="utf-8"))
    data["id"] = "pj-nl-juez"
    data["start_urls"] = [data["start_urls"][0].replace("${ABIERTO_SAMPLES_URL}", base)]
    data["json_api"]["fields"]["ponente"] = ponente
    return data


def test_a_pattern_keeps_the_judges_name_without_elabora(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    with FixtureServer(FIXTURES) as server:
        ponente = {"select": "juez", "regex": r"^(.*?)\s*\(Elabora\)"}
        data = _pjnl_spec(server.url, ponente)
        (specs / "pj-nl-juez.yaml").write_text(json.dumps(data), encoding="utf-8")
        result = run_abierto(tmp_path / "data", server.url, specs)
        assert "Traceback" not in result.stderr, result.stderr
        db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
        try:
            docs = [d for d in db.iter_documents() if d.source_id == "pj-nl-juez"]
        finally:
            db.close()
        spec = SourceSpec.model_validate(data)
        shown = preview(spec, Settings(allow_loopback=True, data_dir=tmp_path), time_limit_s=120)
    judges = {str(d.resolution_date): d.ponente for d in docs}
    assert judges == {
        "2021-03-18": "María del Socorro Pérez Córdova",
        "2021-03-10": "Primitivo Jesús Gutiérrez Vélez",
        "2021-03-04": "Graciela Cázares Charles",
    }, judges
    # the preview shows what the crawl stores
    assert sorted(d["fields"]["ponente"] for d in shown["documents"]) == sorted(judges.values())


def test_a_fields_pattern_is_checked_as_a_selectors_is_in_spanish(tmp_path: Path) -> None:
    path = tmp_path / "pj-nl-juez.yaml"
    for ponente, said in [
        ({"select": "juez", "regex": r"(\w+)\1"}, "fields.ponente.regex: expresión regular no"),
        ({"select": "juez", "regex": "(a+)+$" + "a{5000}"}, "repetición {5000} mayor que 1000"),
        ({"select": "juez", "regex": "x" * 1001}, "expresión regular demasiado larga"),
        ({"select": "ju ez"}, "fields.ponente: «ju ez» no es una ruta JSON"),
        ({"select": "juez", "regexp": "x"}, "fields.ponente.regexp: no es un campo admitido"),
    ]:
        path.write_text(json.dumps(_pjnl_spec("https://www.pjenl.gob.mx", ponente)), "utf-8")
        with pytest.raises(SpecError, match=said.replace("(", r"\(").replace("{", r"\{")):
            load_spec(path)
    path.write_text(json.dumps(_pjnl_spec("https://www.pjenl.gob.mx", "juez")), "utf-8")
    assert load_spec(path).json_api.fields["ponente"] == "juez"


# --- a header named by the spec, under rows no rule can tell from a header

_PREAMBLE = (
    "Poder Judicial del Estado de Nuevo León,Sentencias públicas\r\n"
    "Fecha de corte:,07/12/2026\r\n"
    "Número de expediente,Fecha de Resolución,Juez,Sentencia\r\n"
    "1203/2025,07/12/2026,ANDRÉS DE LEÓN CRUZ(Elabora),"
    "{{BASE}}/SentenciasPublicas/PDFVisor/Visor.aspx?p=1\r\n"
    "88/2024,02/01/2024,GRACIELA CÁZARES CHARLES(Elabora),"
    "{{BASE}}/SentenciasPublicas/PDFVisor/Visor.aspx?p=2\r\n"
)


def test_a_header_named_by_the_spec_is_found_under_rows_of_two_cells(tmp_path: Path) -> None:
    """An export that opens with rows of two cells (the court and the report, the cut
    date): today's rule takes the first as the header and reads nothing; ``header:``
    names one of the real header's cells (written in capitals, without accents) and the
    table is read from it, in the crawl as in the preview."""
    from tests.shapes.test_csv_listings import _documents, _site, _spec

    _site(tmp_path / "site", _PREAMBLE.encode("cp1252"), "text/csv")
    specs = tmp_path / "specs"
    specs.mkdir()
    with FixtureServer(tmp_path / "site") as server:
        data = _spec(server.url)
        data["json_api"] = {
            "format": "csv", "header": "NUMERO DE EXPEDIENTE", "link": "{sentencia}",
            "follow": True, "fields": {
                "expediente": "numero_de_expediente", "resolution_date": "fecha_de_resolucion",
                "ponente": {"select": "juez", "regex": r"^(.*?)\s*\(Elabora\)"},
            },
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
        spec = SourceSpec.model_validate(data)
        shown = preview(spec, Settings(allow_loopback=True, data_dir=tmp_path), time_limit_s=120)
    assert run.errors == {} and run.status == "ok", run.errors
    assert sorted(docs) == ["1203/2025", "88/2024"]
    assert str(docs["1203/2025"].resolution_date) == "2026-12-07"
    assert docs["88/2024"].ponente == "Graciela Cázares Charles"
    assert sorted(d["fields"]["expediente"] for d in shown["documents"]) == sorted(docs)


def test_a_table_without_the_named_header_is_a_counted_error_in_spanish(tmp_path: Path) -> None:
    from crawlers.causas import error_mensaje
    from crawlers.formats.csv_table import NO_HEADER, CsvError

    body = _PREAMBLE.encode("utf-8")
    with pytest.raises(CsvError) as absent:
        csv_records(body, "text/csv", header="Hipervínculo a la sentencia")
    assert str(absent.value) == NO_HEADER
    assert error_mensaje("not_csv", NO_HEADER).startswith(
        "ninguna fila de la tabla tiene la celda de encabezado que nombra json_api.header"
    )
    # without it, the first row of two cells stays the header: nothing read, as before
    assert "sentencia" not in csv_records(body, "text/csv")[0]
    path = tmp_path / "s.yaml"
    for json_api, said in [
        ({"records": "datos", "header": "Expediente"}, "json_api.header: header nombra una"),
        ({"format": "csv", "header": "  "}, "json_api.header: header está vacío"),
    ]:
        data = _pjnl_spec("https://www.pjenl.gob.mx", "juez")
        data["json_api"] = {"link": "{sentencia}"} | json_api
        path.write_text(json.dumps(data), "utf-8")
        with pytest.raises(SpecError, match=said):
            load_spec(path)
