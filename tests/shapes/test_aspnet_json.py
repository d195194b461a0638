"""An ASP.NET page method's JSON (``Consulta.aspx/ObtenerSentencias``): posted a JSON
body with the page and its size, it answers inside ``d`` with .NET's own date form,
``"\\/Date(1616047200000)\\/"`` (milliseconds since 1970, UTC) or with the server's zone
(``-0600``). Each record must keep its day as the court wrote it: the server's local
midnight is 06:00 UTC (05:00 in the summer time Mexico kept until 2022), never the day
before nor a date left empty. The case ``tests/fixtures/json_api/aspnet-metodo-web``
(served on 127.0.0.1, crawled with ``abierto crawl``); its ``expected.json`` holds every
field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.shapes.harness import FIXTURES, Case, crawl_cases

CASE = Case(FIXTURES / "json_api" / "aspnet-metodo-web")
DAYS = {"45/2021": "2021-03-18", "112/2021": "2021-03-22", "87/2021": "2021-04-12"}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return crawl_cases([CASE], tmp_path_factory.mktemp("aspnet"))[CASE.name]


def test_each_record_keeps_the_day_its_dotnet_date_says(found: dict[str, Any]) -> None:
    docs = {d["expediente"]: d for d in found["documents"]}
    assert sorted(docs) == sorted(f"Expediente {n}" for n in DAYS)
    for number, day in DAYS.items():
        doc = docs[f"Expediente {number}"]
        assert doc["resolution_date"] == day, number
        assert doc["field_sources"]["resolution_date"] == "api", number
        assert [f["content_type"] for f in doc["files"]] == ["application/pdf"]
    # both pages of the total read, nothing refused
    run = found["runs"]["fixture-aspnet-metodo-web"]
    assert run["status"] == "ok" and run["errors"] == {} and run["items"] == 3


def test_extracted_as_expected(found: dict[str, Any]) -> None:
    expected = json.loads(Path(CASE.expected_path).read_text(encoding="utf-8"))
    assert found == expected
