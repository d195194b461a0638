"""Two ways a pasted citation pointed a reader wrong.

The day «consultado el» names was UTC's: from 18:00 in Mexico City (UTC-6) on, a citation
made on 1 December said «2 de diciembre», a day that had not come yet for the journalist.
And the expediente was left out whenever its text appeared anywhere inside the title, so a
sentence numbered «55/2023» titled «… 155/2023» (a related appeal the source names in its
heading) was cited with no expediente but the other one's. Real HTTP on 127.0.0.1, a real
SQLite/Tantivy library for the second."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.citation import citation, citation_text
from indexer.models import Sentencia, document_id
from tests.api.conftest import serving_documents

INSIDE = Sentencia(
    id=document_id("citas-numero", "https://ejemplo.gob.mx/dentro"),
    title="Recurso de revisión derivado del amparo directo 155/2023",
    date=dt.date(2023, 5, 2),
    institution="Suprema Corte de Justicia de la Nación",
    jurisdiction="MX",
    source_id="scjn",
    url="https://ejemplo.gob.mx/dentro",
    text="Texto de la sentencia.",
    court="Segunda Sala",
    expediente="55/2023",
)
NAMED = INSIDE.model_copy(
    update={
        "id": document_id("citas-numero", "https://ejemplo.gob.mx/nombrado"),
        "url": "https://ejemplo.gob.mx/nombrado",
        "title": "Amparo directo 55/2023.",
    }
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("numero")), (INSIDE, NAMED)) as url:
        yield url


def test_the_day_consulted_is_mexico_citys_not_utcs() -> None:
    evening = dt.datetime(2026, 12, 2, 2, 30, tzinfo=dt.UTC)  # 20:30 of 1 Dec in CDMX
    cited = citation(NAMED, "https://estadoabierto.mx/d/x", evening)
    assert cited["text"].endswith("(consultado el 1 de diciembre de 2026).")
    assert cited["csl"]["accessed"] == {"date-parts": [[2026, 12, 1]]}
    morning = dt.datetime(2026, 12, 2, 6, 0, tzinfo=dt.UTC)  # midnight of 2 Dec in CDMX
    assert "consultado el 2 de diciembre de 2026" in citation_text(NAMED, None, morning)


def test_an_expediente_inside_another_number_is_still_cited(base: str) -> None:
    answer = httpx.get(f"{base}/v1/documents/{INSIDE.id}")
    assert answer.status_code == 200
    text = answer.json()["citation"]["text"]
    assert "expediente 55/2023." in text
    # a title that names the expediente itself still does not get it twice
    text = httpx.get(f"{base}/v1/documents/{NAMED.id}").json()["citation"]["text"]
    assert text.count("55/2023") == 1
