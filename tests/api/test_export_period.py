"""A session's legislative period travels wherever its legislature, type and chamber do:
the CSV and JSON Lines exports (a ``period`` column, and ``field_sources`` saying where
each field was read: a legislature or period read from the transcript's heading says
``heading``), the Atom feed (a category) and the results page /buscar (its filter, chip
and links), over real HTTP (uvicorn on 127.0.0.1) from a real SQLite/Tantivy library;
the sessions are built by the readers from their heading."""

from __future__ import annotations

import csv
import html as html_module
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import pytest

from indexer.build import build_document
from indexer.models import Sesion
from tests.api.conftest import serving_documents

# modelled on the head of a Senado versión estenográfica
HEADING = """CÁMARA DE SENADORES DE LA REPÚBLICA
LXVI LEGISLATURA
SEGUNDO PERIODO ORDINARIO DE SESIONES DEL PRIMER AÑO DE EJERCICIO
VERSIÓN ESTENOGRÁFICA DE LA SESIÓN ORDINARIA DEL JUEVES 6 DE MARZO DE 2025
LA C. PRESIDENTA SENADORA ANA LILIA RIVERA: Se abre la sesión.
"""
PERIOD = "Segundo periodo ordinario, primer año de ejercicio"
ATOM = "{http://www.w3.org/2005/Atom}"


def _session(name: str, text: str, fields: dict[str, str] | None = None) -> Sesion:
    doc = build_document(
        kind="sesion", source_id="senado", institution="Senado de la República",
        jurisdiction="MX", url=f"https://senado.example/{name}",
        fields={"title": f"Sesión ordinaria {name}", "date": "2025-03-06",
                "congress": "Congreso de la Unión", **(fields or {})},
        text=text,
    )  # fmt: skip
    assert isinstance(doc, Sesion)
    return doc


READ = _session("leida", HEADING)
# a session whose transcript names no period, its legislature given by the listing
PLAIN = _session("sin-periodo", "Se abre la sesión.\nSe aprueba el acta.", {"legislature": "LXVI"})


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("periodo")), [READ, PLAIN]) as base:
        yield base


def test_the_csv_carries_the_period_and_where_each_field_was_read(url: str) -> None:
    # as the readers read them
    assert READ.period == PERIOD and READ.legislature == "LXVI"
    assert READ.field_sources["period"] == READ.field_sources["legislature"] == "heading"
    assert PLAIN.period is None and PLAIN.field_sources["legislature"] == "listing"
    # by default the period; the provenance, a JSON object a row, when asked
    default = httpx.get(f"{url}/v1/export.csv")
    assert default.status_code == 200
    header = next(csv.reader(io.StringIO(default.text)))
    assert header[-3:] == ["citation", "period", "parties"]
    assert {r["id"]: r["period"] for r in csv.DictReader(io.StringIO(default.text))} == {
        READ.id: PERIOD,
        PLAIN.id: "",
    }
    asked = ",".join([*header, "field_sources"])
    answer = httpx.get(f"{url}/v1/export.csv", params={"fields": asked})
    assert answer.status_code == 200
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(answer.text))}
    assert rows.keys() == {READ.id, PLAIN.id}
    read, plain = rows[READ.id], rows[PLAIN.id]
    assert read["period"] == PERIOD and read["legislature"] == "LXVI"
    sources = json.loads(read["field_sources"])
    assert sources["period"] == "heading" and sources["legislature"] == "heading"
    assert sources["congress"] == "listing"
    # no period in its transcript: the cell stays empty, its legislature the listing's
    assert plain["period"] == ""
    assert json.loads(plain["field_sources"])["legislature"] == "listing"
    assert "period" not in json.loads(plain["field_sources"])


def test_the_jsonl_carries_them_and_the_period_filter_chooses_the_rows(url: str) -> None:
    answer = httpx.get(f"{url}/v1/export.jsonl", params={"period": PERIOD.upper()})
    assert answer.status_code == 200
    [line] = [json.loads(text) for text in answer.text.splitlines()]
    assert line["id"] == READ.id and line["period"] == PERIOD
    assert "field_sources" not in line  # asked by name
    asked = httpx.get(
        f"{url}/v1/export.jsonl", params={"fields": "id,period,field_sources", "q": "sesión"}
    )
    lines = {json.loads(text)["id"]: json.loads(text) for text in asked.text.splitlines()}
    assert list(lines[READ.id]) == ["id", "period", "field_sources"]
    assert lines[READ.id]["field_sources"]["legislature"] == "heading"
    assert lines[READ.id]["field_sources"]["period"] == "heading"
    assert lines[PLAIN.id]["period"] is None


def test_the_feed_files_a_session_under_its_period(url: str) -> None:
    answer = httpx.get(f"{url}/v1/search.atom", params={"kind": "sesion"})
    assert answer.status_code == 200
    entries = ET.fromstring(answer.content).findall(f"{ATOM}entry")
    terms = {
        entry.find(f"{ATOM}link").get("href").rsplit("/", 1)[-1]: {  # type: ignore[union-attr]
            c.get("term"): c.get("label") for c in entry.findall(f"{ATOM}category")
        }
        for entry in entries
    }
    assert terms[READ.id][PERIOD] == PERIOD
    assert PERIOD not in terms[PLAIN.id]
    assert "ordinaria" in terms[PLAIN.id]  # the session type's category, as before


def test_the_results_page_filters_by_period_and_its_links_keep_it(url: str) -> None:
    page = httpx.get(f"{url}/buscar", params={"period": PERIOD})
    assert page.status_code == 200
    text = html_module.unescape(page.text)
    assert "no existe" not in text
    assert f"Periodo: {PERIOD}" in text  # the chip that removes the filter
    assert f"/d/{READ.id}" in text and f"/d/{PLAIN.id}" not in text
    # the page's CSV link exports the same rows
    [csv_link] = {
        html_module.unescape(href)
        for href in re.findall(r'href="(/v1/export\.csv\?[^"]+)"', page.text)
    }
    rows = list(csv.DictReader(io.StringIO(httpx.get(f"{url}{csv_link}").text.lstrip("\ufeff"))))
    assert [(r["id"], r["period"]) for r in rows] == [(READ.id, PERIOD)]
