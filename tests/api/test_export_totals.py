"""Every export announces how many documents it holds (``X-Total-Count``), the total
``/v1/search`` gives for the same parameters, with words or without: a journalist checks a
download is complete against it. Real HTTP on 127.0.0.1, a real SQLite/Tantivy library."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from indexer.models import PrivacyFinding, PrivacyReport, Sentencia, document_id
from tests.api.conftest import serving_documents

COUNT = 40


def _documents() -> list[Sentencia]:
    docs = [
        Sentencia(
            id=document_id("totales", f"https://ejemplo.gob.mx/t{n}"),
            title=f"Amparo directo {n}/2024",
            date=dt.date(2024, 1, 1) + dt.timedelta(days=n) if n % 9 else None,
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url=f"https://ejemplo.gob.mx/t{n}",
            text=f"Sentencia {n} sobre la pensión alimenticia.",
            matter=("penal", "civil", "familiar")[n % 3],
            ponente=("José Pérez Núñez", "María Ávila")[n % 2],
            expediente=f"{n}/2024",
        )
        for n in range(COUNT)
    ]
    docs.append(
        Sentencia(
            id=document_id("totales", "https://ejemplo.gob.mx/retenida"),
            title="Sentencia retenida",
            date=dt.date(2024, 3, 1),
            institution="Poder Judicial de Guanajuato",
            jurisdiction="MX-GUA",
            source_id="pj-gto",
            url="https://ejemplo.gob.mx/retenida",
            text="Texto retenido sobre la pensión.",
            matter="penal",
            privacy=PrivacyReport(
                policy="withhold", findings=[PrivacyFinding(kind="curp", start=0, end=5)]
            ),
        )
    )
    return docs


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("totales")), _documents()) as url:
        yield url


SEARCHES = [
    {},
    {"matter": "penal"},
    {"matter": "familiar", "date_from": "2024-01-10"},
    {"ponente": "Pérez"},
    {"date_to": "2024-01-20"},
    {"q": "pensión", "matter": "civil"},
]


@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: json.dumps(p, ensure_ascii=False))
def test_every_export_announces_the_search_total(base: str, params: dict[str, str]) -> None:
    total = httpx.get(f"{base}/v1/search", params={**params, "limit": 1}).json()["total"]
    jsonl = httpx.get(f"{base}/v1/export.jsonl", params=params)
    csv_answer = httpx.get(f"{base}/v1/export.csv", params=params)
    ids = [json.loads(line)["id"] for line in jsonl.text.splitlines()]
    rows = list(csv.DictReader(io.StringIO(csv_answer.content.decode("utf-8"))))
    assert jsonl.headers.get("X-Total-Count") == str(total)
    assert csv_answer.headers.get("X-Total-Count") == str(total)
    assert len(ids) == len(set(ids)) == len(rows) == total


def test_a_head_request_says_the_total_without_the_rows(base: str) -> None:
    total = httpx.get(f"{base}/v1/search", params={"matter": "penal", "limit": 1}).json()["total"]
    answer = httpx.head(f"{base}/v1/export.csv", params={"matter": "penal"})
    assert answer.status_code == 200
    assert answer.headers.get("X-Total-Count") == str(total)
    assert answer.content == b""
