"""A sentence's parties travel in the exports: the CSV has a ``parties`` column, one cell
with one «role: name» a line (a spreadsheet shows them stacked; a program splits on line
breaks, which no name holds), the JSON Lines export a list; over real HTTP from a real
SQLite/Tantivy library."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from indexer.models import Sentencia
from tests.api.conftest import serving_documents

PARTIES = ["actor: JUAN PÉREZ; Y OTROS", "autoridad responsable: CONSEJO <script>x</script>"]
DOC = Sentencia(
    id="sentencia-partes", kind="sentencia", source_id="tepjf", institution="TEPJF",
    jurisdiction="MX", url="https://tepjf.example/sup-jdc-1-2025", title="SUP-JDC-1/2025",
    date="2025-03-06", court="Sala Superior", expediente="SUP-JDC-1/2025",
    parties=PARTIES, field_sources={"parties": "heading"}, text="Sentencia.",
)  # fmt: skip


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("partes")), [DOC]) as base:
        yield base


def test_the_csv_gives_the_parties_one_a_line_in_one_cell(url: str) -> None:
    answer = httpx.get(f"{url}/v1/export.csv")
    assert answer.status_code == 200
    (row,) = list(csv.DictReader(io.StringIO(answer.text)))
    assert row["parties"].split("\n") == PARTIES


def test_the_jsonl_gives_the_parties_as_a_list(url: str) -> None:
    answer = httpx.get(f"{url}/v1/export.jsonl")
    assert answer.status_code == 200
    (line,) = [json.loads(x) for x in answer.text.splitlines() if x.strip()]
    assert line["parties"] == PARTIES
