"""What the public counts leaves out the documents withheld for personal data: ``/healthz``
(documents in the database), ``/fuentes`` (documents per source, per month and source,
and judgments per court and month) say what is published, so that no difference tells
that a source, a court or a month holds something under review; a document released
after review is counted again."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library
from indexer.models import PrivacyFinding, PrivacyReport, Sentencia, document_id

SOURCE = "tribunal-gto-sentencias"  # a configured source: /fuentes lists it
HIDDEN_COURT = "Juzgado Reservado de Prueba"
HELD = PrivacyReport(policy="withhold", findings=[PrivacyFinding(kind="name", start=0, end=5)])


def _judgment(n: int, court: str, day: dt.date, privacy: PrivacyReport | None) -> Sentencia:
    url = f"https://ejemplo.gob.mx/sentencia-{n}"
    return Sentencia(
        id=document_id(SOURCE, url),
        title=f"Toca civil {n}/2024",
        date=day,
        institution="Poder Judicial del Estado de Guanajuato",
        jurisdiction="MX-GUA",
        source_id=SOURCE,
        url=url,
        text=f"Sentencia número {n} sobre un arrendamiento.",
        court=court,
        privacy=privacy,
    )


@pytest.fixture
def library(tmp_path: Path, database_url: str) -> Iterator[Library]:
    library = Library.open(Settings(data_dir=tmp_path, database_url=database_url))
    for n in range(3):  # published: March 2024, Primera Sala Civil
        library.add_document(_judgment(n, "Primera Sala Civil", dt.date(2024, 3, 5), None))
    # withheld: one of a court and month nothing else has, one beside the published ones
    library.add_document(_judgment(10, HIDDEN_COURT, dt.date(2023, 7, 9), HELD))
    library.add_document(_judgment(11, "Primera Sala Civil", dt.date(2024, 3, 6), HELD))
    library.flush()
    yield library
    library.close()


def _source_count(page: str) -> int:
    found = re.search(r">([\d,.\s]+)<span class=\"sr\"> documentos de " + SOURCE, page)
    assert found, "the page lists the source's documents"
    return int(re.sub(r"\D", "", found.group(1)))


def test_healthz_and_fuentes_count_only_what_is_published(library: Library) -> None:
    with TestClient(create_app(library)) as client:
        health = client.get("/healthz").json()
        page = client.get("/fuentes").text
    assert health["database"]["documents"] == 3
    assert _source_count(page) == 3
    assert HIDDEN_COURT not in page  # no court, no month of the withheld judgment
    assert "julio 2023" not in page.lower() and "jul 2023" not in page.lower()
    # the court chart's table: Primera Sala Civil has 3 in March 2024, not 4
    table = page[page.index("Sentencias por mes") :]
    assert re.search(r">\s*3\s*<", table) and not re.search(r">\s*4\s*<", table)


def test_a_released_document_is_counted_again(library: Library) -> None:
    doc = library.db.get_document(_judgment(10, HIDDEN_COURT, dt.date(2023, 7, 9), None).id)
    assert doc is not None and doc.privacy is not None
    released = doc.privacy.model_copy(update={"reviewed": True})
    library.add_document(doc.model_copy(update={"privacy": released}))
    library.flush()
    with TestClient(create_app(library)) as client:
        assert client.get("/healthz").json()["database"]["documents"] == 4
        page = client.get("/fuentes").text
    assert _source_count(page) == 4 and HIDDEN_COURT in page
