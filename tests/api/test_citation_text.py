"""The suggested citation a journalist pastes, as the API and the page give it: sources
end titles, ponentes and courts with a period, and write the court as the institution in
capitals; neither shows up in the citation as «..» or the same name twice. Real HTTP on
127.0.0.1, a real SQLite/Tantivy library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from indexer.models import Sentencia, document_id
from tests.api.conftest import serving_documents

PERIODS = Sentencia(
    id=document_id("citas", "https://ejemplo.gob.mx/puntos"),
    title="Amparo directo en revisión 55/2023.",
    date=dt.date(2023, 3, 1),
    institution="Suprema Corte de Justicia de la Nación",
    jurisdiction="MX",
    source_id="scjn",
    url="https://ejemplo.gob.mx/puntos",
    text="Texto de la sentencia.",
    court="Primera Sala.",
    expediente="55/2023",
    ponente="Ministro Juan Pérez Núñez.",
)
SAME_COURT = Sentencia(
    id=document_id("citas", "https://ejemplo.gob.mx/mayusculas"),
    title="Juicio de la ciudadanía SUP-JDC-1/2023",
    date=dt.date(2023, 1, 9),
    institution="Tribunal Electoral del Poder Judicial de la Federación",
    jurisdiction="MX",
    source_id="tepjf",
    url="https://ejemplo.gob.mx/mayusculas",
    text="Texto de la sentencia.",
    court="TRIBUNAL ELECTORAL DEL PODER JUDICIAL DE LA FEDERACIÓN",
    expediente="SUP-JDC-1/2023",
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving_documents(Path(tmp_path_factory.mktemp("citas")), (PERIODS, SAME_COURT)) as url:
        yield url


def _citation(base: str, doc_id: str) -> str:
    answer = httpx.get(f"{base}/v1/documents/{doc_id}")
    assert answer.status_code == 200
    text: str = answer.json()["citation"]["text"]
    return text


def test_a_period_the_source_wrote_is_not_doubled(base: str) -> None:
    text = _citation(base, PERIODS.id)
    assert ".." not in text
    assert text.startswith(
        "Suprema Corte de Justicia de la Nación. Primera Sala. Sentencia: Amparo directo en "
        "revisión 55/2023. Ponente: Ministro Juan Pérez Núñez. 1 de marzo de 2023. "
        "Estado Abierto, "
    )
    page = httpx.get(f"{base}/d/{PERIODS.id}").text
    assert text.split(" (consultado")[0] in page  # the page shows the same citation


def test_a_court_that_is_the_institution_is_named_once(base: str) -> None:
    text = _citation(base, SAME_COURT.id)
    assert text.casefold().count("tribunal electoral") == 1
    assert text.startswith(
        "Tribunal Electoral del Poder Judicial de la Federación. Sentencia: Juicio de la "
        "ciudadanía SUP-JDC-1/2023. 9 de enero de 2023. Estado Abierto, "
    )
