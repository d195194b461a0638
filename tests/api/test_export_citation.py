"""An export carries each document's suggested citation (court, expediente, ponente,
date, the page here), the page's own words, in a ``citation`` column added after the
columns exports had, so their positions hold; over real HTTP (uvicorn on 127.0.0.1)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from indexer.models import Sentencia
from tests.api.conftest import serving_documents

BEFORE = (
    "id,kind,title,date,institution,jurisdiction,source_id,url,page_url,court,matter,"
    "expediente,ponente,resolution_date,ruling,congress,legislature,chamber,session_type,"
    "doc_type,number,committee,status,secretario"
)
DOC = Sentencia(
    id="ar-1234", title="Sentencia de amparo en revisión", date=dt.date(2023, 3, 15),
    institution="Suprema Corte de Justicia de la Nación", jurisdiction="MX", source_id="scjn",
    url="https://ejemplo.gob.mx/ar-1234", text="Se concede el amparo, dijo la Sala.",
    court="Primera Sala", expediente="Amparo en Revisión 1234/2023",
    ponente="Ministro Juan Pérez López",
)  # fmt: skip


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("cita")), [DOC]) as base:
        yield base


def test_the_csv_ends_with_the_citation_the_page_suggests(url: str) -> None:
    answer = httpx.get(f"{url}/v1/export.csv")
    header, *rows = list(csv.reader(io.StringIO(answer.text)))
    # columns added since come after it (a session's period)
    assert ",".join(header).startswith(BEFORE + ",citation,")
    cited = rows[0][header.index("citation")]
    for part in ("Primera Sala", "expediente Amparo en Revisión 1234/2023",
                 "Ponente: Ministro Juan Pérez López", "15 de marzo de 2023",
                 f"{url}/d/ar-1234"):  # fmt: skip
        assert part in cited
    today = dt.datetime.now(dt.UTC).date()
    assert str(today.year) in cited.split("consultado el")[1]
    page = httpx.get(f"{url}/d/ar-1234").text
    assert cited.split(" (consultado")[0] in page


def test_the_citation_is_a_column_to_ask_for(url: str) -> None:
    answer = httpx.get(f"{url}/v1/export.jsonl", params={"fields": "expediente,citation"})
    line = json.loads(answer.text.splitlines()[0])
    assert list(line) == ["expediente", "citation"]
    assert line["citation"].startswith("Suprema Corte de Justicia de la Nación. Primera Sala.")
