"""A data table whose ``rowspan`` or ``colspan`` is written with digits ``int`` does not
read (a superscript «²», thousands of digits past Python's conversion limit) is read as a
span of one, as a browser reads a span it cannot parse: the crawl lost the whole listing
page (every row on it) to a ValueError, and a preview failed with no documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.db import Database
from samples.server import serve
from tests.adversarial.service import listing_spec, open_api
from tests.e2e.helpers import run_crawl

SPEC = """
id: juzgado-tablas
kind: sentencia
institution: Juzgado de Prueba
jurisdiction: MX-OAX
start_urls: ["${ABIERTO_SAMPLES_URL}/listado.html"]
listing:
  items: "css:tbody tr"
  link: "css:a::attr(href)"
  fields:
    expediente: "css:td.exp::text"
"""
SPANS = ["²", "9" * 5000]


def _site(www: Path, span: str, attribute: str) -> None:
    www.mkdir()
    # the hearing's date is shared by both rows, as courts' tables merge it; the last
    # row's link cell carries the span (a span past the table's end spans nothing)
    rows = (
        '<tr><td class="exp">100/2024</td><td rowspan="2">8 de abril</td>'
        '<td><a href="uno.html">ver</a></td></tr>'
        f'<tr><td class="exp">101/2024</td><td {attribute}="{span}"><a href="dos.html">ver</a>'
        "</td></tr>"
    )
    (www / "listado.html").write_text(
        "<table><thead><tr><th>Expediente</th><th>Fecha</th><th>Liga</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>",
        encoding="utf-8",
    )
    for name in ("uno", "dos"):
        (www / f"{name}.html").write_text(
            f"<html><body><h1>Sentencia {name}</h1><p>Arrendamiento de un local.</p></body></html>"
        )


@pytest.mark.parametrize("attribute", ["rowspan", "colspan"])
@pytest.mark.parametrize("span", SPANS, ids=["superscript", "5000-digits"])
def test_a_span_no_number_reads_loses_no_row_of_the_crawl(
    tmp_path: Path, span: str, attribute: str
) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "juzgado.yaml").write_text(SPEC)
    _site(tmp_path / "www", span, attribute)
    with serve(tmp_path / "www") as server:
        result = run_crawl(tmp_path / "data", server.url, sources_dir=specs)
    assert result.returncode == 0, result.stdout + result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        assert sorted(doc.expediente for doc in db.iter_documents()) == ["100/2024", "101/2024"]
    finally:
        db.close()


@pytest.mark.parametrize("span", SPANS, ids=["superscript", "5000-digits"])
def test_a_preview_reads_the_rows_of_a_table_whose_span_no_number_reads(
    tmp_path: Path, span: str
) -> None:
    _site(tmp_path / "www", span, "rowspan")
    api = open_api(tmp_path / "data")
    try:
        with serve(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/listado.html")
            spec["listing"]["fields"] = {"expediente": "css:td.exp::text"}
            answer = api.client.post("/v1/sources/preview", json=spec, headers=api.headers)
        assert answer.status_code == 200, answer.text
        found = answer.json()
        assert [d["fields"]["expediente"] for d in found["documents"]] == [
            "100/2024",
            "101/2024",
        ], found
    finally:
        api.close()
